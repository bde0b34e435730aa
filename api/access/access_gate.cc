#include "api/access/access_gate.h"

#include <algorithm>
#include <array>

#include "api/access/session_cookie.h"
#include "api/access/share_links.h"
#include "api/access/share_token.h"
#include "api/handlers/fetch_gate.h"
#include "api/handlers/meter_directory.h"
#include "common/domain/meter.h"
#include "common/log/log.h"

namespace ebill::api {
namespace {

constexpr std::array<std::string_view, 6> kTenantRoutes = {
    "/data", "/kpi", "/period_kpi", "/recharge_history", "/devices", "/export"};
constexpr std::array<std::string_view, 2> kOperatorRoutes = {"/fetch", "/test_notification"};
constexpr std::array<std::string_view, 3> kSessionRoutes = {"/auth/session", "/auth/signin",
                                                            "/auth/signout"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view path) {
  return std::find(list.begin(), list.end(), path) != list.end();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

Response not_signed_in() {
  Response r = error_response(401, "unauthorized",
                              "sign in at /signin.html, or send Authorization: Bearer <ADMIN_TOKEN>");
  r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

Response to_sign_in(std::string_view why) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.set_header("Location", std::string("/signin.html") + (why.empty() ? "" : "?") + std::string(why));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response forbidden(std::string_view detail) { return error_response(403, "forbidden", detail); }

// A small page for the share link's answers (no script: the CSP forbids it).
Response link_page(int status, std::string_view title, std::string_view refresh_to) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  std::string head = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<meta name=\"referrer\" content=\"no-referrer\">"
                     // Its own icon, so the browser asks no /favicon.ico (a 404).
                     "<link rel=\"icon\" type=\"image/png\" href=\"/icons/icon-192.png\">";
  if (!refresh_to.empty()) {
    head += "<meta http-equiv=\"refresh\" content=\"0; url=" + std::string(refresh_to) + "\">";
  }
  r.body = head + "<title>电费监控</title></head><body><p>" + std::string(title) + "</p>" +
           (refresh_to.empty() ? "" : "<p><a href=\"" + std::string(refresh_to) + "\">打开</a></p>") +
           "</body></html>\n";
  r.set_header("Cache-Control", "no-store");
  r.set_header("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

bool public_path(std::string_view path) {
  return path == "/healthz" || path == "/readyz" || path == "/signin.html" ||
         path == "/manifest.webmanifest" || path == "/sw.js" || starts_with(path, "/assets/") ||
         starts_with(path, "/icons/");
}

struct AccessGate::Caller {
  // kUnread: a share link's cookie whose link was not read (may_block false).
  enum class Kind { kNobody, kAdmin, kTenant, kEndedLink, kWrongBearer, kRefused, kScript, kUnread };
  Kind kind = Kind::kNobody;
  storage::ShareLink link = {};
  std::optional<Response> refusal = {};  // kRefused
};

AccessGate::AccessGate(const ApiSettings& settings, DatabaseHandle& database, FailureLimiter& failures)
    : settings_(settings), database_(database), failures_(failures),
      key_(settings.access_mode == AccessMode::kOpen ? "" : session_key(settings.admin_token)) {}

AccessGate::Caller AccessGate::identify(const Request& request, bool count_failures,
                                        bool may_block) const {
  using Kind = Caller::Kind;
  if (auto token = bearer_token(request)) {
    if (count_failures) {
      if (auto refused = failures_.refusal(request.remote_address, "tokens")) {
        return Caller{Kind::kRefused, {}, std::move(refused)};
      }
    }
    if (constant_time_equals(*token, settings_.admin_token)) return Caller{Kind::kAdmin};
    if (!settings_.fetch_token.empty() && constant_time_equals(*token, settings_.fetch_token)) {
      return Caller{Kind::kScript};
    }
    if (count_failures) failures_.failed(request.remote_address);
    return Caller{Kind::kWrongBearer};
  }
  const auto cookie = request_cookie(request, kSessionCookie);
  if (!cookie) return Caller{Kind::kNobody};
  const auto session = verify_session(*cookie, key_, unix_now());
  if (!session) return Caller{Kind::kNobody};
  if (session->kind == Session::Kind::kAdmin) return Caller{Kind::kAdmin};
  if (settings_.access_mode != AccessMode::kShared) return Caller{Kind::kNobody};
  if (!may_block) return Caller{Kind::kUnread};
  std::optional<storage::ShareLink> link;
  guard_storage([&](const Request&) {
    link = storage::ShareStore(database_.get()).get(session->share_id);
    return Response{};
  })(request);
  if (!link || !link->valid_at(unix_now())) return Caller{Kind::kEndedLink};
  return Caller{Kind::kTenant, std::move(*link)};
}

Admission AccessGate::admit(Request& request, bool route, bool may_block) const {
  using Kind = Caller::Kind;
  if (settings_.access_mode == AccessMode::kOpen) return Admission::let_on();
  const std::string& path = request.path;
  if (starts_with(path, "/s/") && !route && settings_.access_mode == AccessMode::kShared &&
      (request.method == "GET" || request.method == "HEAD")) {
    if (!may_block) return Admission::needs_io();
    return Admission::answered(open_share_link(request, std::string_view(path).substr(3)));
  }
  if (public_path(path)) return Admission::let_on();
  const bool session_route = route && one_of(kSessionRoutes, path);
  Caller who = identify(request, !session_route, may_block);
  if (who.kind == Kind::kUnread) return Admission::needs_io();
  if (session_route) {
    if (who.kind == Kind::kAdmin) {
      request.access.role = "admin";
      request.access.may_operate = true;
    }
    if (who.kind == Kind::kTenant) {
      request.access.role = "tenant";
      request.access.share_id = who.link.id;
      request.access.only_meter = who.link.meter_no;
      request.access.may_operate = who.link.allow_fetch;
    }
    return Admission::let_on();
  }
  switch (who.kind) {
    case Kind::kRefused:
      return Admission::answered(std::move(*who.refusal));
    case Kind::kAdmin:
      request.access.role = "admin";
      request.access.may_operate = true;
      return Admission::let_on();
    case Kind::kScript:
      // FETCH_TOKEN opens the operator routes only (FetchGate checks it).
      if (route && one_of(kOperatorRoutes, path)) return Admission::let_on();
      return Admission::answered(not_signed_in());
    case Kind::kTenant: {
      std::optional<Response> refused = scope_tenant(request, route, who.link);
      return refused ? Admission::answered(std::move(*refused)) : Admission::let_on();
    }
    case Kind::kEndedLink: {
      Response r = route ? error_response(401, "link_ended",
                                          "this share link has expired or was revoked; ask for a new one")
                         : to_sign_in("ended=1");
      set_session_cookie(r, "", 0, came_over_https(request));
      return Admission::answered(std::move(r));
    }
    case Kind::kWrongBearer:
    case Kind::kNobody:
    case Kind::kUnread:
      break;
  }
  if (!route && (request.method == "GET" || request.method == "HEAD")) {
    return Admission::answered(to_sign_in(""));
  }
  return Admission::answered(not_signed_in());
}

std::optional<Response> AccessGate::scope_tenant(Request& request, bool route,
                                                 const storage::ShareLink& link) const {
  request.access.role = "tenant";
  request.access.share_id = link.id;
  request.access.only_meter = link.meter_no;
  request.access.may_operate = link.allow_fetch;
  if (!route) return std::nullopt;  // the page itself
  const bool operator_route = one_of(kOperatorRoutes, request.path);
  if (operator_route && !link.allow_fetch) return forbidden("this share link does not allow fetches");
  if (!operator_route && !one_of(kTenantRoutes, request.path)) {
    return forbidden("a share link shows its one meter only");
  }
  auto it = std::find_if(request.query.begin(), request.query.end(),
                         [](const Field& f) { return f.first == "device_id"; });
  if (it == request.query.end()) {
    request.query.emplace_back("device_id", link.meter_no);
  } else if (it->second.empty()) {
    it->second = link.meter_no;
  } else if (valid_meter_id(it->second) && it->second != link.meter_no) {
    const HttpError e = unknown_device(it->second);
    return error_response(e.status, e.error, e.detail);
  }
  return std::nullopt;
}

Response AccessGate::open_share_link(const Request& request, std::string_view token) const {
  if (auto refused = failures_.refusal(request.remote_address, "share links")) return std::move(*refused);
  std::optional<storage::ShareLink> link;
  if (looks_like_share_token(token)) {
    guard_storage([&](const Request&) {
      link = storage::ShareStore(database_.get()).find_by_token_hash(share_token_hash(token));
      return Response{};
    })(request);
  }
  const std::int64_t now = unix_now();
  if (!link || !link->valid_at(now)) {
    failures_.failed(request.remote_address);
    log::info("api: share link refused: {}", link ? share_state(*link, now) : "unknown");
    return link_page(404, "此链接无效：不存在、已过期或已撤销。请向房东索取新链接。", "");
  }
  std::int64_t max_age = static_cast<std::int64_t>(settings_.session_days) * 86400;
  if (link->expires_at) max_age = std::min(max_age, *link->expires_at - now);
  const Session session{Session::Kind::kShare, link->id, now + max_age};
  Response r = link_page(200, "正在打开电表 " + link->meter_no + " …", "/");
  set_session_cookie(r, sign_session(session, key_), max_age, came_over_https(request));
  log::info("api: share link {} opened for meter {}", link->id, link->meter_no);
  return r;
}

}  // namespace ebill::api
