#include "api/access/access_routes.h"

#include "api/access/session_cookie.h"
#include "api/access/share_links.h"
#include "api/handlers/context.h"
#include "api/handlers/fetch_gate.h"
#include "api/routing/query.h"
#include "common/log/log.h"

namespace ebill::api {
namespace {

std::string_view mode_name(AccessMode mode) {
  switch (mode) {
    case AccessMode::kOpen: return "open";
    case AccessMode::kPrivate: return "private";
    case AccessMode::kShared: return "shared";
  }
  return "open";
}

Response cross_site() {
  return error_response(403, "cross_site", "this route answers only this server's own page and scripts");
}

// The first value of `name` in a form-encoded body.
std::optional<std::string> form_field(const Request& request, std::string_view name) {
  auto fields = parse_query(request.body);
  if (!fields) return std::nullopt;
  for (auto& [k, v] : *fields) {
    if (k == name) return std::move(v);
  }
  return std::nullopt;
}

Response session(const AccessGate& gate, const Request& request) {
  JsonWriter json;
  json.begin_object();
  json.key("mode").string(std::string(mode_name(gate.mode())));
  json.key("role").string(request.access.role.empty() ? std::nullopt
                                                      : std::optional(request.access.role));
  json.key("device_id").string(request.access.only_meter);
  json.key("allow_fetch").boolean(request.access.role == "admin" || request.access.may_operate);
  json.end_object();
  Response r = json_response(json.take());
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response sign_in(const AccessGate& gate, const Request& request) {
  if (!same_site(request)) return cross_site();
  if (auto refused = gate.failures().refusal(request.remote_address, "tokens")) return std::move(*refused);
  const auto token = form_field(request, "token");
  if (!token || !constant_time_equals(*token, gate.settings().admin_token)) {
    gate.failures().failed(request.remote_address);
    log::warn("api: sign-in refused from {}: wrong token", request.remote_address);
    return error_response(401, "unauthorized", "wrong admin token");
  }
  const std::int64_t now = unix_now();
  const std::int64_t max_age = static_cast<std::int64_t>(gate.settings().session_days) * 86400;
  JsonWriter json;
  json.begin_object();
  json.key("signed_in").boolean(true);
  json.key("role").string("admin");
  json.key("expires_at").string(utc_iso(now + max_age));
  json.end_object();
  Response r = json_response(json.take());
  set_session_cookie(r, sign_session(Session{Session::Kind::kAdmin, 0, now + max_age}, gate.key()),
                     max_age, came_over_https(request));
  r.set_header("Cache-Control", "no-store");
  log::info("api: admin signed in from {}", request.remote_address);
  return r;
}

Response sign_out(const Request& request) {
  if (!same_site(request)) return cross_site();
  Response r = json_response("{\"signed_out\":true}");
  set_session_cookie(r, "", 0, came_over_https(request));
  r.set_header("Clear-Site-Data", "\"cache\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response list_shares(const AccessGate& gate) {
  const std::int64_t now = unix_now();
  const auto links = storage::ShareStore(gate.database().get()).list();
  JsonWriter json;
  json.begin_object();
  json.key("shares").begin_array();
  for (const auto& link : links) write_share(json, link, now);
  json.end_array();
  json.end_object();
  Response r = json_response(json.take());
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response create(const AccessGate& gate, const Request& request) {
  if (!same_site(request)) return cross_site();
  ShareRequest want;
  want.meter_no = form_field(request, "device_id").value_or("");
  want.label = form_field(request, "label").value_or("");
  const auto lifetime = parse_share_lifetime(form_field(request, "expires").value_or("90d"));
  if (!lifetime) return error_response(400, "bad_parameter", lifetime.error());
  want.lifetime_s = *lifetime;
  const std::string allow = form_field(request, "allow_fetch").value_or("");
  want.allow_fetch = allow == "1" || allow == "true" || allow == "on";
  const std::int64_t now = unix_now();
  auto created = create_share(gate.database().get(), want, now);
  if (!created) return error_response(400, "bad_parameter", created.error());
  log::info("api: share link {} created for meter {}", created->link.id, created->link.meter_no);
  JsonWriter json;
  json.begin_object();
  json.key("share");
  write_share(json, created->link, now);
  json.key("url").string(share_url(gate.settings().public_url, created->token));
  json.key("path").string(share_url("", created->token));
  json.end_object();
  Response r = json_response(json.take());
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response revoke(const AccessGate& gate, const Request& request) {
  if (!same_site(request)) return cross_site();
  const std::string id_text = form_field(request, "id").value_or("");
  const auto id = parse_share_id(id_text);
  if (!id) return error_response(400, "bad_parameter", "id must be a share link's number");
  if (!storage::ShareStore(gate.database().get()).revoke(*id, unix_now())) {
    return error_response(404, "unknown_share", "no share link " + id_text);
  }
  log::info("api: share link {} revoked", *id);
  return json_response("{\"revoked\":" + std::to_string(*id) + "}");
}

}  // namespace

void add_access_routes(Router& router, const AccessGate& gate) {
  const AccessGate* g = &gate;
  router.get("/auth/session", [g](const Request& r) { return session(*g, r); });
  if (gate.mode() == AccessMode::kOpen) return;
  router.post("/auth/signin", [g](const Request& r) { return sign_in(*g, r); });
  router.post("/auth/signout", [](const Request& r) { return sign_out(r); });
  router.get("/shares", guard_storage([g](const Request&) { return list_shares(*g); }));
  router.post("/shares", guard_storage([g](const Request& r) { return create(*g, r); }));
  router.post("/shares/revoke", guard_storage([g](const Request& r) { return revoke(*g, r); }));
}

}  // namespace ebill::api
