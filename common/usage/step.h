// What one step a -> b between consecutive readings means: consumption,
// recharge, and whether it is estimated. This is the single place where the
// rules of docs/usage-semantics.md are decided; every view only places the
// effects into buckets.
#ifndef EBILL_COMMON_USAGE_STEP_H_
#define EBILL_COMMON_USAGE_STEP_H_

#include <cstddef>
#include <span>

#include "common/usage/sample.h"

namespace ebill::usage {

struct StepEffect {
  // Consumption inside (a.at, b.at], hundredths, never negative.
  Hundredths consumed = 0;
  // false: `consumed` belongs to the instant b.at (normal step);
  // true: it is spread over (a.at, b.at] in proportion to time (gap step).
  bool spread = false;
  // Recharge attributed to the instant b.at, never negative.
  Hundredths recharge = 0;
  // Gap step with any effect: its numbers are estimates.
  bool estimated = false;
};

// Effect of the step series[i-1] -> series[i]. Looks back at most
// kRateWindowSeconds before series[i-1] (for a recharge across a gap).
// REQUIRES: 1 <= i < series.size(), times strictly increasing.
StepEffect evaluate_step(std::span<const Sample> series, std::size_t i,
                         const UsageSettings& settings);

// True when some step of `series` (time order) is a recharge across a gap:
// the only kind of step whose effect depends on readings before it (the
// rate window). Without one, a window needs no readings before its anchor.
bool any_step_needs_rate(std::span<const Sample> series, const UsageSettings& settings);

// The meter's recent consumption: over the steps lying entirely inside
// [series[a].at - 24h, series[a].at] whose drop is >= 0, the summed drop and
// the summed duration. Recharge steps take part in neither.
struct RecentRate {
  Hundredths drop = 0;
  std::int64_t seconds = 0;
};
RecentRate recent_rate(std::span<const Sample> series, std::size_t a);

// The part of `amount` spread evenly over (a, b] that lies in (a, t]:
// round-half-up(amount * (t - a) / (b - a)), with t clamped into [a, b].
// Differences of this function give every bucket's share, so shares of any
// partition sum exactly to `amount` and finer buckets sum to coarser ones.
// REQUIRES: a < b, amount >= 0.
Hundredths spread_until(Hundredths amount, LocalSeconds a, LocalSeconds b, LocalSeconds t);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_STEP_H_
