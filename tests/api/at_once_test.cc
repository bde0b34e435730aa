// Answers given on the session's strand, without a worker (App::
// handle_at_once): a view already in the view cache under a fresh marker
// snapshot is answered at once, byte for byte what the workers answer, even
// while every read worker is busy; whatever needs I/O (a stale snapshot, a
// miss, no-cache, a share link's row) still goes to the workers, and access
// rules hold as before. Real ebill-api over loopback on SQLite and MariaDB;
// which path answered is read from ebill_api_requests_at_once_total.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <thread>

#include "api/access/share_links.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";
constexpr const char* kAdminToken = "admin-Tok3n-0123456789";
constexpr const char* kOrigin = "https://page.example";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

// A database with meters A1 and B2: a reading every 30 minutes since 03-01,
// A1 falling 0.10 kWh, B2 0.20; A1 bought 100.00 at 03-05 09:00.
std::unique_ptr<TestDatabase> two_meters(Backend backend) {
  auto db = std::make_unique<TestDatabase>(backend);
  auto open = db->open();
  storage::MeterStore(*open).upsert({Meter{"A1", "五楼", true, 0}, Meter{"B2", "六楼", true, 0}});
  std::vector<Reading> readings;
  Hundredths a = 50000, b = 90000;
  for (LocalSeconds t = at("2025-03-01 00:00:00"); t <= at("2025-03-10 11:30:00"); t += 1800) {
    a += t == at("2025-03-05 09:00:00") ? 10000 : -10;
    b -= 20;
    readings.push_back(Reading{"A1", t, a, std::nullopt, 5000});
    readings.push_back(Reading{"B2", t, b, std::nullopt, 6000});
  }
  storage::ReadingStore(*open).insert(readings);
  return db;
}

// One value of /metrics (with the admin's token, which private and shared
// mode ask for).
std::uint64_t metric(int port, const std::string& name) {
  const std::string body =
      get(port, "/metrics", {{"Authorization", std::string("Bearer ") + kAdminToken}}).body;
  const std::size_t pos = body.find("\n" + name + " ");
  REQUIRE(pos != std::string::npos);
  return std::stoull(body.substr(pos + name.size() + 2));
}
std::uint64_t at_once(int port) { return metric(port, "ebill_api_requests_at_once_total"); }

// The headers as sent, one "name: value" line each, in order.
std::string header_text(const HttpResponse& r) {
  std::string out;
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\n";
  return out;
}

// Status, every header in order, and body alike.
void check_same(const HttpResponse& a, const HttpResponse& b) {
  CHECK(a.status == b.status);
  CHECK(header_text(a) == header_text(b));
  CHECK(a.body == b.body);
}

const std::vector<std::string> kTargets = {
    "/data?period=day&device_id=A1&date=2025-03-05",
    "/data?period=month&device_id=A1",
    "/data?period=week",  // the default meter
    "/kpi?device_id=A1",
    "/period_kpi?period=month&device_id=A1",
    "/recharge_history?device_id=A1&days=30",
};

}  // namespace

TEST_CASE("at once: a cached view is answered on the I/O thread, byte for byte the workers' answer",
          "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  const auto db = two_meters(backend);
  const Env cors = {{"CORS_ORIGINS", kOrigin}};
  const auto env = [&](const char* refresh_ms) {
    Env extra = cors;
    extra.emplace_back("VIEW_MARKER_REFRESH_MS", refresh_ms);
    return api_env(*db, "UTC", kNow, "A1:五楼,B2:六楼", extra);
  };
  // Markers read for every request: a cached answer always needs a worker.
  ApiProcess workers(env("0"));
  // A snapshot for a minute: a cached answer needs none.
  ApiProcess snapshot(env("60000"));
  const std::vector<http::Field> origin = {{"Origin", kOrigin}};
  for (const std::string& target : kTargets) {
    INFO(target);
    const HttpResponse computed = get(workers.port(), target, origin);
    REQUIRE(computed.status == 200);
    // The parts added after the handler are there to compare.
    CHECK(computed.header("Access-Control-Allow-Origin") == kOrigin);
    CHECK(computed.header("Vary") == "Origin");
    CHECK(computed.header("X-Content-Type-Options") == "nosniff");
    std::uint64_t n = at_once(workers.port());
    const HttpResponse cached_on_worker = get(workers.port(), target, origin);
    CHECK(at_once(workers.port()) == n);
    check_same(cached_on_worker, computed);

    const HttpResponse first = get(snapshot.port(), target, origin);
    check_same(first, computed);
    n = at_once(snapshot.port());
    const HttpResponse repeated = get(snapshot.port(), target, origin);
    CHECK(at_once(snapshot.port()) == n + 1);
    check_same(repeated, computed);
    // Without an Origin: no CORS headers, as from a worker.
    const HttpResponse plain = get(workers.port(), target);
    CHECK_FALSE(plain.header("Access-Control-Allow-Origin"));
    check_same(get(snapshot.port(), target), plain);
    CHECK(at_once(snapshot.port()) == n + 2);
    // HEAD: the same headers, no body.
    HttpResponse head = request(snapshot.port(), "HEAD", target, origin);
    CHECK(at_once(snapshot.port()) == n + 3);
    CHECK(head.status == 200);
    CHECK(header_text(head) == header_text(computed));
    CHECK(head.body.empty());
  }
  // Every request is counted in ebill_api_requests_total as before.
  const std::string m = get(snapshot.port(), "/metrics").body;
  CHECK_THAT(m, Catch::Contains("ebill_api_requests_total{route=\"/kpi\",status=\"200\"} 4\n"));
  CHECK_THAT(m, Catch::Contains("ebill_api_requests_total{route=\"/data\",status=\"200\"} 12\n"));
}

TEST_CASE("at once: while every read worker is busy, a cached view answers and what needs I/O is turned away",
          "[api]") {
  const auto db = two_meters(Backend::kSqlite);
  ApiProcess api(api_env(*db, "UTC", kNow, "A1:五楼,B2:六楼",
                         {{"API_WORKERS", "1"}, {"API_QUEUE_LIMIT", "1"},
                          {"VIEW_MARKER_REFRESH_MS", "60000"}}));
  const int port = api.port();
  const HttpResponse cached = get(port, "/kpi?device_id=A1");
  REQUIRE(cached.status == 200);
  // Slow requests until one is turned away: the one worker is then busy and
  // its queue full for the next 5 s (times the build's slowness).
  const int scale = test_time_scale();
  const std::string hold = "GET /test/slow?ms=" + std::to_string(std::min(5000 * scale, 10000)) +
                           " HTTP/1.1\r\nHost: x\r\n\r\n";
  std::vector<std::unique_ptr<Connection>> slow;
  bool saturated = false;
  for (int i = 0; i < 10 && !saturated; ++i) {
    slow.push_back(std::make_unique<Connection>(port));
    REQUIRE(slow.back()->send(hold));
    const auto r = slow.back()->read_response(false, std::chrono::milliseconds(300 * scale));
    if (r) {
      REQUIRE(r->status == 503);
      saturated = true;
    }
  }
  REQUIRE(saturated);
  check_same(get(port, "/kpi?device_id=A1"), cached);
  CHECK(get(port, "/healthz").status == 200);
  // A miss, a no-cache request, a meter the directory does not hold: each
  // needs the database, so each goes to the full queue and is refused.
  for (const auto& [target, headers] :
       std::vector<std::pair<std::string, std::vector<http::Field>>>{
           {"/kpi?device_id=B2", {}},
           {"/kpi?device_id=A1", {{"Cache-Control", "no-cache"}}},
           {"/kpi?device_id=C3", {}},
           {"/readyz", {}}}) {
    INFO(target);
    const HttpResponse r = get(port, target, headers);
    CHECK(r.status == 503);
    CHECK(r.body == R"({"error":"overloaded","detail":"the server is busy; retry shortly"})");
  }
}

TEST_CASE("at once: a stale marker snapshot sends the request to a worker, which sees another program's write",
          "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  const auto db = two_meters(backend);
  // Long enough for two requests in a row within it, however slow the build.
  const int refresh_ms = 1000 * test_time_scale();
  ApiProcess api(api_env(*db, "UTC", kNow, "A1:五楼,B2:六楼",
                         {{"VIEW_MARKER_REFRESH_MS", std::to_string(refresh_ms)}}));
  const int port = api.port();
  const std::string target = "/kpi?device_id=A1";
  const std::string before = get(port, target).body;
  std::uint64_t n = at_once(port);
  CHECK(get(port, target).body == before);
  CHECK(at_once(port) == n + 1);

  // Another program adds a reading; once the snapshot is older than the
  // interval the next request reads the markers on a worker and recomputes.
  auto open = db->open();
  storage::ReadingStore(*open).insert({Reading{"A1", at("2025-03-10 11:55:00"), 1234, std::nullopt, 5000}});
  std::this_thread::sleep_for(std::chrono::milliseconds(refresh_ms + 200));
  n = at_once(port);
  const auto after = get_json(port, target);
  CHECK(at_once(port) == n);
  check_amount(after, "current_balance", 12.34);
  check_string(after, "last_reading_at", std::string("2025-03-10 11:55:00"));
  // The snapshot is fresh again: the new answer, at once.
  const std::string recomputed = get(port, target).body;
  CHECK(at_once(port) == n + 1);
  CHECK(recomputed != before);
  CHECK(recomputed.find("\"last_reading_at\":\"2025-03-10 11:55:00\"") != std::string::npos);

  // No-cache reads the marker now, on a worker; so does a miss.
  n = at_once(port);
  CHECK(get(port, target, {{"Pragma", "no-cache"}}).body == recomputed);
  CHECK(get(port, "/kpi?device_id=A1&date=2025-03-09").status == 200);
  CHECK(at_once(port) == n);
}

TEST_CASE("at once: a share link stays scoped to its meter, and private mode still asks for credentials",
          "[api][access]") {
  const auto db = two_meters(Backend::kSqlite);
  std::string tenant_token;
  {
    auto open = db->open();
    tenant_token = api::create_share(*open, {"A1", "五楼租客", 86400, false}, api::unix_now())->token;
  }
  const auto env = [&](const char* mode) {
    return api_env(*db, "UTC", kNow, "A1:五楼,B2:六楼",
                   {{"ACCESS_MODE", mode}, {"ADMIN_TOKEN", kAdminToken},
                    {"VIEW_MARKER_REFRESH_MS", "60000"}});
  };
  const std::vector<http::Field> bearer = {{"Authorization", std::string("Bearer ") + kAdminToken}};
  const std::string no_meter_b = R"({"error":"unknown_device","detail":"no meter B2"})";

  SECTION("shared: a tenant of A asking for B's cached answer gets the 404, never B's body") {
    ApiProcess api(env("shared"));
    const int port = api.port();
    const HttpResponse opened = get(port, "/s/" + tenant_token);
    REQUIRE(opened.status == 200);
    const std::string set_cookie = opened.header("Set-Cookie").value_or("");
    const std::vector<http::Field> tenant = {
        {"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    for (const std::string& target : {std::string("/kpi?device_id=B2"),
                                      std::string("/data?period=day&device_id=B2"),
                                      std::string("/kpi?device_id=A1")}) {
      INFO(target);
      // The admin's answers, cached and then given at once.
      const HttpResponse admin = get(port, target, bearer);
      REQUIRE(admin.status == 200);
      std::uint64_t n = at_once(port);
      check_same(get(port, target, bearer), admin);
      CHECK(at_once(port) == n + 1);
      // The tenant's cookie needs its link's row: a worker decides.
      n = at_once(port);
      const HttpResponse r = get(port, target, tenant);
      CHECK(at_once(port) == n);
      if (target.find("B2") != std::string::npos) {
        CHECK(r.status == 404);
        CHECK(r.body == no_meter_b);
      } else {
        check_same(r, admin);
      }
    }
    // The tenant's own default view is A's.
    CHECK(get(port, "/kpi", tenant).body == get(port, "/kpi?device_id=A1", bearer).body);
  }

  SECTION("private: without credentials 401 or the sign-in page, even for a cached answer") {
    const std::string web = make_temp_dir("ebill-at-once-web");
    write_file(web + "/index.html", "<!doctype html><title>page</title>\n");
    Env e = env("private");
    e.emplace_back("WEB_ROOT", web);
    ApiProcess api(e);
    const int port = api.port();
    const std::string target = "/kpi?device_id=A1";
    const HttpResponse admin = get(port, target, bearer);
    REQUIRE(admin.status == 200);
    const HttpResponse signin =
        request(port, "POST", "/auth/signin", {}, std::string("token=") + kAdminToken);
    const std::string set_cookie = signin.header("Set-Cookie").value_or("");
    REQUIRE(set_cookie.rfind("ebill_session=", 0) == 0);
    const std::vector<http::Field> admin_cookie = {
        {"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    // The admin's cookie and token are checked by their signature: at once.
    std::uint64_t n = at_once(port);
    check_same(get(port, target, admin_cookie), admin);
    check_same(get(port, target, bearer), admin);
    CHECK(at_once(port) == n + 2);

    const HttpResponse nobody = get(port, target);
    CHECK(nobody.status == 401);
    CHECK(nobody.header("WWW-Authenticate") == "Bearer");
    CHECK(nobody.body ==
          R"({"error":"unauthorized","detail":"sign in at /signin.html, or send Authorization: Bearer <ADMIN_TOKEN>"})");
    const HttpResponse wrong = get(port, target, {{"Authorization", "Bearer wrong-token-0123456789"}});
    CHECK(wrong.status == 401);
    CHECK(wrong.body == nobody.body);
    const HttpResponse page = get(port, "/");
    CHECK(page.status == 303);
    CHECK(page.header("Location") == "/signin.html");
    CHECK(get(port, "/", admin_cookie).body == "<!doctype html><title>page</title>\n");
  }
}
