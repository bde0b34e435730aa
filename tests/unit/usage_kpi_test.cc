// KPIs, period comparison and days left, with worked examples from
// docs/usage-semantics.md.
#include <catch2/catch.hpp>

#include <vector>

#include "common/usage/kpi.h"
#include "common/usage/load_plan.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::usage;
using ebill::test::at;
using ebill::test::day;
using ebill::test::reading;

namespace {

const UsageSettings kSettings;

DaySummary summary(const char* date, Hundredths usage, int readings,
                   std::optional<Hundredths> last = std::nullopt, Hundredths recharge = 0) {
  DaySummary s;
  s.day = day(date);
  s.consumption = usage;
  s.recharge = recharge;
  s.readings = readings;
  if (last) s.last = Sample{day_start(s.day) + 3600, *last};
  return s;
}

// Example 15: the series of the "so far" comparison.
std::vector<Sample> comparison_series() {
  return {reading("2025-03-06 08:00:00", 8000), reading("2025-03-06 08:10:00", 7900),
          reading("2025-03-06 20:00:00", 7000), reading("2025-03-06 20:10:00", 6950),
          reading("2025-03-07 08:00:00", 6700), reading("2025-03-07 08:10:00", 6600)};
}

}  // namespace

TEST_CASE("date KPIs: usage and last balances around the target date", "[usage]") {
  const std::vector<DaySummary> days = {summary("2025-03-05", 400, 100, 3000),
                                        summary("2025-03-06", 632, 100, 2368),
                                        summary("2025-03-07", 150, 20, 2218, 5000)};
  const DateKpis k = date_kpis(days, day("2025-03-07"));
  CHECK(k.usage_target == 150);
  CHECK(k.usage_yesterday == 632);
  CHECK(k.target_last_balance == 2218);
  CHECK(k.yesterday_last_balance == 2368);
  CHECK(k.day_before_yesterday_last_balance == 3000);
  CHECK(recharge_on(days, day("2025-03-07")) == 5000);
  CHECK(recharge_on(days, day("2025-03-04")) == 0);
  // A date in the future: nothing known.
  const DateKpis future = date_kpis(days, day("2025-03-10"));
  CHECK(future.usage_target == 0);
  CHECK_FALSE(future.target_last_balance.has_value());
  CHECK_FALSE(future.day_before_yesterday_last_balance.has_value());
}

TEST_CASE("days left: balance over the average of the last 7 complete days with readings", "[usage]") {
  // Example 14: 5 of the 7 days before 03-08 have readings, 25.00 kWh in all
  // -> 5.00 kWh/day; 12.50 kWh left -> 2.50 days; from 08:00 on 03-08 that
  // ends at 20:00 on 03-10.
  const std::vector<DaySummary> days = {
      summary("2025-03-01", 500, 10), summary("2025-03-02", 600, 10),
      summary("2025-03-03", 0, 0),    summary("2025-03-04", 400, 10),
      summary("2025-03-06", 500, 10), summary("2025-03-07", 500, 10),
      summary("2025-03-08", 9999, 10),  // today: not complete, not counted
      summary("2025-02-28", 9999, 10)};  // 8 days back: not counted
  const auto left = days_left(reading("2025-03-08 08:00:00", 1250), days, day("2025-03-08"));
  REQUIRE(left.has_value());
  CHECK(left->average_daily_usage == 500);
  CHECK(left->days_left == 250);
  CHECK(left->run_out_day == day("2025-03-10"));
}

TEST_CASE("days left is unknown without usage, and 0 at an empty meter", "[usage]") {
  const std::vector<DaySummary> idle = {summary("2025-03-06", 0, 50), summary("2025-03-07", 0, 50)};
  CHECK_FALSE(days_left(reading("2025-03-08 08:00:00", 1250), idle, day("2025-03-08")).has_value());
  CHECK_FALSE(days_left(reading("2025-03-08 08:00:00", 1250), {}, day("2025-03-08")).has_value());
  const std::vector<DaySummary> used = {summary("2025-03-07", 300, 50)};
  const auto empty = days_left(reading("2025-03-08 08:00:00", -5), used, day("2025-03-08"));
  REQUIRE(empty.has_value());
  CHECK(empty->days_left == 0);
  CHECK(empty->run_out_day == day("2025-03-08"));
  // Average floors, days left floors: 1.00 over 3 days -> 0.33/day; 1.00 kWh -> 3.00 days.
  const std::vector<DaySummary> three = {summary("2025-03-05", 0, 5), summary("2025-03-06", 0, 5),
                                         summary("2025-03-07", 100, 5)};
  const auto l = days_left(reading("2025-03-08 00:00:00", 100), three, day("2025-03-08"));
  REQUIRE(l.has_value());
  CHECK(l->average_daily_usage == 33);
  CHECK(l->days_left == 300);
  CHECK(l->run_out_day == day("2025-03-11"));
}

TEST_CASE("period comparison: current vs previous span, and the previous span so far", "[usage]") {
  // Example 15 (span 1 day, now = 03-07 12:00): today 1.69 + 1.00 = 2.69;
  // yesterday 1.00 + 9.00 + 0.50 + 0.81 = 11.31; yesterday until 12:00
  // 1.00 + round(9.00 * 13800 / 42600) = 1.00 + 2.92 = 3.92.
  const auto c = compare_periods(comparison_series(), at("2025-03-07 12:00:00"), 1, kSettings);
  CHECK(c.current_usage == 269);
  CHECK(c.previous_usage == 1131);
  CHECK(c.previous_usage_same_time == 392);
}

TEST_CASE("period comparison from summaries equals the sum of the daily values", "[usage]") {
  const std::vector<DaySummary> days = {summary("2025-03-02", 100, 1), summary("2025-03-03", 200, 1),
                                        summary("2025-03-04", 300, 1), summary("2025-03-05", 400, 1),
                                        summary("2025-03-06", 500, 1), summary("2025-03-07", 600, 1)};
  const PeriodComparison c = compare_periods(days, day("2025-03-07"), 3, 123);
  CHECK(c.current_usage == 400 + 500 + 600);
  CHECK(c.previous_usage == 100 + 200 + 300);
  CHECK(c.previous_usage_same_time == 100 + 200 + 123);
  // A span reaching before the first data counts those days as 0.
  CHECK(compare_periods(days, day("2025-03-07"), 7, 0).previous_usage == 0);
}

TEST_CASE("load plan: from 7 days before the anchor, or the window start without one", "[usage]") {
  const LoadPlan p = load_plan(at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"),
                               at("2025-03-05 18:00:00"));
  CHECK(p.from == at("2025-02-26 18:00:00"));
  CHECK(p.to == at("2025-03-08 00:00:00"));
  CHECK(load_plan(at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"), std::nullopt).from ==
        at("2025-03-07 00:00:00"));
}
