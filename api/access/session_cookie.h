// The sign-in cookie: who (the admin, or share link N) until when, signed
// with HMAC-SHA256 under a key derived from ADMIN_TOKEN, so every replica
// with the same settings accepts it and changing the token ends every
// session. Value: "<a|s>.<share id>.<expires, Unix seconds>.<base64url MAC>".
// Pure and thread-safe; times are Unix seconds (UTC).
#ifndef EBILL_API_ACCESS_SESSION_COOKIE_H_
#define EBILL_API_ACCESS_SESSION_COOKIE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"

namespace ebill::api {

inline constexpr std::string_view kSessionCookie = "ebill_session";

struct Session {
  enum class Kind { kAdmin, kShare };
  Kind kind = Kind::kAdmin;
  std::int64_t share_id = 0;    // kShare: the share_link row; 0 for the admin
  std::int64_t expires_at = 0;  // Unix seconds
  friend bool operator==(const Session&, const Session&) = default;
};

// The signing key for `admin_token` (32 bytes).
std::string session_key(std::string_view admin_token);

// The cookie value of `session`.
std::string sign_session(const Session& session, std::string_view key);

// The session `value` holds when its MAC is right (compared in constant
// time) and it has not expired at `now`; nullopt otherwise.
std::optional<Session> verify_session(std::string_view value, std::string_view key, std::int64_t now);

// The value of cookie `name` in the request's Cookie headers, or nullopt.
std::optional<std::string> request_cookie(const Request& request, std::string_view name);

// True when the request reached the proxy in front over https
// (X-Forwarded-Proto: https): the cookie is then marked Secure.
bool came_over_https(const Request& request);

// Sets the session cookie on `response`: Path=/, Max-Age = `max_age_s`
// (0 deletes it), HttpOnly, SameSite=Strict, and Secure when `secure`.
void set_session_cookie(Response& response, const std::string& value, std::int64_t max_age_s, bool secure);

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_SESSION_COOKIE_H_
