// Calendar months of local days, and the numbers of the calendar periods of
// /data and /period_kpi (this_month, last_month, twelve_months): pure, from per-day
// summaries (day_summary.h). Days are local days; amounts in hundredths.
#ifndef EBILL_COMMON_USAGE_CALENDAR_H_
#define EBILL_COMMON_USAGE_CALENDAR_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/usage/day_summary.h"
#include "common/usage/kpi.h"

namespace ebill::usage {

// Days first..last, both included (first <= last).
struct DaySpan {
  LocalDay first = 0;
  LocalDay last = 0;
  friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

// The calendar month holding `day`, and the month `n` months before it
// (n may be negative: later).
DaySpan month_of(LocalDay day);
DaySpan months_before(LocalDay day, int n);

// The calendar periods, relative to a local day `day`:
// this_month = the 1st of day's month .. day; last_month = the whole month
// before; year (twelve_months) = the 1st of the month 11 months before .. day (12 months).
enum class Calendar { kThisMonth, kLastMonth, kYear };
DaySpan calendar_span(Calendar period, LocalDay day);

// The span the period is compared with: the month before (this_month,
// last_month), or the 12 months before (year).
DaySpan previous_span(Calendar period, LocalDay day);

// The same span one year earlier, day for day, a month's last day to that
// month's last day (so 2025-02-28 → 2024-02-29, and 2024-02-29 → 2023-02-28).
DaySpan year_earlier(DaySpan span);

// Totals of a span of days: usage, recharges, the last balance seen.
struct SpanTotals {
  Hundredths usage = 0;
  Hundredths recharge = 0;
  std::optional<Hundredths> last_balance;  // last reading of the span's newest day with one
  bool has_data = false;                   // some day of the span has a reading
  bool estimated = false;                  // some day of the span has estimated usage
};
SpanTotals totals_of(std::span<const DaySummary> days, DaySpan span);

// One total per calendar month, the 12 months ending with day's month (the
// last one up to `day` only), oldest first; labels "YYYY-MM".
struct MonthTotals {
  std::string label;
  DaySpan span;
  SpanTotals totals;
};
std::vector<MonthTotals> month_totals(std::span<const DaySummary> days, LocalDay day);

// The calendar period of day_of(now) vs previous_span(), and vs that span cut
// at the same point: its days before cut_day() (this_month: the same day of
// the month a month earlier; year: the same date a year earlier), plus `cut_day_usage_so_far` (the usage of cut_day() from
// its start to the same time of day as now). When the previous span is
// shorter than that, the cut is its whole usage.
PeriodComparison compare_calendar(std::span<const DaySummary> days, Calendar period,
                                  LocalDay today, Hundredths cut_day_usage_so_far);
// That cut day; nullopt for last_month, and when it lies past the previous
// span (the cut is then all of it).
std::optional<LocalDay> cut_day(Calendar period, LocalDay today);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_CALENDAR_H_
