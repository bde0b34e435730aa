#include "common/usage/step.h"

#include <algorithm>

namespace ebill::usage {
namespace {

__extension__ typedef __int128 Wide;

// round-half-up(x * num / den) for x, num >= 0 and den > 0, without overflow.
std::int64_t scale_round(std::int64_t x, std::int64_t num, std::int64_t den) {
  const Wide product = static_cast<Wide>(x) * num;
  return static_cast<std::int64_t>((product + den / 2) / den);
}

}  // namespace

StepEffect evaluate_step(std::span<const Sample> series, std::size_t i,
                         const UsageSettings& settings) {
  const Sample& a = series[i - 1];
  const Sample& b = series[i];
  const Hundredths drop = a.remain - b.remain;
  const std::int64_t length = b.at - a.at;
  StepEffect effect;
  if (drop == 0) return effect;
  const bool gap = length > settings.gap_seconds;
  effect.spread = gap;
  effect.estimated = gap;
  if (drop > 0) {
    effect.consumed = drop;
    return effect;
  }
  // A recharge hides the consumption of its step: the recent rate times the
  // step's duration, 0 when the rate is unknown (a gap is estimated anyway;
  // a normal step is too short for the unknown part to matter).
  const RecentRate rate = recent_rate(series, i - 1);
  const Hundredths hidden = rate.known() ? scale_round(rate.drop, length, rate.seconds) : 0;
  effect.consumed = hidden;
  effect.recharge = -drop + hidden;
  return effect;
}

bool any_step_needs_rate(std::span<const Sample> series, const UsageSettings&) {
  for (std::size_t i = 1; i < series.size(); ++i) {
    if (series[i].remain > series[i - 1].remain) return true;
  }
  return false;
}

Hundredths spread_until(Hundredths amount, LocalSeconds a, LocalSeconds b, LocalSeconds t) {
  const LocalSeconds clamped = std::clamp(t, a, b);
  return scale_round(amount, clamped - a, b - a);
}

}  // namespace ebill::usage
