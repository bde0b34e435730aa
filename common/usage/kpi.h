// The numbers of /kpi and /period_kpi, and the days-left estimate the alerts
// use. Everything from per-day summaries (see day_summary.h), except the
// "so far" cut of the period comparison, which needs readings of one day.
#ifndef EBILL_COMMON_USAGE_KPI_H_
#define EBILL_COMMON_USAGE_KPI_H_

#include <optional>
#include <span>

#include "common/usage/day_summary.h"
#include "common/usage/sample.h"

namespace ebill::usage {

// Usage and closing balances around a target date. A day without readings has
// usage from gap estimates only (often 0) and no balance.
struct DateKpis {
  Hundredths usage_target = 0;                    // usage of `target`
  Hundredths usage_yesterday = 0;                 // usage of target - 1
  std::optional<Hundredths> target_last_balance;  // last reading of target
  std::optional<Hundredths> yesterday_last_balance;           // ... of target - 1
  std::optional<Hundredths> day_before_yesterday_last_balance;  // ... of target - 2
};
// `days` should hold target - 2 .. target.
DateKpis date_kpis(std::span<const DaySummary> days, LocalDay target);

// Recharge total of `day` (0 without a row).
Hundredths recharge_on(std::span<const DaySummary> days, LocalDay day);

// Estimated days left: the balance of `current` divided by the average daily
// usage over the days today - 7 .. today - 1 that have at least one reading.
struct DaysLeft {
  Hundredths average_daily_usage = 0;  // hundredths of a kWh per day, floored
  Hundredths days_left = 0;            // hundredths of a day, floored; 0 if balance <= 0
  LocalDay run_out_day = 0;            // day_of(current.at + balance / rate), rate unrounded
};
// nullopt when no such day exists or their average usage is 0.
std::optional<DaysLeft> days_left(const Sample& current, std::span<const DaySummary> days,
                                  LocalDay today);

// Usage of the `span_days` local days ending with today vs the span before it,
// and vs that span cut at the same time of day (now - span_days * 24 h).
struct PeriodComparison {
  Hundredths current_usage = 0;
  Hundredths previous_usage = 0;
  Hundredths previous_usage_same_time = 0;
};
// From summaries of today - 2 * span_days + 1 .. today plus the usage of the
// cut day (today - span_days) from its start until now - span_days * 24 h.
PeriodComparison compare_periods(std::span<const DaySummary> days, LocalDay today, int span_days,
                                 Hundredths cut_day_usage_so_far);
// The same from raw samples loaded for [day_start(today - 2 * span_days + 1), now).
PeriodComparison compare_periods(std::span<const Sample> samples, LocalSeconds now, int span_days,
                                 const UsageSettings& settings);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_KPI_H_
