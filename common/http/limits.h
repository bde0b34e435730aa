// The bounds one HTTP server holds every connection to. Plain values.
#ifndef EBILL_COMMON_HTTP_LIMITS_H_
#define EBILL_COMMON_HTTP_LIMITS_H_

#include <chrono>
#include <cstddef>

namespace ebill::http {

struct Limits {
  // A request (line, headers and body) must arrive whole within this time of
  // its first byte; on a new connection the time starts at the connect.
  std::chrono::milliseconds header_timeout{10'000};
  // Between keep-alive requests, and for writing an answer or one chunk.
  std::chrono::milliseconds idle_timeout{60'000};
  // Graceful stop: connections still busy after this are cut off.
  std::chrono::milliseconds stop_timeout{4'000};
  std::size_t header_limit = 16 * 1024;  // bytes; larger → reject(431)
  std::size_t body_limit = 64 * 1024;    // bytes; larger → reject(413)
  // Open connections at most; one accepted beyond it is closed at once
  // (no answer). 0: no cap.
  std::size_t max_connections = 0;
  // Open connections from one remote address at most; one beyond it is
  // closed at once. 0: no cap.
  std::size_t max_connections_per_client = 0;
  // The keep-alive wait instead of idle_timeout while more than 80 % of
  // max_connections are open, so idle connections make room.
  std::chrono::milliseconds crowded_idle_timeout{2'000};
};

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_LIMITS_H_
