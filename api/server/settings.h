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
  unsigned workers = 4;                  // read workers (api/server/server.h Workers)
  std::size_t queue_limit = 256;         // requests waiting for a read worker; more → 503
  unsigned operator_workers = 2;         // /fetch and /test_notification run here
  std::size_t operator_queue_limit = 16;
  std::chrono::milliseconds queue_deadline{10'000};  // waited longer for a worker → 503
  std::size_t max_connections = 1024;    // open connections; 0 = no cap
  std::size_t max_connections_per_client = 64;  // per remote address; 0 = no cap
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_SETTINGS_H_
