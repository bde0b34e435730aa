// Per-(meter, local day) totals, computed by attribute() over day buckets.
// The API may persist them and build week/month views and KPIs from them.
#ifndef EBILL_COMMON_USAGE_DAY_SUMMARY_H_
#define EBILL_COMMON_USAGE_DAY_SUMMARY_H_

#include <optional>
#include <span>
#include <vector>

#include "common/usage/sample.h"

namespace ebill::usage {

// The version of the rules summarize_days follows (docs/usage-semantics.md).
// Stored summaries record it, with GAP_MINUTES; ebill-api rebuilds those of
// another version or gap at start. Raise it with any change to the usage
// math that can change a day's summary.
inline constexpr int kSummaryRulesVersion = 1;

struct DaySummary {
  LocalDay day = 0;
  Hundredths consumption = 0;
  Hundredths recharge = 0;
  bool estimated = false;
  int readings = 0;
  std::optional<Sample> first;  // first reading of the day
  std::optional<Sample> last;   // last reading of the day
  // A reading at or after the day's end was in the input: no later reading
  // can change this summary (only a late reading inside the day, or before
  // its successor, can).
  bool settled = false;
  friend bool operator==(const DaySummary&, const DaySummary&) = default;
};

// Summaries of days first_day .. first_day + days - 1 (REQUIRES: days >= 1).
// `samples` as load_plan(day_start(first_day), day_start(first_day + days), anchor).
std::vector<DaySummary> summarize_days(std::span<const Sample> samples, LocalDay first_day,
                                       int days, const UsageSettings& settings);

// The summary of `day` in `days`, or nullptr (a day without a row is a day
// with nothing: no readings, no usage).
const DaySummary* find_day(std::span<const DaySummary> days, LocalDay day);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_DAY_SUMMARY_H_
