// The HTTP/1.1 server: an acceptor and one session per connection on
// Boost.Beast, answering through an App. Beast stays inside server.cc.
#ifndef EBILL_API_SERVER_SERVER_H_
#define EBILL_API_SERVER_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "api/server/app.h"
#include "api/server/settings.h"
#include "common/base/result.h"

namespace ebill::api {

class Server {
 public:
  // `app` must outlive the server.
  Server(const ApiServerSettings& settings, const App& app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds settings.host:settings.port and listens. Returns the bound port
  // (the chosen one when settings.port is 0) or why it could not.
  Result<std::uint16_t, std::string> listen();

  // Makes SIGTERM and SIGINT start a graceful stop. Call before run().
  void stop_on_signals();

  // Serves on settings.threads threads (the caller's included) until a stop
  // completes: no new connections, idle connections closed, requests in
  // flight answered (their connections then closed). Connections still busy
  // after settings.stop_timeout are cut off; if a handler still blocks a
  // worker 0.5 s later, the process exits with status 0 (std::_Exit).
  void run();

  // Starts a graceful stop; safe from any thread, also before run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_SERVER_H_
