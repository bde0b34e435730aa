// Calendar month arithmetic of common/usage/calendar.h: month bounds, leap
// years, year boundaries, and the spans of the calendar periods.
#include <catch2/catch.hpp>

#include "common/time/civil_time.h"
#include "common/usage/calendar.h"

using namespace ebill;
using namespace ebill::usage;

namespace {
LocalDay day(const char* text) { return day_from_date(parse_date(text).value()); }
DaySpan span(const char* a, const char* b) { return {day(a), day(b)}; }
}  // namespace

TEST_CASE("calendar: months, leap years and year boundaries", "[usage][calendar]") {
  CHECK(month_of(day("2024-02-10")) == span("2024-02-01", "2024-02-29"));
  CHECK(month_of(day("2025-02-28")) == span("2025-02-01", "2025-02-28"));
  CHECK(months_before(day("2025-01-31"), 1) == span("2024-12-01", "2024-12-31"));
  CHECK(months_before(day("2025-03-10"), 23) == span("2023-04-01", "2023-04-30"));
  CHECK(months_before(day("2025-12-05"), -1) == span("2026-01-01", "2026-01-31"));
}

TEST_CASE("calendar: the spans of this_month, last_month and year", "[usage][calendar]") {
  const LocalDay d = day("2025-03-10");
  CHECK(calendar_span(Calendar::kThisMonth, d) == span("2025-03-01", "2025-03-10"));
  CHECK(calendar_span(Calendar::kLastMonth, d) == span("2025-02-01", "2025-02-28"));
  CHECK(calendar_span(Calendar::kYear, d) == span("2024-04-01", "2025-03-10"));
  CHECK(previous_span(Calendar::kThisMonth, d) == span("2025-02-01", "2025-02-28"));
  CHECK(previous_span(Calendar::kLastMonth, d) == span("2025-01-01", "2025-01-31"));
  CHECK(previous_span(Calendar::kYear, d) == span("2023-04-01", "2024-03-31"));
  CHECK(year_earlier(span("2025-02-01", "2025-02-28")) == span("2024-02-01", "2024-02-29"));
  CHECK(year_earlier(span("2024-02-29", "2024-02-29")) == span("2023-02-28", "2023-02-28"));
  CHECK(year_earlier(span("2025-03-01", "2025-03-10")) == span("2024-03-01", "2024-03-10"));
  // The cut: the same day of the month a month earlier; past a shorter
  // month, none (all of it); the same date a year earlier.
  CHECK(cut_day(Calendar::kThisMonth, d) == day("2025-02-10"));
  CHECK(cut_day(Calendar::kThisMonth, day("2025-03-30")) == std::nullopt);
  CHECK(cut_day(Calendar::kLastMonth, d) == std::nullopt);
  CHECK(cut_day(Calendar::kYear, d) == day("2024-03-10"));
}

TEST_CASE("calendar: month totals of day summaries", "[usage][calendar]") {
  std::vector<DaySummary> days;
  for (LocalDay x = day("2025-01-30"); x <= day("2025-02-02"); ++x) {
    DaySummary s;
    s.day = x;
    s.consumption = 100;
    s.readings = 2;
    s.last = Sample{day_start(x) + 3600, 1000 - (x - day("2025-01-30")) * 100};
    days.push_back(s);
  }
  days[2].recharge = 5000;  // 02-01
  const std::vector<MonthTotals> m = month_totals(days, day("2025-02-02"));
  REQUIRE(m.size() == 12);
  CHECK(m[10].label == "2025-01");
  CHECK(m[10].totals.usage == 200);
  CHECK(m[10].totals.last_balance == 900);
  CHECK(m[11].span == span("2025-02-01", "2025-02-02"));
  CHECK(m[11].totals.usage == 200);
  CHECK(m[11].totals.recharge == 5000);
  CHECK(m[11].totals.last_balance == 700);
  CHECK_FALSE(m[9].totals.has_data);
}
