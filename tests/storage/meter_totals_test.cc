// storage::meter_totals, the one fleet read behind /metrics and MQTT, equals
// the usage rules applied to every stored reading of each meter (a property
// over random histories: gaps, recharges in and out of gaps, silent days),
// on SQLite and MariaDB, with no statement per meter.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "common/storage/meter_store.h"
#include "common/storage/meter_totals.h"
#include "common/storage/reading_store.h"
#include "common/usage/day_summary.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using namespace ebill::test;

namespace {

const usage::UsageSettings kSettings;  // GAP_MINUTES 30, as DatabaseSettings' default
constexpr Hundredths kMin = 1;         // every rise is a recharge here (no jitter)

// The totals from all of `rows` (one meter, time order) at `now`, by the
// pure usage functions.
MeterTotals expected_totals(const std::vector<Reading>& rows, LocalSeconds now) {
  std::vector<usage::Sample> all;
  for (const Reading& r : rows) all.push_back({r.collected_at, r.remain});
  const LocalDay first = day_of(rows.front().collected_at), today = day_of(now);
  const std::vector<usage::DaySummary> days =
      usage::summarize_days(all, first, static_cast<int>(today - first + 1), kSettings);
  MeterTotals t;
  t.latest = rows.back();
  for (const usage::DaySummary& d : days) t.consumed += d.consumption;
  t.today = days.back().consumption;
  t.days_left = usage::days_left(all.back(), days, today);
  const auto events = usage::without_jitter(
      usage::recharge_events(all, day_start(first), day_start(today + 1), kSettings), kMin);
  if (!events.empty()) {
    t.last_recharge = LastRecharge{events.back(), std::nullopt};
    for (const Reading& r : rows) {
      if (r.collected_at == events.back().at) t.last_recharge->cost = cost_of(events.back().amount, *r.unit_price);
    }
  }
  return t;
}

void check_equal(const MeterTotals& got, const MeterTotals& want) {
  CHECK(got.latest == want.latest);
  CHECK(got.consumed == want.consumed);
  CHECK(got.today == want.today);
  REQUIRE(got.days_left.has_value() == want.days_left.has_value());
  if (want.days_left) {
    CHECK(got.days_left->days_left == want.days_left->days_left);
    CHECK(got.days_left->average_daily_usage == want.days_left->average_daily_usage);
  }
  REQUIRE(got.last_recharge.has_value() == want.last_recharge.has_value());
  if (want.last_recharge) {
    CHECK(got.last_recharge->event == want.last_recharge->event);
    CHECK(got.last_recharge->cost == want.last_recharge->cost);
  }
}

}  // namespace

TEST_CASE("meter_totals equals the usage rules over every stored reading", "[totals][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  std::mt19937_64 rng(20261201);
  const int kRounds = backend == Backend::kSqlite ? 12 : 6;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::string> meters;
    std::vector<std::vector<Reading>> histories;
    LocalSeconds last = 0;
    for (int m = 0; m < 6; ++m) {
      const std::string no = "T" + std::to_string(round) + "m" + std::to_string(m);
      std::vector<Reading> h = random_history(rng, no);
      for (std::size_t i = 0; i < h.size(); ++i) {
        h[i].unit_price = i % 40 < 20 ? 5000 : 6137;  // a price change now and then
        h[i].remain_money = h[i].remain;
        last = std::max(last, h[i].collected_at);
      }
      storage::MeterStore(*db).upsert(Meter{no, no, true, 0});
      storage::ReadingStore(*db).insert(h);
      meters.push_back(no);
      histories.push_back(std::move(h));
    }
    // Now: after every reading, up to two days later (silent days at the end).
    const LocalSeconds now =
        last + std::uniform_int_distribution<LocalSeconds>(0, 2 * kSecondsPerDay)(rng);
    INFO("round " << round << " now " << format_datetime(now));
    const std::map<std::string, MeterTotals> got = meter_totals(*db, meters, now, kMin);
    REQUIRE(got.size() == meters.size());
    for (std::size_t m = 0; m < meters.size(); ++m) {
      INFO(meters[m]);
      check_equal(got.at(meters[m]), expected_totals(histories[m], now));
    }
  }
}

TEST_CASE("meter_totals sends no statement per meter", "[totals]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  auto statements = [&](int count) {
    std::vector<std::string> meters;
    for (int m = 0; m < count; ++m) {
      const std::string no = "S" + std::to_string(count) + "m" + std::to_string(m);
      storage::MeterStore(*db).upsert(Meter{no, no, true, 0});
      storage::ReadingStore(*db).insert(
          {Reading{no, at("2025-03-05 00:00:00"), 1000, 1000, 5000},
           Reading{no, at("2025-03-06 00:00:00"), 900, 900, 5000},
           Reading{no, at("2025-03-06 00:10:00"), 5000, 5000, 5000},  // a recharge, on a stored day
           Reading{no, at("2025-03-07 08:00:00"), 4900, 4900, 5000}});
      meters.push_back(no);
    }
    const std::uint64_t before = db->query_count();
    REQUIRE(meter_totals(*db, meters, at("2025-03-07 09:00:00"), kMin).size() ==
            static_cast<std::size_t>(count));
    return db->query_count() - before;
  };
  const std::uint64_t three = statements(3);
  // Extents, stored sums, the last 8 days' summaries, the readings after
  // the stored days, the newest recharge days, the readings that show them.
  CHECK(three == 6);
  CHECK(statements(99) == three);
}
