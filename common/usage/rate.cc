#include "common/usage/rate.h"

#include <algorithm>
#include <array>
#include <vector>

namespace ebill::usage {
namespace {

__extension__ typedef __int128 Wide;

constexpr int kSlices = static_cast<int>(kRateWindowSeconds / kRecentRateSeconds);

// x.drop / x.seconds < y.drop / y.seconds (both known).
bool slower(const RecentRate& x, const RecentRate& y) {
  return static_cast<Wide>(x.drop) * y.seconds < static_cast<Wide>(y.drop) * x.seconds;
}

void add(RecentRate& sum, Hundredths drop, std::int64_t seconds) {
  sum.drop += drop;
  sum.seconds += seconds;
}

}  // namespace

RecentRate recent_rate(std::span<const Sample> series, std::size_t a) {
  const LocalSeconds t = series[a].at;
  const auto begin = std::lower_bound(
      series.begin(), series.begin() + static_cast<std::ptrdiff_t>(a), t - kRateWindowSeconds,
      [](const Sample& s, LocalSeconds since) { return s.at < since; });
  RecentRate all;
  std::array<RecentRate, kSlices> slices{};  // slice k: [t - (k+1) * 24 h, t - k * 24 h]
  for (auto j = static_cast<std::size_t>(begin - series.begin()); j < a; ++j) {
    const Hundredths drop = series[j].remain - series[j + 1].remain;
    if (drop < 0) continue;
    const std::int64_t seconds = series[j + 1].at - series[j].at;
    add(all, drop, seconds);
    const std::int64_t k = (t - series[j + 1].at) / kRecentRateSeconds;
    if (series[j].at >= t - (k + 1) * kRecentRateSeconds) {
      add(slices[static_cast<std::size_t>(k)], drop, seconds);
    }
  }
  const RecentRate chosen = slices[0].seconds >= kMinCoveredSeconds ? slices[0]
                            : all.seconds >= kMinCoveredSeconds     ? all
                                                                    : RecentRate{};
  if (!chosen.known()) return chosen;
  std::vector<RecentRate> covered;
  for (const RecentRate& s : slices) {
    if (s.seconds >= kMinCoveredSeconds) covered.push_back(s);
  }
  if (covered.empty()) return chosen;
  std::sort(covered.begin(), covered.end(), slower);
  const RecentRate& typical = covered[covered.size() / 2];
  if (typical.drop > 0 && static_cast<Wide>(chosen.drop) * typical.seconds >
                              static_cast<Wide>(kRateBoundFactor) * typical.drop * chosen.seconds) {
    return {};
  }
  return chosen;
}

}  // namespace ebill::usage
