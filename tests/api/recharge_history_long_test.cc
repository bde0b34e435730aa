// /recharge_history over a long range with many recharge days: every read
// statement stays bounded (SQLite refuses a compound SELECT of more than 500
// terms), against the real ebill-api on SQLite and MariaDB.
#include <catch2/catch.hpp>

#include <set>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr int kDays = 500;
constexpr int kStep = 15 * 60;  // seconds between readings: no gaps

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

const LocalDay kFirstDay = day_of(at("2023-06-01 00:00:00"));

// A recharge of 100.00 at 12:00 on every other day: 250 days, none next to
// another, so each is a window of its own (251 with the range's end).
bool recharges(int day_index) { return day_index % 2 == 0; }

// A1: a reading every 15 minutes from 2023-06-01 00:00 to the midnight after
// day kDays - 1, the balance falling 0.01 a step. Returns the recharge days.
std::set<std::string> load(const TestDatabase& db) {
  std::vector<Reading> readings;
  std::set<std::string> days;
  Hundredths remain = 50000;
  for (int d = 0; d < kDays; ++d) {
    const LocalSeconds start = day_start(kFirstDay + d);
    for (LocalSeconds t = start; t < start + kSecondsPerDay; t += kStep) {
      if (recharges(d) && t == start + 12 * 3600) remain += 10000;
      readings.push_back(Reading{"A1", t, remain, std::nullopt, std::nullopt});
      remain -= 1;
    }
    if (recharges(d)) days.insert(format_day(kFirstDay + d));
  }
  readings.push_back(Reading{"A1", day_start(kFirstDay + kDays), remain, std::nullopt,
                             std::nullopt});
  storage::ReadingStore(*db.open()).insert(readings);
  return days;
}

}  // namespace

TEST_CASE("recharge history of 250 separate recharge days answers them all",
          "[data]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  const std::set<std::string> expected = load(db);
  REQUIRE(expected.size() == 250);
  const std::string now = format_datetime(day_start(kFirstDay + kDays) + 600);
  ApiProcess api(api_env(db, "UTC", now, "A1"));

  auto h = get_json(api.port(), "/recharge_history?device_id=A1&days=3660&limit=1000");
  REQUIRE(h["recharges"].IsArray());
  std::set<std::string> seen;
  for (const auto& r : h["recharges"].GetArray()) {
    seen.insert(r["recharge_date"].GetString());
    CHECK(r["recharge_amount"].GetDouble() > 99.0);  // 100.00 less a step's use at most
  }
  CHECK(seen == expected);
  CHECK(h["recharges"].Size() == 250);
  CHECK(h["total_count"].GetInt() == 250);
}
