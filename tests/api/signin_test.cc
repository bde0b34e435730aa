// The admin's sign-in and share links over real HTTP: the cookie's
// attributes, wrong tokens limited per address (shared with FETCH_TOKEN),
// same-origin checks, sign-out, links made and revoked on /shares stopping
// at once, and the settings that stop the program.
#include <catch2/catch.hpp>

#include "api/access/share_links.h"
#include "common/storage/meter_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kAdmin = "admin-Tok3n-0123456789";

Env shared_env(const TestDatabase& db, const Env& extra = {}) {
  Env e = {{"ACCESS_MODE", "shared"}, {"ADMIN_TOKEN", kAdmin}};
  e.insert(e.end(), extra.begin(), extra.end());
  return api_env(db, "UTC", "2025-03-10 12:00:00", "A1:五楼,B2:六楼", e);
}

HttpResponse sign_in(int port, const std::string& token, std::vector<http::Field> headers = {},
                     const std::string& source = "") {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return request(port, "POST", "/auth/signin", headers, "token=" + token, source);
}

std::string cookie_of(const HttpResponse& r) {
  const std::string h = r.header("Set-Cookie").value_or("");
  return h.substr(0, h.find(';'));
}

}  // namespace

TEST_CASE("sign-in sets a signed HttpOnly SameSite=Strict cookie, Secure behind https", "[api][access]") {
  TestDatabase db(Backend::kSqlite);
  ApiProcess api(shared_env(db, {{"SESSION_DAYS", "7"}}));
  const HttpResponse ok = sign_in(api.port(), kAdmin);
  CHECK(ok.status == 200);
  const std::string set = ok.header("Set-Cookie").value_or("");
  CHECK(set.rfind("ebill_session=a.0.", 0) == 0);
  CHECK(set.find("; Path=/; Max-Age=604800; HttpOnly; SameSite=Strict") != std::string::npos);
  CHECK(set.find("Secure") == std::string::npos);
  const HttpResponse https = sign_in(api.port(), kAdmin, {{"X-Forwarded-Proto", "https"}});
  CHECK(https.header("Set-Cookie").value_or("").ends_with("; HttpOnly; SameSite=Strict; Secure"));

  const std::string cookie = cookie_of(ok);
  CHECK(get(api.port(), "/devices", {{"Cookie", cookie}}).status == 200);
  // A changed byte of the signature or of the expiry is no cookie at all.
  std::string forged = cookie;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK(get(api.port(), "/devices", {{"Cookie", forged}}).status == 401);
  std::string later = cookie;
  later.replace(later.find(".0.") + 3, 1, "9");
  CHECK(get(api.port(), "/devices", {{"Cookie", later}}).status == 401);

  // Sign-out deletes the cookie and the page's cached answers.
  const HttpResponse out = request(api.port(), "POST", "/auth/signout", {{"Cookie", cookie}});
  CHECK(out.status == 200);
  CHECK(out.header("Set-Cookie") == "ebill_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  CHECK(out.header("Clear-Site-Data") == "\"cache\"");
}

TEST_CASE("wrong admin tokens: 401, then 429 per address, counted with FETCH_TOKEN's", "[api][access]") {
  TestDatabase db(Backend::kSqlite);
  ApiProcess api(shared_env(db, {{"FETCH_TOKEN", "fetch-Tok3n-0123456789"}}));
  const std::string a = "127.0.9.1", b = "127.0.9.2";
  for (int i = 0; i < 3; ++i) {
    const HttpResponse r = sign_in(api.port(), "wrong-token-0123456789", {}, a);
    CHECK(r.status == 401);
    CHECK(r.body == R"({"error":"unauthorized","detail":"wrong admin token"})");
    CHECK(r.header("Set-Cookie") == std::nullopt);
  }
  // Wrong Bearer tokens on the API and on /fetch count in the same limit.
  CHECK(request(api.port(), "GET", "/devices", {{"Authorization", "Bearer nope-nope-nope-nope"}}, "", a).status == 401);
  CHECK(request(api.port(), "POST", "/fetch", {{"Authorization", "Bearer nope-nope-nope-nope"}}, "", a).status == 401);
  const HttpResponse limited = sign_in(api.port(), kAdmin, {}, a);
  CHECK(limited.status == 429);
  CHECK(limited.body == R"({"error":"too_many_requests","detail":"too many wrong tokens from this address"})");
  CHECK(limited.header("Retry-After"));
  CHECK(request(api.port(), "GET", "/devices", {{"Authorization", std::string("Bearer ") + kAdmin}}, "", a).status == 429);
  // Another address is not affected.
  CHECK(sign_in(api.port(), kAdmin, {}, b).status == 200);
}

TEST_CASE("sign-in, sign-out and share changes refuse cross-site requests", "[api][access]") {
  TestDatabase db(Backend::kSqlite);
  ApiProcess api(shared_env(db));
  const int port = api.port();
  const std::string cookie = cookie_of(sign_in(port, kAdmin));
  const std::vector<http::Field> evil = {{"Cookie", cookie}, {"Sec-Fetch-Site", "cross-site"},
                                         {"Content-Type", "application/x-www-form-urlencoded"}};
  const std::string cross =
      R"({"error":"cross_site","detail":"this route answers only this server's own page and scripts"})";
  for (const char* path : {"/auth/signin", "/auth/signout", "/shares", "/shares/revoke"}) {
    const HttpResponse r = request(port, "POST", path, evil, std::string("token=") + kAdmin + "&device_id=A1&id=1");
    INFO(path);
    CHECK(r.status == 403);
    CHECK(r.body == cross);
    CHECK(r.header("Set-Cookie") == std::nullopt);
  }
  const HttpResponse other = request(port, "POST", "/auth/signin", {{"Origin", "http://evil.example"}}, std::string("token=") + kAdmin);
  CHECK(other.status == 403);
  // The test client sends "Host: 127.0.0.1": the same origin is that.
  CHECK(request(port, "POST", "/auth/signin", {{"Origin", "http://127.0.0.1"}},
                std::string("token=") + kAdmin).status == 200);
}

TEST_CASE("links made on /shares open one meter, revoked ones stop at once", "[api][access][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  // Two replicas on one database: a link revoked on one stops on the other.
  ApiProcess one(shared_env(db, {{"PUBLIC_URL", "https://ebill.example"}}));
  ApiProcess two(shared_env(db));
  const std::vector<http::Field> admin = {{"Authorization", std::string("Bearer ") + kAdmin}};
  const HttpResponse made = request(one.port(), "POST", "/shares", admin, "device_id=A1&label=%E4%BA%94%E6%A5%BC&expires=30d&allow_fetch=1");
  REQUIRE(made.status == 200);
  rapidjson::Document d;
  d.Parse(made.body.c_str());
  const std::string path = d["path"].GetString();
  CHECK(std::string(d["url"].GetString()) == "https://ebill.example" + path);
  CHECK(path.size() == 3 + 43);
  CHECK(std::string(d["share"]["label"].GetString()) == "五楼");
  CHECK(d["share"]["allow_fetch"].GetBool());
  CHECK(std::string(d["share"]["state"].GetString()) == "active");
  const long long id = d["share"]["id"].GetInt64();
  // Only the hash is stored.
  CHECK(db.scalar("SELECT COUNT(*) FROM share_link WHERE token_hash = '" + path.substr(3) + "'") == "0");
  CHECK(db.scalar("SELECT LENGTH(token_hash) FROM share_link") == "64");
  // The list never shows the token.
  const HttpResponse listed = get(one.port(), "/shares", admin);
  CHECK(listed.status == 200);
  CHECK(listed.body.find(path.substr(3)) == std::string::npos);
  CHECK(listed.body.find("\"device_id\":\"A1\"") != std::string::npos);

  const HttpResponse opened = get(two.port(), path);
  CHECK(opened.status == 200);
  CHECK(opened.header("Cache-Control") == "no-store");
  CHECK(opened.header("Referrer-Policy") == "no-referrer");
  CHECK(opened.body.find("url=/") != std::string::npos);
  const std::string tenant = cookie_of(opened);
  const std::vector<http::Field> as_tenant = {{"Cookie", tenant}};
  CHECK(get(one.port(), "/devices", as_tenant).status == 200);
  CHECK(get(two.port(), "/kpi", as_tenant).status == 200);
  // The access log never holds the link's secret.
  CHECK(two.log().find(path.substr(3)) == std::string::npos);
  CHECK(two.log().find("GET /s/*** 200") != std::string::npos);

  // Bad input changes nothing.
  CHECK(request(one.port(), "POST", "/shares", admin, "device_id=ZZ9&expires=30d").body ==
        R"({"error":"bad_parameter","detail":"no meter ZZ9"})");
  CHECK(request(one.port(), "POST", "/shares", admin, "device_id=A1&expires=soon").status == 400);
  CHECK(request(one.port(), "POST", "/shares/revoke", admin, "id=999").status == 404);
  CHECK(db.scalar("SELECT COUNT(*) FROM share_link") == "1");

  const HttpResponse revoked = request(one.port(), "POST", "/shares/revoke", admin, "id=" + std::to_string(id));
  CHECK(revoked.body == "{\"revoked\":" + std::to_string(id) + "}");
  for (int port : {one.port(), two.port()}) {
    CHECK(get(port, "/devices", as_tenant).status == 401);
    CHECK(get(port, path).status == 404);
  }
  CHECK(get(one.port(), "/s/not-a-token").status == 404);
}

TEST_CASE("a wrong access setting stops the program with one line naming it", "[api][access]") {
  auto [rc, err] = run_api_expecting_exit({{"ACCESS_MODE", "public"}});
  CHECK(rc == 2);
  CHECK(err == "ebill-api: ACCESS_MODE: must be open, private or shared (got \"public\")\n");
  auto [rc2, err2] = run_api_expecting_exit({{"ACCESS_MODE", "private"}});
  CHECK(rc2 == 2);
  CHECK(err2 == "ebill-api: ADMIN_TOKEN: must be set (16+ characters) when ACCESS_MODE is private or shared (value hidden)\n");
  auto [rc3, err3] = run_api_expecting_exit({{"ACCESS_MODE", "shared"}, {"ADMIN_TOKEN", "short-token"}});
  CHECK(rc3 == 2);
  CHECK(err3 == "ebill-api: ADMIN_TOKEN: must be at least 16 characters (value hidden)\n");
}
