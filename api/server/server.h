// ebill-api on the common HTTP server core (common/http/server.h): the App
// behind the core's Handler, and the core's options from the API settings.
// Run it as http::Server(server_options(settings), handler). No Beast here.
#ifndef EBILL_API_SERVER_SERVER_H_
#define EBILL_API_SERVER_SERVER_H_

#include <chrono>
#include <string_view>

#include "api/server/app.h"
#include "api/server/settings.h"
#include "api/server/worker_pool.h"
#include "common/http/handler.h"
#include "common/http/server.h"

namespace ebill::api {

// The threads handlers run on, apart from the server's I/O threads: reads
// (every route but the operator ones, and every piece of a streamed body)
// and operators (/fetch, /test_notification), so slow fetches never starve
// reads. Stop them after Server::run() returns and before the Server goes.
struct Workers {
  explicit Workers(const ApiServerSettings& s)
      : reads(s.workers, s.queue_limit), operators(s.operator_workers, s.operator_queue_limit),
        queue_deadline(s.queue_deadline) {}
  WorkerPool reads;
  WorkerPool operators;
  // A request still waiting for a worker this long after it was read is
  // answered 503 instead of run.
  std::chrono::milliseconds queue_deadline;

  // Both pools' WorkerPool::stop(grace); true when every thread ended.
  bool stop(std::chrono::milliseconds grace);
};

// Answers through `app` on the session's strand when App::handle_at_once()
// can (inline routes, cached views, what needs no I/O), else on the route's
// lane of `workers` (503 with Retry-After when the lane's queue is full or
// the request waited past the deadline); pulls streamed bodies on the read
// workers. Counts requests in flight, and those answered at once, for
// /metrics. `app` and `workers` must outlive it. Thread-safe.
class AppHandler : public http::Handler {
 public:
  AppHandler(const App& app, Workers& workers) : app_(app), workers_(workers) {}

  void handle(Request& request, http::Reply reply) override;
  Response reject(const Request& request, int status, std::string_view error,
                  std::string_view detail) override;
  void produce(const ChunkProducer& producer, std::function<void(http::Chunk)> done) override;
  void finished(const Request& request, const Response& response,
                std::chrono::nanoseconds elapsed) override;

 private:
  const App& app_;
  Workers& workers_;
};

// Named "api" in the log; after a stop, a handler still blocking a worker
// 0.5 s past settings.stop_timeout ends the process with status 0.
http::ServerOptions server_options(const ApiServerSettings& settings);

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_SERVER_H_
