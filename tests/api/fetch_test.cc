// /fetch of the real ebill-api against the real simulator (ebill-meter-sim,
// clock frozen at 2025-03-10 12:00:00, seed 1): the stored reading, the
// token, the per-meter cooldown, and failures that say why.
#include <catch2/catch.hpp>

#include <regex>
#include <thread>

#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"
#include "tests/sim/meter_model.h"
#include "tests/sim/sim_process.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kSimTime = "2025-03-10 12:00:00";
constexpr const char* kMeter = "19501609994";
constexpr const char* kOther = "19501609995";
constexpr const char* kToken = "s3cret-Tok3n-0123456";

struct Rig {
  SimProcess sim{{"--speed", "0", "--start", kSimTime, "--seed", "1", "--slow-ms", "5000"}};
  TestDatabase db{Backend::kSqlite};
  std::optional<ApiProcess> api;
  explicit Rig(const Env& extra) {
    Env env = {{"METER_SOURCE_URL", sim.url("/nat/pay.aspx?mid={meter}")},
               {"FETCH_CONNECT_TIMEOUT", "1"},
               {"FETCH_TIMEOUT", "1"},
               {"FETCH_RETRIES", "0"}};
    env.insert(env.end(), extra.begin(), extra.end());
    api.emplace(api_env(db, "UTC", kSimTime, std::string(kMeter) + "," + kOther, env));
  }
  int port() const { return api->port(); }
  void fault(const std::string& meter, const std::string& mode) {
    http_get(sim.url("/_control/fault?mid=" + meter + "&mode=" + mode));
  }
};

rapidjson::Document parse(const HttpResponse& r) {
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

double kwh(Hundredths h) { return static_cast<double>(h) / 100.0; }

}  // namespace

TEST_CASE("fetch stores the page's reading, then the cooldown answers 429", "[fetch]") {
  Rig rig(Env{});
  const Reading page = sim::reading_at(1, kMeter, parse_datetime(kSimTime).value());

  auto r = request(rig.port(), "POST", std::string("/fetch?device_id=") + kMeter);
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto d = parse(r);
  check_string(d, "message", "抓取成功");
  check_string(d, "device_id", kMeter);
  check_amount(d, "balance", kwh(page.remain));
  check_amount(d, "remain_money", kwh(*page.remain_money));
  check_amount(d, "unit_price", static_cast<double>(*page.unit_price) / 10000.0);
  REQUIRE(d["collected_at"].IsString());
  const std::string collected_at = d["collected_at"].GetString();
  CHECK(std::regex_match(collected_at, std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")));
  CHECK(d["stored"].GetBool());

  // Stored: the reading and a successful attempt.
  auto devices = get_json(rig.port(), "/devices");
  const auto& first = devices["devices"][0];
  check_string(first, "id", kMeter);
  check_amount(first, "last_balance", kwh(page.remain));
  check_string(first, "last_reading_at", collected_at);
  check_string(first["status"], "last_success", collected_at);
  CHECK(first["status"]["consecutive_failures"].GetInt() == 0);

  // One manual fetch per meter per 30 s; another meter is not held back.
  auto again = get(rig.port(), std::string("/fetch?device_id=") + kMeter);
  CHECK(again.status == 429);
  auto wait = again.header("Retry-After");
  REQUIRE(wait);
  CHECK(std::stoi(*wait) >= 1);
  CHECK(std::stoi(*wait) <= 30);
  check_string(parse(again), "error", "too_many_requests");
  CHECK(get(rig.port(), std::string("/fetch?device_id=") + kOther).status == 200);
}

TEST_CASE("with FETCH_TOKEN set, fetch needs the token in the Authorization header", "[fetch]") {
  Rig rig(Env{{"FETCH_TOKEN", kToken}, {"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}});
  const std::string target = std::string("/fetch?device_id=") + kMeter;
  for (const auto& headers : std::vector<std::vector<api::Field>>{
           {}, {{"Authorization", "Bearer wrong"}}, {{"Authorization", std::string("Basic ") + kToken}}}) {
    auto r = request(rig.port(), "POST", target, headers);
    CHECK(r.status == 401);
    check_string(parse(r), "error", "unauthorized");
    CHECK(r.header("WWW-Authenticate") == "Bearer");
  }
  // The token as a parameter (proxy logs, browser history) does not count.
  CHECK(get(rig.port(), target + "&token=" + kToken).status == 401);

  CHECK(request(rig.port(), "POST", target, {{"Authorization", std::string("Bearer ") + kToken}})
            .status == 200);
  // The data endpoints stay open, and the token never reaches the log.
  CHECK(get(rig.port(), "/kpi").status == 200);
  CHECK(rig.api->log().find(kToken) == std::string::npos);

  // The fifth wrong token within a minute from one address: then 429, even
  // with the right one.
  CHECK(get(rig.port(), target, {{"Authorization", "Bearer wrong"}}).status == 401);
  auto limited = get(rig.port(), target, {{"Authorization", std::string("Bearer ") + kToken}});
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After"));
}

TEST_CASE("operator routes refuse cross-site requests, while the page and scripts keep working", "[fetch]") {
  Rig rig(Env{{"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}});
  const std::string host = "127.0.0.1";  // the test client's Host header
  for (const char* path : {"/fetch", "/test_notification"}) {
    const std::string target = std::string(path) + "?device_id=" + kMeter;
    INFO(target);
    for (const auto& headers : std::vector<std::vector<api::Field>>{
             {{"Sec-Fetch-Site", "cross-site"}},
             {{"Sec-Fetch-Site", "same-site"}},
             {{"Origin", "http://evil.example"}},
             {{"Origin", "null"}},
             {{"Referer", "http://evil.example/page.html"}},
             {{"Origin", "http://127.0.0.1:1"}}}) {
      auto r = get(rig.port(), target, headers);
      CHECK(r.status == 403);
      CHECK(r.header("Content-Type") == "application/json");
      check_string(parse(r), "error", "cross_site");
    }
  }
  // The page's own GET /fetch (same origin), and curl without any of them.
  const std::string fetch = std::string("/fetch?device_id=") + kMeter;
  CHECK(get(rig.port(), fetch, {{"Sec-Fetch-Site", "same-origin"}}).status == 200);
  CHECK(get(rig.port(), fetch, {{"Origin", "http://" + host}}).status == 200);
  CHECK(get(rig.port(), fetch, {{"Referer", "http://" + host + "/"}}).status == 200);
  CHECK(get(rig.port(), fetch).status == 200);
}

TEST_CASE("a failed fetch says why: blocked, timeout, page changed", "[fetch]") {
  Rig rig(Env{{"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}});
  const std::string target = std::string("/fetch?device_id=") + kMeter;
  struct Case {
    std::string mode;
    int status;
    std::string error;
  };
  const std::vector<Case> cases = {{"block", 502, "blocked"},
                                   {"http500", 502, "http_status"},
                                   {"nobalance", 502, "page_changed"},
                                   {"slow", 504, "timeout"}};
  int failures = 0;
  for (const Case& c : cases) {
    INFO(c.mode);
    rig.fault(kMeter, c.mode);
    auto r = get(rig.port(), target);
    CHECK(r.status == c.status);
    auto d = parse(r);
    check_string(d, "error", c.error);
    REQUIRE(d["detail"].IsString());
    CHECK(std::string(d["detail"].GetString()).rfind(c.error, 0) == 0);
    ++failures;
  }
  auto devices = get_json(rig.port(), "/devices");
  const auto& status = devices["devices"][0]["status"];
  CHECK(status["consecutive_failures"].GetInt() == failures);
  CHECK(std::string(status["last_error"].GetString()).rfind("timeout", 0) == 0);
  check_amount(devices["devices"][0], "last_balance", std::nullopt);

  rig.fault(kMeter, "none");
  CHECK(get(rig.port(), target).status == 200);
}
