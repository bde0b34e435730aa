#include "api/server/server.h"

#include "api/server/metrics.h"

namespace ebill::api {

void AppHandler::handle(Request& request, http::Reply reply) {
  metrics().request_started();
  reply(app_.handle(request));
}

Response AppHandler::reject(const Request&, int status, std::string_view error,
                            std::string_view detail) {
  metrics().request_started();
  return app_.reject(status, error, detail);
}

void AppHandler::finished(const Request& request, const Response& response,
                          std::chrono::nanoseconds elapsed) {
  app_.finished(request, response, elapsed);
  metrics().request_finished();
}

http::ServerOptions server_options(const ApiServerSettings& s) {
  http::ServerOptions o;
  o.name = "api";
  o.host = s.host;
  o.port = s.port;
  o.threads = s.threads;
  o.limits.header_timeout = s.header_timeout;
  o.limits.idle_timeout = s.idle_timeout;
  o.limits.stop_timeout = s.stop_timeout;
  o.limits.header_limit = s.header_limit;
  o.limits.body_limit = s.body_limit;
  o.exit_when_stuck = true;
  return o;
}

}  // namespace ebill::api
