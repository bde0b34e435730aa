// The plain settings the HTTP server runs with. Who fills them is not this
// layer's business: ebill-api copies them from the configuration's
// ApiSettings (api/service/server_settings.h), which holds the defaults of
// the listener fields; the transport limits below are the server's own.
#ifndef EBILL_API_SERVER_SETTINGS_H_
#define EBILL_API_SERVER_SETTINGS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ebill::api {

struct ApiServerSettings {
  std::string host;                     // IP address to listen on
  std::uint16_t port = 0;               // 0: any free port
  unsigned threads = 0;                 // 0: hardware cores
  std::string web_root;                 // built page; "" serves no files
  std::chrono::milliseconds header_timeout{10'000};  // request line + headers + body
  std::chrono::milliseconds idle_timeout{60'000};    // between keep-alive requests
  std::chrono::milliseconds stop_timeout{4'000};     // graceful stop, then connections cut
                                                     // (and the process exits 0.5 s later
                                                     // if a handler still blocks)
  std::size_t header_limit = 16 * 1024;  // bytes (a 10,000-character parameter fits); larger → 431
  std::size_t body_limit = 64 * 1024;   // bytes; larger → 413
  std::vector<std::string> cors_origins;  // empty: CORS off; "*" allows any
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_SETTINGS_H_
