// The meter's recent consumption rate before a reading, and whether it can be
// trusted (docs/usage-semantics.md, rule 6). A recharge step hides the
// consumption of its duration; that consumption is this rate times the
// step's duration, or 0 when the rate is unknown.
#ifndef EBILL_COMMON_USAGE_RATE_H_
#define EBILL_COMMON_USAGE_RATE_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/usage/sample.h"

namespace ebill::usage {

// The rate is taken over the steps of the last 24 h (kRecentRateSeconds)
// when they cover this much time, else over the 7 days (kRateWindowSeconds).
inline constexpr std::int64_t kRecentRateSeconds = 24 * kSecondsPerHour;
inline constexpr std::int64_t kMinCoveredSeconds = 6 * kSecondsPerHour;
// A rate above this multiple of the meter's typical daily rate is absurd.
inline constexpr int kRateBoundFactor = 4;

// `drop` hundredths of a kWh over `seconds`; seconds == 0: unknown.
struct RecentRate {
  Hundredths drop = 0;
  std::int64_t seconds = 0;
  bool known() const { return seconds > 0; }
  friend bool operator==(const RecentRate&, const RecentRate&) = default;
};

// The rate before series[a] (rule 6). Rate steps: the steps lying entirely
// inside [series[a].at - 7 d, series[a].at] whose drop is >= 0 (recharge
// steps never count). Over those inside the last 24 h when they cover
// >= 6 h, else over all of them when they cover >= 6 h, else unknown; and
// unknown when that rate exceeds kRateBoundFactor times the typical rate
// (the median, the upper one of an even count, of the rates of the seven
// 24-h slices ending at series[a].at whose rate steps cover >= 6 h; no bound
// without such a slice or when that median is 0).
// REQUIRES: a < series.size(), times strictly increasing.
RecentRate recent_rate(std::span<const Sample> series, std::size_t a);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_RATE_H_
