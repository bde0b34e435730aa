// What one step a -> b between consecutive readings means: consumption,
// recharge, and whether it is estimated. This is the single place where the
// rules of docs/usage-semantics.md are decided; every view only places the
// effects into buckets.
#ifndef EBILL_COMMON_USAGE_STEP_H_
#define EBILL_COMMON_USAGE_STEP_H_

#include <cstddef>
#include <span>

#include "common/usage/rate.h"
#include "common/usage/sample.h"

namespace ebill::usage {

struct StepEffect {
  // Consumption inside (a.at, b.at], hundredths, never negative.
  Hundredths consumed = 0;
  // false: `consumed` belongs to the instant b.at (normal step);
  // true: it is spread over (a.at, b.at] in proportion to time (gap step).
  bool spread = false;
  // Recharge attributed to the instant b.at, never negative: the rise plus
  // the consumption it hid (rules 2 and 7).
  Hundredths recharge = 0;
  // Gap step with any effect: its numbers are estimates.
  bool estimated = false;
};

// Effect of the step series[i-1] -> series[i]. Looks back at most
// kRateWindowSeconds before series[i-1] (for a recharge: recent_rate).
// REQUIRES: 1 <= i < series.size(), times strictly increasing.
StepEffect evaluate_step(std::span<const Sample> series, std::size_t i,
                         const UsageSettings& settings);

// True when some step of `series` (time order) is a recharge (its balance
// rises): the only kind of step whose effect depends on readings before it
// (the rate window). Without one, a window needs no readings before its
// anchor. `settings` is unused since rule 2 needs the rate too; kept so
// callers need not change when a rule does.
bool any_step_needs_rate(std::span<const Sample> series, const UsageSettings& settings);

// The part of `amount` spread evenly over (a, b] that lies in (a, t]:
// round-half-up(amount * (t - a) / (b - a)), with t clamped into [a, b].
// Differences of this function give every bucket's share, so shares of any
// partition sum exactly to `amount` and finer buckets sum to coarser ones.
// REQUIRES: a < b, amount >= 0.
Hundredths spread_until(Hundredths amount, LocalSeconds a, LocalSeconds b, LocalSeconds t);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_STEP_H_
