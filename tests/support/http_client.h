// A small blocking HTTP/1.1 client over plain sockets for the tests: it can
// also send raw bytes (garbage, half requests) and notice a closed peer.
#ifndef EBILL_TESTS_SUPPORT_HTTP_CLIENT_H_
#define EBILL_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/http/message.h"

namespace ebill::test {

struct HttpResponse {
  int status = 0;
  std::vector<http::Field> headers;
  std::string body;  // de-chunked
  bool chunked = false;
  std::optional<std::string> header(std::string_view name) const;
};

class Connection {
 public:
  // To 127.0.0.1, from `source` (another loopback address such as
  // "127.0.4.2", so a server sees several clients) or any address when
  // empty; throws when it cannot bind or connect.
  explicit Connection(int port, const std::string& source = "");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // False when the peer has closed (EPIPE/ECONNRESET).
  bool send(std::string_view bytes);
  // One response; nullopt when the connection ends first or `timeout` passes.
  std::optional<HttpResponse> read_response(bool head = false,
                                            std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the peer closes (EOF or reset) within `timeout`; bytes it sends
  // meanwhile are discarded.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  // Bytes read (> 0), 0 at end of stream or on error, -1 at the deadline.
  long receive(char* data, std::size_t size, std::chrono::steady_clock::time_point deadline);
  bool fill(std::chrono::steady_clock::time_point deadline);  // more bytes into buf_
  int fd_ = -1;
  std::string buf_;
};

// EBILL_TEST_TIME_SCALE (a whole number from 1 to 100, default 1): how many
// times slower the programs under test run (the sanitizer trees set it).
// Throws for another value.
int test_time_scale();

// One request on a fresh connection ("Connection: close" added), from
// `source` as Connection takes it; throws when no answer comes within 5 s
// times EBILL_TEST_TIME_SCALE (a whole number, default 1; the sanitizer
// trees of scripts/test, whose programs run several times slower, set it).
HttpResponse request(int port, std::string_view method, std::string_view target,
                     const std::vector<http::Field>& headers = {}, std::string_view body = "",
                     const std::string& source = "");
inline HttpResponse get(int port, std::string_view target,
                        const std::vector<http::Field>& headers = {}) {
  return request(port, "GET", target, headers);
}

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_HTTP_CLIENT_H_
