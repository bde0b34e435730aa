#include "api/server/app.h"

#include <exception>

#include "api/server/metrics.h"
#include "api/routing/query.h"
#include "common/log/log.h"

namespace ebill::api {
namespace {

Response text(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

// Fills request.path and request.query from request.target; false when the
// target is not origin-form or holds a malformed escape.
bool decode_target(Request& request) {
  std::string_view target = request.target;
  request.query.clear();
  if (target.empty() || target.front() != '/') return false;
  std::size_t q = target.find('?');
  auto path = percent_decode(target.substr(0, q), false);
  if (!path || path->find('\0') != std::string::npos) return false;
  request.path = std::move(*path);
  if (q != std::string_view::npos) {
    auto query = parse_query(target.substr(q + 1));
    if (!query) return false;
    request.query = std::move(*query);
  }
  return true;
}

// Adds `field` to the response's Vary list (keeping Accept-Encoding).
void add_vary(Response& response, std::string_view field) {
  for (auto& [name, value] : response.headers) {
    if (iequals(name, "Vary")) {
      value += ", ";
      value += field;
      return;
    }
  }
  response.headers.emplace_back("Vary", std::string(field));
}

// On every answer: no content sniffing; pages (HTML) load scripts, styles,
// images and connections from this origin only (no inline script) and are
// never framed.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

void add_security_headers(Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  if (response.content_type.rfind("text/html", 0) == 0) {
    response.set_header("Content-Security-Policy", kPagePolicy);
    response.set_header("X-Frame-Options", "DENY");
  }
}

// What `answer` returns, or the JSON error for what it throws: an HttpError
// its own status, anything else 500 with a log line.
template <typename F>
auto guarded(const Request& request, F&& answer) -> decltype(answer()) {
  try {
    return answer();
  } catch (const HttpError& e) {
    bool valid = e.status >= 400 && e.status <= 599;
    return error_response(valid ? e.status : 500, e.error, e.detail);
  } catch (const std::exception& e) {
    log::error("api: {} {} failed: {}", request.method, request.path, e.what());
    return error_response(500, "internal", "the server failed to answer this request");
  } catch (...) {
    log::error("api: {} {} failed: unknown exception", request.method, request.path);
    return error_response(500, "internal", "the server failed to answer this request");
  }
}

}  // namespace

App::App(const ApiServerSettings& settings)
    : files_(settings.web_root), cors_origins_(settings.cors_origins) {
  router_.get("/healthz", [](const Request&) {
    return text(200, "application/json", "{\"status\":\"ok\"}");
  });
  // Liveness answers on the I/O thread: a full worker queue is not death.
  router_.set_lane("/healthz", Lane::kInline);
}

bool App::origin_allowed(std::string_view origin) const {
  for (const auto& o : cors_origins_) {
    if (o == "*" || o == origin) return true;
  }
  return false;
}

void App::add_cors(const Request& request, Response& response) const {
  if (cors_origins_.empty()) return;
  auto origin = request.header("Origin");
  if (!origin || !origin_allowed(*origin)) return;
  response.set_header("Access-Control-Allow-Origin", *origin);
  add_vary(response, "Origin");
  if (request.method == "OPTIONS" && request.header("Access-Control-Request-Method")) {
    response.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
    response.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    response.set_header("Access-Control-Max-Age", "600");
  }
}

std::optional<Response> App::dispatch(Request& request, bool may_block) const {
  request.access = {};  // the gate's to fill in, on every attempt
  if (request.method == "OPTIONS" && request.target == "*") {
    Response r = text(204, "", "");
    r.route = "options";
    r.set_header("Allow", "GET, HEAD, POST, OPTIONS");
    return r;
  }
  if (!decode_target(request)) {
    Response r = error_response(400, "bad_request", "malformed request target");
    r.route = "invalid";
    return r;
  }
  Router::Match match = router_.find(request.method, request.path);
  if (gate_ && request.method != "OPTIONS") {
    bool needs_io = false;
    std::optional<Response> refused = guarded(request, [&]() -> std::optional<Response> {
      Admission a = gate_(request, match.path_known, may_block);
      needs_io = a.kind == Admission::Kind::kNeedsIo;
      if (a.kind != Admission::Kind::kAnswer) return std::nullopt;
      return std::move(a.answer);
    });
    if (needs_io) return std::nullopt;
    if (refused) {
      refused->route = match.path_known ? request.path : "access";
      return refused;
    }
  }
  if (match.path_known) {
    if (request.method == "OPTIONS") {
      Response r = text(204, "", "");
      r.set_header("Allow", std::string(match.allow));
      r.route = request.path;
      return r;
    }
    if (!match.handler) {
      Response r = error_response(405, "method_not_allowed",
                                  request.method + " is not allowed on " + request.path);
      r.set_header("Allow", std::string(match.allow));
      r.route = request.path;
      return r;
    }
    std::optional<Response> r;
    if (may_block || match.lane == Lane::kInline) {
      r = guarded(request, [&] { return (*match.handler)(request); });
    } else if (match.at_once) {
      try {
        r = (*match.at_once)(request);
      } catch (...) {
        return std::nullopt;  // the handler answers, on its lane
      }
    }
    if (r) r->route = request.path;
    return r;
  }
  if (!may_block) return std::nullopt;  // a file, or the 404 after looking for one
  bool read = request.method == "GET" || request.method == "HEAD";
  if (read || request.method == "OPTIONS") {
    if (auto file = files_.serve(request)) {
      if (!read) {
        file->status = 204;
        file->body.clear();
        file->set_header("Allow", "GET, HEAD, OPTIONS");
      }
      file->route = "static";
      return std::move(*file);
    }
  }
  Response r = error_response(404, "not_found", "no such path: " + request.path);
  r.route = "not_found";
  return r;
}

Lane App::lane(Request& request) const {
  if (!decode_target(request)) return Lane::kRead;
  Router::Match match = router_.find(request.method, request.path);
  return match.handler ? match.lane : Lane::kRead;
}

Response App::overloaded(const Request& request, std::string_view detail) const {
  Response r = error_response(503, "overloaded", detail);
  r.set_header("Retry-After", "1");
  r.route = "overloaded";
  return finish(request, std::move(r));
}

Response App::finish(const Request& request, Response response) const {
  add_cors(request, response);
  add_security_headers(response);
  return response;
}

Response App::handle(Request& request) const {
  return finish(request, *dispatch(request, true));
}

std::optional<Response> App::handle_at_once(Request& request) const {
  std::optional<Response> r = dispatch(request, false);
  if (!r) return std::nullopt;
  return finish(request, std::move(*r));
}

Response App::reject(int status, std::string_view error, std::string_view detail) const {
  Response r = error_response(status, error, detail);
  r.route = "invalid";
  add_security_headers(r);
  return r;
}

void App::finished(const Request& request, const Response& response,
                   std::chrono::nanoseconds elapsed) const {
  metrics().record(response.route, response.status, elapsed);
  double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  log::info("api: {} {} {} {:.1f}ms", request.method.empty() ? "-" : request.method,
            request.target.empty() ? "-" : redact_target(request.target), response.status, ms);
}

}  // namespace ebill::api
