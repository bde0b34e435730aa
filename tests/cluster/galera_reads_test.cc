// Reads through another Galera node (issue 12, parts 4 and 5): a foreign
// writer's rows inserted, changed and deleted through node 1 reach the
// month view of an ebill-api on node 2 (its background repair sees the
// triggers' marks replicated); and a reading ebill stores through /fetch of
// an api on node 1 is in the very next answer of an api on node 2, asked as
// the page asks (Cache-Control: no-cache), however long that api's marker
// snapshot would otherwise be kept.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "common/storage/reading_store.h"
#include "tests/cluster/galera_cluster.h"
#include "tests/cluster/programs.h"
#include "tests/sim/sim_process.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

// The settings of `node` for the database of `db`.
DatabaseSettings on(const DatabaseSettings& node, const TestDatabase& db) {
  DatabaseSettings s = node;
  s.name = db.settings().name;
  return s;
}

rapidjson::Document json_of(int port, const std::string& target,
                            const std::vector<http::Field>& headers = {}) {
  const HttpResponse r = get(port, target, headers);
  INFO(target << " -> " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  REQUIRE(!d.HasParseError());
  return d;
}

long long hundredths(double v) { return std::llround(v * 100); }

long long month_usage(int port, const std::string& meter, const std::string& date) {
  const auto month = json_of(port, "/data?period=month&device_id=" + meter);
  for (rapidjson::SizeType i = 0; i < month["labels"].Size(); ++i) {
    if (month["labels"][i].GetString() == date) return hundredths(month["usage"][i].GetDouble());
  }
  FAIL("no " << date << " in the month view");
  return 0;
}

long long day_usage(int port, const std::string& meter, const std::string& date) {
  const auto day = json_of(port, "/data?period=day&device_id=" + meter + "&date=" + date);
  long long sum = 0;
  for (const auto& v : day["usage"].GetArray()) sum += hundredths(v.GetDouble());
  return sum;
}

void wait_ready(Program& api) {
  REQUIRE(wait_until([&] { return api_ready(api); }, 60s));
}

}  // namespace

TEST_CASE("a foreign writer on node 1 reaches the month view of an api on node 2",
          "[cluster][galera][foreign]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  TestDatabase db(cluster->nodes[0]);
  const std::string meter = "FW1";
  {
    REQUIRE(wait_until([&] { return storage::Database::open(on(cluster->nodes[0], db)).ok(); }, 30s));
    auto open = storage::Database::open(on(cluster->nodes[0], db));
    REQUIRE(open.ok());
    // Every 5 minutes from 03-01 to 03-10 11:50, 0.01 kWh less each.
    std::vector<Reading> readings;
    const LocalSeconds start = at("2025-03-01 00:00:00");
    for (LocalSeconds t = start; t <= at("2025-03-10 11:50:00"); t += 300) {
      readings.push_back(reading_at(meter, t, 100000 - (t - start) / 300));
    }
    storage::ReadingStore(*open.value()).insert(readings);
  }
  const std::string dir = make_temp_dir("ebill-galera-reads");
  auto api = start_api(on(cluster->nodes[1], db), dir, 2,
                       {{"EBILL_API_TEST_NOW", kNow}, {"METERS", meter},
                        {"SUMMARY_CHECK_SECONDS", "1"}});
  wait_ready(*api);
  const int port = api_port(*api);
  const std::string day = "2025-03-08";  // two days back
  CHECK(month_usage(port, meter, day) == 288);

  // Through node 1, as the old app would: a reading 50.00 higher (2.88 -
  // 0.01 + 0.01 hidden in the rise + 50.01), then changed, then removed.
  const std::vector<std::pair<std::string, long long>> writes = {
      {"INSERT INTO electricity_balance (meter_no, remain, collected_at)"
       " SELECT meter_no, remain + 50, '2025-03-08 12:02:30' FROM electricity_balance"
       " WHERE meter_no = 'FW1' AND collected_at = '2025-03-08 12:00:00'", 5289},
      {"UPDATE electricity_balance SET remain = remain - 20"
       " WHERE meter_no = 'FW1' AND collected_at = '2025-03-08 12:02:30'", 3289},
      {"DELETE FROM electricity_balance"
       " WHERE meter_no = 'FW1' AND collected_at = '2025-03-08 12:02:30'", 288},
  };
  for (const auto& [sql, expected] : writes) {
    INFO(sql);
    db.exec(sql);
    CHECK(wait_until([&] { return month_usage(port, meter, day) == expected; }, 30s));
    CHECK(month_usage(port, meter, day) == expected);
    CHECK(day_usage(port, meter, day) == expected);
  }
  INFO(api->log());
  CHECK(api->log().find("written by another program") != std::string::npos);
}

TEST_CASE("a reading fetched through an api on node 1 is in the next answer of an api on node 2",
          "[cluster][galera][foreign]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  TestDatabase db(cluster->nodes[0]);
  SimProcess sim;
  const std::vector<std::string> meters = {"RW1", "RW2", "RW3"};
  const std::string dir = make_temp_dir("ebill-galera-fetch");
  auto writer = start_api(on(cluster->nodes[0], db), dir, 1,
                          {{"METERS", "RW1,RW2,RW3"},
                           {"METER_SOURCE_URL", sim.url("/nat/pay.aspx?mid={meter}")},
                           {"FETCH_RETRIES", "0"}});
  wait_ready(*writer);
  // The reader keeps its marker snapshot for a minute: only the page's
  // no-cache request reads the meter's marker anew (causally).
  auto reader = start_api(on(cluster->nodes[1], db), dir, 2,
                          {{"METERS", "RW1,RW2,RW3"}, {"VIEW_MARKER_REFRESH_MS", "60000"}});
  wait_ready(*reader);
  const std::vector<http::Field> page = {{"Cache-Control", "no-cache"}, {"Pragma", "no-cache"}};
  for (const std::string& meter : meters) {
    INFO(meter);
    const std::string kpi = "/kpi?device_id=" + meter;
    json_of(api_port(*reader), kpi);  // answered and cached before the fetch
    const HttpResponse fetched = request(api_port(*writer), "POST", "/fetch?device_id=" + meter);
    INFO(fetched.body);
    REQUIRE(fetched.status == 200);
    rapidjson::Document f;
    f.Parse(fetched.body.c_str());
    REQUIRE(f["stored"].GetBool());
    const auto k = json_of(api_port(*reader), kpi, page);  // at once, through node 2
    REQUIRE(k.HasMember("last_reading_at"));
    REQUIRE(k["last_reading_at"].IsString());
    CHECK(std::string(k["last_reading_at"].GetString()) == f["collected_at"].GetString());
    CHECK(hundredths(k["current_balance"].GetDouble()) == hundredths(f["balance"].GetDouble()));
  }
}
