#include "api/server/server.h"

#include "api/server/metrics.h"

namespace ebill::api {

bool Workers::stop(std::chrono::milliseconds grace) {
  const bool operators_ended = operators.stop(grace);
  return reads.stop(grace) && operators_ended;
}

void AppHandler::handle(Request& request, http::Reply reply) {
  metrics().request_started();
  if (std::optional<Response> answer = app_.handle_at_once(request)) {
    metrics().count_answered_at_once();
    return reply(std::move(*answer));
  }
  WorkerPool& pool = app_.lane(request) == Lane::kOperator ? workers_.operators : workers_.reads;
  const auto queued = std::chrono::steady_clock::now();
  // `reply` is shared so the refusal below can still use it when the pool
  // drops the task.
  auto shared_reply = std::make_shared<http::Reply>(std::move(reply));
  const bool taken = pool.try_submit([this, &request, shared_reply, queued] {
    if (std::chrono::steady_clock::now() - queued > workers_.queue_deadline) {
      return (*shared_reply)(app_.overloaded(request, "the request waited too long for a worker"));
    }
    (*shared_reply)(app_.handle(request));
  });
  if (!taken) (*shared_reply)(app_.overloaded(request, "the server is busy; retry shortly"));
}

Response AppHandler::reject(const Request&, int status, std::string_view error,
                            std::string_view detail) {
  metrics().request_started();
  return app_.reject(status, error, detail);
}

void AppHandler::produce(const ChunkProducer& producer, std::function<void(http::Chunk)> done) {
  workers_.reads.submit(
      [&producer, done = std::move(done)] { done(http::pull_chunk(producer)); });
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
  o.limits.max_connections = s.max_connections;
  o.limits.max_connections_per_client = s.max_connections_per_client;
  o.exit_when_stuck = true;
  return o;
}

}  // namespace ebill::api
