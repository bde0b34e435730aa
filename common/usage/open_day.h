// The summary of a meter's open day (the local day of its newest reading,
// never settled) kept up to date as readings arrive, without reloading the
// day: pure, so the write path and the tests share it.
#ifndef EBILL_COMMON_USAGE_OPEN_DAY_H_
#define EBILL_COMMON_USAGE_OPEN_DAY_H_

#include <optional>
#include <span>

#include "common/usage/day_summary.h"

namespace ebill::usage {

// `day` (as summarize_days gives it from all readings so far; its `last` is
// the newest reading) extended by `later`: exactly what summarize_days
// would give with those readings added. nullopt when that needs more than
// `day` holds, and the caller recomputes the day from the readings: `day`
// has no last reading, a reading of `later` is not after the one before it
// or lies on another day, or a step rises (a recharge's hidden consumption
// needs the rate of the days before it, rule 6).
std::optional<DaySummary> extend_open_day(const DaySummary& day, std::span<const Sample> later,
                                          const UsageSettings& settings);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_OPEN_DAY_H_
