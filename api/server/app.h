// Everything the server does with a request once it has been read, in plain
// C++: target decoding, CORS, routing, static files, error answers, metrics
// and the access log. The server core's session (common/http) only moves bytes.
#ifndef EBILL_API_SERVER_APP_H_
#define EBILL_API_SERVER_APP_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/server/http_types.h"
#include "api/routing/router.h"
#include "api/server/settings.h"
#include "api/server/static_files.h"

namespace ebill::api {

class App {
 public:
  // Registers /healthz; serves files from settings.web_root. /metrics is
  // the ops routes' (api/handlers/ops.cc).
  explicit App(const ApiServerSettings& settings);

  // Register data endpoints here before the server starts.
  Router& router() { return router_; }

  // Consulted before every routed or static answer (not OPTIONS, not a
  // malformed target): kLetOn lets the request on (the gate may fill in
  // request.access and the query), kAnswer sends its answer; with
  // `may_block` false it must not wait on I/O and says kNeedsIo instead,
  // having changed nothing. `route` is true for a path with routes. Set
  // before the server starts; may throw like a handler. Unset: nothing is
  // checked.
  using Gate = std::function<Admission(Request& request, bool route, bool may_block)>;
  void set_gate(Gate gate) { gate_ = std::move(gate); }

  // The answer to `request` (whose path and query it decodes from the
  // target). Never throws: handler exceptions become 500 (HttpError its
  // own status). Sets response.route for metrics.
  Response handle(Request& request) const;

  // handle(request) when it can be answered on the calling thread (the
  // session's strand) without I/O: OPTIONS, malformed targets, 405s, inline
  // routes (Lane::kInline), refusals and admissions the gate decides from
  // the request alone, and routes whose AtOnce answers (a view already
  // cached under a fresh change marker). Else nullopt: run handle() on
  // lane(request). Never throws.
  std::optional<Response> handle_at_once(Request& request) const;

  // Where handle() runs for a request handle_at_once() did not answer (its
  // path and query decoded from the target here; dispatching decodes them
  // again). Never throws.
  Lane lane(Request& request) const;

  // The 503 answer (with Retry-After) for a request the workers could not
  // take in time.
  Response overloaded(const Request& request, std::string_view detail) const;

  // The answer for a request the session could not read (431, 413, 400).
  Response reject(int status, std::string_view error, std::string_view detail) const;

  // After the answer was written (or abandoned): metrics and one access-log
  // line "api: GET /data?period=day 200 1.3ms" (the token parameter dropped).
  void finished(const Request& request, const Response& response,
                std::chrono::nanoseconds elapsed) const;

 private:
  // The answer; nullopt only when `may_block` is false and it needs I/O.
  std::optional<Response> dispatch(Request& request, bool may_block) const;
  Response finish(const Request& request, Response response) const;
  bool origin_allowed(std::string_view origin) const;
  void add_cors(const Request& request, Response& response) const;

  Router router_;
  StaticFiles files_;
  std::vector<std::string> cors_origins_;
  Gate gate_;
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_APP_H_
