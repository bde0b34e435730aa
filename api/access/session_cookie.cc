#include "api/access/session_cookie.h"

#include <charconv>

#include "api/access/share_token.h"
#include "api/handlers/fetch_gate.h"
#include "common/notify/encoding.h"

namespace ebill::api {
namespace {

std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

std::string payload(const Session& s) {
  return std::string(s.kind == Session::Kind::kAdmin ? "a" : "s") + '.' + std::to_string(s.share_id) +
         '.' + std::to_string(s.expires_at);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string session_key(std::string_view admin_token) {
  return notify::hmac_sha256(admin_token, "ebill session cookie v1");
}

std::string sign_session(const Session& session, std::string_view key) {
  const std::string p = payload(session);
  return p + '.' + base64url(notify::hmac_sha256(key, p));
}

std::optional<Session> verify_session(std::string_view value, std::string_view key, std::int64_t now) {
  const std::size_t mac_at = value.rfind('.');
  if (mac_at == std::string_view::npos) return std::nullopt;
  const std::string_view p = value.substr(0, mac_at);
  if (!constant_time_equals(std::string(value.substr(mac_at + 1)), base64url(notify::hmac_sha256(key, p)))) {
    return std::nullopt;
  }
  // The MAC is right: the payload is one this server wrote.
  const std::size_t a = p.find('.');
  const std::size_t b = a == std::string_view::npos ? a : p.find('.', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view kind = p.substr(0, a);
  const auto id = whole(p.substr(a + 1, b - a - 1));
  const auto expires = whole(p.substr(b + 1));
  if ((kind != "a" && kind != "s") || !id || !expires || now >= *expires) return std::nullopt;
  return Session{kind == "a" ? Session::Kind::kAdmin : Session::Kind::kShare, *id, *expires};
}

std::optional<std::string> request_cookie(const Request& request, std::string_view name) {
  for (const auto& [field, value] : request.headers) {
    if (!iequals(field, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t semi = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
        return std::string(trim(pair.substr(eq + 1)));
      }
    }
  }
  return std::nullopt;
}

bool came_over_https(const Request& request) {
  const auto proto = request.header("X-Forwarded-Proto");
  if (!proto) return false;
  const std::string_view first = trim(std::string_view(*proto).substr(0, proto->find(',')));
  return iequals(first, "https");
}

void set_session_cookie(Response& response, const std::string& value, std::int64_t max_age_s, bool secure) {
  std::string cookie = std::string(kSessionCookie) + '=' + value + "; Path=/; Max-Age=" +
                       std::to_string(max_age_s < 0 ? 0 : max_age_s) + "; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  response.headers.emplace_back("Set-Cookie", std::move(cookie));
}

}  // namespace ebill::api
