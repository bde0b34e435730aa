// One HTTP/1.1 server on Boost.Beast: a listener and one session per
// connection, each on its own strand, answering through a Handler. Beast
// stays inside common/http/*.cc; this header is plain C++.
#ifndef EBILL_COMMON_HTTP_SERVER_H_
#define EBILL_COMMON_HTTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "common/base/result.h"
#include "common/http/handler.h"
#include "common/http/limits.h"

namespace ebill::http {

struct ServerOptions {
  std::string name = "http";     // log line prefix ("api", "metrics")
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;        // 0: any free port
  unsigned threads = 1;          // 0: hardware cores
  Limits limits;
  // After a stop: if a handler still blocks a worker 0.5 s past
  // limits.stop_timeout, end the process with status 0 (std::_Exit).
  bool exit_when_stuck = false;
};

class Server {
 public:
  // `handler` must outlive the server.
  Server(ServerOptions options, Handler& handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and listens. Returns the bound port (the chosen one when
  // port is 0), or "bad listen address X" / "cannot listen on X:P: why".
  // An accept that fails (out of file descriptors) is logged and retried
  // 100 ms later.
  Result<std::uint16_t, std::string> listen();

  // Makes SIGTERM and SIGINT start a graceful stop. Call before run().
  void stop_on_signals();

  // Serves on options.threads threads (the caller's included) until a stop
  // completes: no new connections, idle connections closed, requests in
  // flight answered (their connections then closed). Connections still busy
  // after limits.stop_timeout are cut off.
  void run();

  // Starts a graceful stop; safe from any thread, also before run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_SERVER_H_
