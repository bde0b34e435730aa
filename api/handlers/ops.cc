// /readyz and /metrics (the framework's metrics plus the database's query
// counter).
#include <fmt/format.h>

#include "api/handlers/handlers.h"
#include "api/server/metrics.h"

namespace ebill::api {

void add_ops_routes(Router& router, const ApiContext& context) {
  const ApiContext* c = &context;
  router.get("/readyz", [c](const Request&) {
    if (!c->database.ready()) {
      return error_response(503, "database_unavailable", "the database does not answer");
    }
    return json_response("{\"status\":\"ready\"}");
  });
  router.get("/metrics", [c](const Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics().render() +
             fmt::format("# HELP ebill_api_database_queries_total SQL statements sent.\n"
                         "# TYPE ebill_api_database_queries_total counter\n"
                         "ebill_api_database_queries_total {}\n",
                         c->database.query_count());
    return r;
  });
}

}  // namespace ebill::api
