// How the usage routes read: at most 3 queries per request (the meters'
// change markers, the stored day summaries, one statement for every reading
// needed), a repeated request answered from the view cache with the markers
// alone (VIEW_MARKER_REFRESH_MS=0) or with no query at all (the markers'
// snapshot), and never a stale answer after a reading is added — new or
// late — at once, or within the marker interval. Real ebill-api over SQLite
// and MariaDB.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/eventually.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

// Meter A1: a reading every 5 minutes from 2025-02-01 to 03-10 11:50, falling
// 0.01 kWh each, with a recharge of 100.00 at 03-05 09:00, and today an
// outage from 08:00 to 09:00 across which 100.00 kWh were bought (a recharge
// across a gap: its window needs the 24 h before its anchor, rule 7).
std::vector<Reading> history() {
  std::vector<Reading> out;
  Hundredths remain = 200000;
  for (LocalSeconds t = at("2025-02-01 00:00:00"); t <= at("2025-03-10 11:50:00"); t += 300) {
    if (t > at("2025-03-10 08:00:00") && t < at("2025-03-10 09:00:00")) continue;
    const bool recharge = t == at("2025-03-05 09:00:00") || t == at("2025-03-10 09:00:00");
    remain += recharge ? 10000 : -1;
    out.push_back(Reading{"A1", t, remain, std::nullopt, 5000});
  }
  return out;
}

std::uint64_t queries(int port) {
  const std::string body = get(port, "/metrics").body;
  const std::string name = "ebill_api_database_queries_total ";
  const std::size_t at = body.find("\n" + name);
  REQUIRE(at != std::string::npos);
  return std::stoull(body.substr(at + 1 + name.size()));
}

}  // namespace

TEST_CASE("usage routes: at most 3 queries, a repeat costs one, never stale", "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  {
    auto open = db.open();
    storage::ReadingStore(*open).insert(history());
  }
  // The markers read for every request: the behaviour before the snapshot.
  ApiProcess api(api_env(db, "UTC", kNow, "A1:一楼", {{"VIEW_MARKER_REFRESH_MS", "0"}}));
  const int port = api.port();
  get_json(port, "/devices");  // loads the meter directory

  const std::vector<std::string> targets = {
      "/data?period=day&device_id=A1&date=2025-03-05",
      "/data?period=day&device_id=A1",
      "/data?period=week&device_id=A1&date=2025-02-20",
      "/data?period=month&device_id=A1",
      "/data?period=month&device_id=A1&date=2025-02-10",
      "/kpi?device_id=A1",
      "/kpi?device_id=A1&date=2025-02-03",
      "/period_kpi?period=day&device_id=A1",
      "/period_kpi?period=week&device_id=A1",
      "/period_kpi?period=month&device_id=A1",
      "/recharge_history?device_id=A1&days=30",
  };
  for (const std::string& target : targets) {
    INFO(target);
    const std::uint64_t q0 = queries(port);
    const std::string first = get(port, target).body;
    const std::uint64_t q1 = queries(port);
    CHECK(q1 - q0 <= 3);
    // The same request again: the change marker only.
    CHECK(get(port, target).body == first);
    CHECK(queries(port) - q1 == 1);
  }

  // A new reading: every answer that depends on it changes at once.
  auto open = db.open();
  storage::ReadingStore store(*open);
  auto kpi = get_json(port, "/kpi?device_id=A1");
  check_amount(kpi, "current_balance", static_cast<double>(history().back().remain) / 100.0);
  store.insert({Reading{"A1", at("2025-03-10 11:55:00"), 150000, std::nullopt, 5000}});
  kpi = get_json(port, "/kpi?device_id=A1");
  check_amount(kpi, "current_balance", 1500.00);
  check_string(kpi, "last_reading_at", std::string("2025-03-10 11:55:00"));

  // A late reading inside a closed day: the summaries and the cached views
  // follow it. 03-01 used 288 x 0.01 = 2.88 kWh; a reading at 12:02:30 that
  // is 50.00 kWh higher is a recharge of 50.00 and a drop of 50.00 just after.
  auto month = get_json(port, "/data?period=month&device_id=A1");
  const auto& usage = month["usage"];
  REQUIRE(usage.Size() == 30);
  // Labels run 02-09 .. 03-10: 03-01 is index 20.
  CHECK(std::string(month["labels"][20].GetString()) == "2025-03-01");
  CHECK(usage[20].GetDouble() == 2.88);
  Hundredths before = 0;
  for (const Reading& r : history()) {
    if (r.collected_at == at("2025-03-01 12:00:00")) before = r.remain;
  }
  store.insert({Reading{"A1", at("2025-03-01 12:02:30"), before + 5000, std::nullopt, 5000}});
  month = get_json(port, "/data?period=month&device_id=A1");
  // The 12:00 -> 12:05 step (0.01) is replaced by +50.00 then -50.01; the
  // rise's 150 s step hid round(0.12 kWh/h x 150 s) = 0.01 (usage rule 2).
  CHECK(month["usage"][20].GetDouble() == 52.89);  // 2.88 - 0.01 + 0.01 + 50.01
  CHECK(month["recharge"][20].GetDouble() == 50.01);
  const auto recharges = get_json(port, "/recharge_history?device_id=A1&days=30");
  CHECK(recharges["total_count"].GetInt() == 3);  // 03-01, 03-05, 03-10
}

TEST_CASE("usage routes: repeats cost no query, and another program's reading shows within the marker interval",
          "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  auto open = db.open();
  storage::ReadingStore store(*open);
  store.insert(history());
  ApiProcess api(api_env(db, "UTC", kNow, "A1:一楼", {{"VIEW_MARKER_REFRESH_MS", "300"}}));
  const int port = api.port();
  get_json(port, "/devices");
  const std::string target = "/kpi?device_id=A1";
  const std::string first = get(port, target).body;
  // Within one interval the repeats send nothing; over many intervals at
  // most one read of the markers per interval.
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t q0 = queries(port);
  for (int i = 0; i < 50; ++i) CHECK(get(port, target).body == first);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - t0)
                      .count();
  CHECK(queries(port) - q0 <= static_cast<std::uint64_t>(ms / 300 + 1));

  // Another program (here: this test process) adds a reading: the API shows
  // it once the interval has passed, without a restart.
  store.insert({Reading{"A1", at("2025-03-10 11:55:00"), 150000, std::nullopt, 5000}});
  CHECK(eventually([&] {
    const auto kpi = get_json(port, target);
    return kpi.HasMember("last_reading_at") && kpi["last_reading_at"].IsString() &&
           std::string(kpi["last_reading_at"].GetString()) == "2025-03-10 11:55:00";
  }, std::chrono::seconds(5)));
}
