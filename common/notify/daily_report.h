// The numbers of the daily report: yesterday's usage, its first and last
// balances and recharges, the current balance, the 7-day average and the
// days left (usage::days_left, docs/usage-semantics.md rule 16). Pure.
#ifndef EBILL_COMMON_NOTIFY_DAILY_REPORT_H_
#define EBILL_COMMON_NOTIFY_DAILY_REPORT_H_

#include <optional>
#include <span>

#include "common/usage/day_summary.h"
#include "common/usage/kpi.h"
#include "common/usage/recharges.h"
#include "common/usage/sample.h"

namespace ebill::notify {

struct DailyReport {
  LocalDay day = 0;                         // the reported day: yesterday
  Hundredths usage = 0;                     // consumption of `day`
  bool estimated = false;                   // usage includes gap estimates
  std::optional<Hundredths> start_balance;  // first reading of `day`
  std::optional<Hundredths> end_balance;    // last reading of `day`
  Hundredths recharge = 0;                  // recharged during `day`
  std::optional<usage::Sample> current;     // newest reading at or before now
  // Average daily usage of the 7 days before today that have readings
  // (nullopt: none has); days left from it (nullopt: unknown).
  std::optional<Hundredths> average_daily_usage;
  std::optional<usage::DaysLeft> days_left;
};

// The first day of summaries daily_report() and days_left need.
inline LocalDay report_first_day(LocalSeconds now) { return day_of(now) - 7; }

// The report for `now` from `days` (summaries of report_first_day(now) ..
// day_of(now) - 1, ascending; days missing count as without readings) and
// `current`, the newest reading at or before `now` (nullopt: none).
DailyReport daily_report(std::span<const usage::DaySummary> days,
                         const std::optional<usage::Sample>& current, LocalSeconds now);

// The 7-day average and days left for `current` from the summaries of the
// 7 closed days before `today`.
void estimate_days_left(const usage::Sample& current, std::span<const usage::DaySummary> days,
                        LocalDay today, DailyReport* report);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_DAILY_REPORT_H_
