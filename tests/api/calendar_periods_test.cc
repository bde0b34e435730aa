// The calendar periods of /data and /period_kpi (this_month, last_month,
// twelve_months) over a hand-made series, on SQLite and MariaDB, at most 3 queries
// each. Every expected number is derived by hand from the series below.
//
// Meter C1, unit price 0.5000, a reading every 30 min (normal steps) falling
// 0.10 kWh each, from 2024-02-01 00:00 (the first reading) to 2025-03-10
// 12:00 ("now"); the step ending 2025-02-10 10:00 holds a recharge of
// 100.00 bought while 0.10 was used, so its balance rises 99.90 and rule 2
// adds the step's expected use (the meter's rate, 0.10 per step): the
// recharge reads 100.00 and the step used 0.10 like every other. Rule 1: a step's drop is in the bucket of its
// later reading, so a full day is 48 steps = 4.80; 2024-02-01 has 47 (4.70);
// today 00:00..12:00 has 25 (2.50).
// - 2024-02 (29 days): 4.70 + 28 × 4.80 = 139.10; 2024-03: 31 × 4.80 = 148.80.
// - 2025-01: 148.80; 2025-02: 28 × 4.80 = 134.40 (recharge 100.00).
// - 2025-03 so far: 9 × 4.80 + 2.50 = 45.70.
#include <catch2/catch.hpp>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

void load(const TestDatabase& db) {
  std::vector<Reading> readings;
  Hundredths remain = 500000;
  for (LocalSeconds t = at("2024-02-01 00:00:00"); t <= at(kNow); t += 1800) {
    if (!readings.empty()) remain += (t == at("2025-02-10 10:00:00") ? 10000 : 0) - 10;
    readings.push_back(Reading{"C1", t, remain, std::nullopt, 5000});
  }
  auto open = db.open();
  storage::ReadingStore(*open).insert(readings);
}

std::uint64_t queries(int port) {
  const std::string body = get(port, "/metrics").body;
  const std::string name = "\nebill_api_database_queries_total ";
  const std::size_t found = body.find(name);
  REQUIRE(found != std::string::npos);
  return std::stoull(body.substr(found + name.size()));
}

double at_index(const rapidjson::Value& array, rapidjson::SizeType i) {
  REQUIRE(array[i].IsNumber());
  return array[i].GetDouble();
}

}  // namespace

TEST_CASE("calendar periods: /data and /period_kpi by calendar month and year", "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  load(db);
  ApiProcess api(api_env(db, "UTC", kNow, "C1:501"));
  const int port = api.port();
  get_json(port, "/devices");

  {  // at most 3 queries each
    for (const std::string target :
         {"/data?period=this_month&device_id=C1", "/data?period=last_month&device_id=C1",
          "/data?period=twelve_months&device_id=C1", "/data?period=twelve_months&device_id=C1&date=2024-06-30",
          "/period_kpi?period=this_month&device_id=C1",
          "/period_kpi?period=last_month&device_id=C1", "/period_kpi?period=twelve_months&device_id=C1"}) {
      INFO(target);
      const std::uint64_t q0 = queries(port);
      get_json(port, target);
      CHECK(queries(port) - q0 <= 3);
    }
  }

  {  // this_month: a point per day so far, and the same day last year
    const auto d = get_json(port, "/data?period=this_month&device_id=C1");
    REQUIRE(d["labels"].Size() == 10);
    CHECK(std::string(d["labels"][0].GetString()) == "2025-03-01");
    CHECK(std::string(d["labels"][9].GetString()) == "2025-03-10");
    CHECK(at_index(d["usage"], 0) == 4.80);
    CHECK(at_index(d["usage"], 9) == 2.50);
    CHECK(at_index(d["cost"], 9) == 1.25);
    CHECK(at_index(d["last_year_usage"], 0) == 4.80);  // 2024-03-01
    check_string(d, "from", std::string("2025-03-01"));
    check_string(d, "to", std::string("2025-03-10"));
    check_string(d, "period", std::string("this_month"));
  }

  {  // last_month: the whole month before; no data a year earlier is null
    const auto d = get_json(port, "/data?period=last_month&device_id=C1&date=2024-03-15");
    REQUIRE(d["labels"].Size() == 29);  // February 2024
    CHECK(std::string(d["labels"][28].GetString()) == "2024-02-29");
    CHECK(at_index(d["usage"], 0) == 4.70);
    CHECK(at_index(d["usage"], 28) == 4.80);
    for (const auto& v : d["last_year_usage"].GetArray()) CHECK(v.IsNull());
  }

  {  // year: 12 months, recharges, cost, and the month a year earlier
    const auto d = get_json(port, "/data?period=twelve_months&device_id=C1");
    REQUIRE(d["labels"].Size() == 12);
    CHECK(std::string(d["labels"][0].GetString()) == "2024-04");
    CHECK(std::string(d["labels"][11].GetString()) == "2025-03");
    CHECK(at_index(d["usage"], 0) == 144.00);  // 30 × 4.80
    CHECK(at_index(d["usage"], 9) == 148.80);  // 2025-01
    CHECK(at_index(d["usage"], 10) == 134.40);
    CHECK(at_index(d["recharge"], 10) == 100.00);
    CHECK(at_index(d["recharge"], 9) == 0.00);
    CHECK(at_index(d["cost"], 10) == 67.20);
    CHECK(at_index(d["usage"], 11) == 45.70);
    for (rapidjson::SizeType i = 0; i < 10; ++i) CHECK(d["last_year_usage"][i].IsNull());
    CHECK(at_index(d["last_year_usage"], 10) == 139.10);  // 2024-02
    CHECK(at_index(d["last_year_usage"], 11) == 148.80);  // 2024-03, whole
    const auto k = get_json(port, "/kpi?device_id=C1");
    CHECK(at_index(d["balances"], 11) == k["current_balance"].GetDouble());
  }

  {  // /period_kpi: vs the period before, whole and cut, and a year earlier
    auto p = get_json(port, "/period_kpi?period=this_month&device_id=C1");
    check_amount(p, "current_usage", 45.70);
    check_amount(p, "previous_usage", 134.40);
    // 02-01..02-09 (43.20) + 02-10 before 12:00: 24 steps of 0.10.
    check_amount(p, "previous_usage_same_time", 45.60);
    check_amount(p, "last_year_usage", 48.00);  // 2024-03-01..03-10
    check_string(p, "previous_from", std::string("2025-02-01"));

    p = get_json(port, "/period_kpi?period=last_month&device_id=C1");
    check_amount(p, "current_usage", 134.40);
    check_amount(p, "previous_usage", 148.80);
    check_amount(p, "previous_usage_same_time", 148.80);
    check_amount(p, "last_year_usage", 139.10);

    p = get_json(port, "/period_kpi?period=twelve_months&device_id=C1");
    // 2024-04-01..2025-02-28 is 334 days: 334 × 4.80, + 45.70.
    check_amount(p, "current_usage", 1648.90);
    check_amount(p, "previous_usage", 287.90);  // 139.10 + 148.80
    // 2024-02-01..03-09 (4.70 + 37 × 4.80) + 03-10 before 12:00 (2.40).
    check_amount(p, "previous_usage_same_time", 184.70);
    check_amount(p, "last_year_usage", 187.10);  // 2023-04-01..2024-03-10
  }

  {  // a wrong period is a 400 naming the choices
    const auto e = get_json(port, "/data?period=quarter&device_id=C1", 400);
    CHECK(std::string(e["detail"].GetString()).find("this_month") != std::string::npos);
  }
}
