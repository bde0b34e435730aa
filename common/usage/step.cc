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

RecentRate recent_rate(std::span<const Sample> series, std::size_t a) {
  const LocalSeconds since = series[a].at - kRateWindowSeconds;
  const auto begin = std::lower_bound(
      series.begin(), series.begin() + static_cast<std::ptrdiff_t>(a), since,
      [](const Sample& s, LocalSeconds t) { return s.at < t; });
  RecentRate rate;
  for (auto j = static_cast<std::size_t>(begin - series.begin()); j < a; ++j) {
    const Hundredths drop = series[j].remain - series[j + 1].remain;
    if (drop < 0) continue;
    rate.drop += drop;
    rate.seconds += series[j + 1].at - series[j].at;
  }
  return rate;
}

StepEffect evaluate_step(std::span<const Sample> series, std::size_t i,
                         const UsageSettings& settings) {
  const Sample& a = series[i - 1];
  const Sample& b = series[i];
  const Hundredths drop = a.remain - b.remain;
  const std::int64_t length = b.at - a.at;
  StepEffect effect;
  if (drop == 0) return effect;
  if (length <= settings.gap_seconds) {
    if (drop > 0) {
      effect.consumed = drop;
    } else {
      effect.recharge = -drop;
    }
    return effect;
  }
  effect.spread = true;
  effect.estimated = true;
  if (drop > 0) {
    effect.consumed = drop;
    return effect;
  }
  const RecentRate rate = recent_rate(series, i - 1);
  const Hundredths hidden = rate.seconds > 0 ? scale_round(rate.drop, length, rate.seconds) : 0;
  effect.consumed = hidden;
  effect.recharge = -drop + hidden;
  return effect;
}

bool any_step_needs_rate(std::span<const Sample> series, const UsageSettings& settings) {
  for (std::size_t i = 1; i < series.size(); ++i) {
    if (series[i].at - series[i - 1].at > settings.gap_seconds &&
        series[i].remain > series[i - 1].remain) {
      return true;
    }
  }
  return false;
}

Hundredths spread_until(Hundredths amount, LocalSeconds a, LocalSeconds b, LocalSeconds t) {
  const LocalSeconds clamped = std::clamp(t, a, b);
  return scale_round(amount, clamped - a, b - a);
}

}  // namespace ebill::usage
