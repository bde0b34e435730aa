// The plain parts of the access modes: the session cookie's signature and
// expiry, share tokens and their hashes, link lifetimes, Cookie parsing.
#include <catch2/catch.hpp>

#include <set>

#include "api/access/session_cookie.h"
#include "api/access/share_links.h"
#include "api/access/share_token.h"

using namespace ebill;
using namespace ebill::api;

TEST_CASE("a signed session verifies until it expires, and only under its key") {
  const std::string key = session_key("admin-Tok3n-0123456789");
  CHECK(key.size() == 32);
  const Session admin{Session::Kind::kAdmin, 0, 1'800'000'000};
  const std::string value = sign_session(admin, key);
  CHECK(value.rfind("a.0.1800000000.", 0) == 0);
  CHECK(verify_session(value, key, 1'799'999'999) == admin);
  CHECK(verify_session(value, key, 1'800'000'000) == std::nullopt);  // expired at that second
  CHECK(verify_session(value, session_key("another-token-0123456"), 1'700'000'000) == std::nullopt);

  const Session share{Session::Kind::kShare, 42, 1'800'000'000};
  const std::string s = sign_session(share, key);
  CHECK(verify_session(s, key, 1'700'000'000) == share);
  // Any change to what is signed breaks the signature: another link's id,
  // a later expiry, the admin's kind.
  for (std::string forged : {std::string("s.43") + s.substr(4), std::string("s.42.1900000000") + s.substr(15),
                             std::string("a") + s.substr(1)}) {
    INFO(forged);
    CHECK(verify_session(forged, key, 1'700'000'000) == std::nullopt);
  }
  for (const char* junk : {"", ".", "a.0.1", "a.0.x.y", "s..1800000000.abc", "ebill"}) {
    CHECK(verify_session(junk, key, 0) == std::nullopt);
  }
}

TEST_CASE("share tokens: 256 random bits in 43 base64url characters, stored as SHA-256 hex") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string t = new_share_token();
    CHECK(looks_like_share_token(t));
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
  // FIPS 180-2's example: SHA-256("abc").
  CHECK(share_token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(base64url("\xfb\xff") == "-_8");
  CHECK_FALSE(looks_like_share_token("short"));
  CHECK_FALSE(looks_like_share_token(std::string(43, '+')));
}

TEST_CASE("link lifetimes: days, hours or never, nothing else") {
  CHECK(parse_share_lifetime("90d").value() == std::optional<std::int64_t>(90 * 86400));
  CHECK(parse_share_lifetime("12h").value() == std::optional<std::int64_t>(12 * 3600));
  CHECK(parse_share_lifetime("never").value() == std::nullopt);
  for (const char* bad : {"", "d", "0d", "3651d", "90", "90m", "-1d", "1.5d", "90 d", "87601h"}) {
    INFO(bad);
    CHECK_FALSE(parse_share_lifetime(bad));
  }
  CHECK(utc_iso(0) == "1970-01-01T00:00:00Z");
  CHECK(utc_iso(1'800'000'000) == "2027-01-15T08:00:00Z");
}

TEST_CASE("the session cookie is found among others, and X-Forwarded-Proto https makes it Secure") {
  http::Request r;
  r.headers = {{"cookie", "a=1; ebill_session=s.1.2.xyz ;b=2"}};
  CHECK(request_cookie(r, "ebill_session") == "s.1.2.xyz");
  CHECK(request_cookie(r, "b") == "2");
  CHECK(request_cookie(r, "ebill") == std::nullopt);
  CHECK_FALSE(came_over_https(r));
  r.headers.emplace_back("X-Forwarded-Proto", "HTTPS, http");
  CHECK(came_over_https(r));
  http::Response out;
  set_session_cookie(out, "v", 60, true);
  CHECK(out.headers.back().second == "ebill_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
}
