// ebill-api on the common HTTP server core (common/http/server.h): the App
// behind the core's Handler, and the core's options from the API settings.
// Run it as http::Server(server_options(settings), handler). No Beast here.
#ifndef EBILL_API_SERVER_SERVER_H_
#define EBILL_API_SERVER_SERVER_H_

#include <chrono>
#include <string_view>

#include "api/server/app.h"
#include "api/server/settings.h"
#include "common/http/handler.h"
#include "common/http/server.h"

namespace ebill::api {

// Answers through `app` (which must outlive it) on the session's strand and
// counts requests in flight for /metrics. Thread-safe, as the App is.
class AppHandler : public http::Handler {
 public:
  explicit AppHandler(const App& app) : app_(app) {}

  void handle(Request& request, http::Reply reply) override;
  Response reject(const Request& request, int status, std::string_view error,
                  std::string_view detail) override;
  void finished(const Request& request, const Response& response,
                std::chrono::nanoseconds elapsed) override;

 private:
  const App& app_;
};

// Named "api" in the log; after a stop, a handler still blocking a worker
// 0.5 s past settings.stop_timeout ends the process with status 0.
http::ServerOptions server_options(const ApiServerSettings& settings);

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_SERVER_H_
