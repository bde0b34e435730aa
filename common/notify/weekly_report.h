// The numbers of the weekly summary: the 7 local days ending yesterday vs
// the 7 days before them (usage, recharges, their cost at the newest unit
// price), and the current balance. Pure; amounts in hundredths.
#ifndef EBILL_COMMON_NOTIFY_WEEKLY_REPORT_H_
#define EBILL_COMMON_NOTIFY_WEEKLY_REPORT_H_

#include <optional>
#include <span>

#include "common/domain/reading.h"
#include "common/usage/calendar.h"
#include "common/usage/day_summary.h"

namespace ebill::notify {

struct WeeklyReport {
  usage::DaySpan week;      // today - 7 .. today - 1
  usage::SpanTotals totals;
  usage::SpanTotals previous;  // today - 14 .. today - 8
  // At the unit price of `current` (nullopt: no price shown).
  std::optional<Hundredths> cost;
  std::optional<Hundredths> previous_cost;
  std::optional<Hundredths> recharge_cost;
  std::optional<Reading> current;  // the newest reading at or before now
};

// The first day of summaries weekly_report() needs.
inline LocalDay weekly_first_day(LocalSeconds now) { return day_of(now) - 14; }

// From `days` (summaries of weekly_first_day(now) .. day_of(now) - 1; days
// missing count as without readings) and the newest reading.
WeeklyReport weekly_report(std::span<const usage::DaySummary> days,
                           const std::optional<Reading>& current, LocalSeconds now);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_WEEKLY_REPORT_H_
