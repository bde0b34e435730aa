// One balance reading as the usage math sees it, and the settings of that
// math. Times are local wall-clock seconds (APP_TZ), balances integer
// hundredths of a kWh.
#ifndef EBILL_COMMON_USAGE_SAMPLE_H_
#define EBILL_COMMON_USAGE_SAMPLE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/domain/amount.h"
#include "common/time/civil_time.h"

namespace ebill::usage {

struct Sample {
  LocalSeconds at = 0;
  Hundredths remain = 0;
  friend bool operator==(const Sample&, const Sample&) = default;
};

struct UsageSettings {
  // A step longer than this is a gap (GAP_MINUTES, default 30 minutes).
  std::int64_t gap_seconds = 30 * 60;
};

// How far back the rate of a recharge step looks (rule 6: 7 days); what a
// window must load before its anchor (load_plan).
inline constexpr std::int64_t kRateWindowSeconds = 7 * kSecondsPerDay;

// Every function of common/usage takes samples in non-decreasing time order.
// Readings with equal times are duplicates: only the LAST of them counts.
// Returns the samples sorted by time (stable) with duplicates removed that way.
std::vector<Sample> normalize_samples(std::vector<Sample> samples);

// True when times strictly increase (no sorting or deduplication needed).
bool strictly_increasing(std::span<const Sample> samples);

// Calls f(series) with `samples` as a strictly increasing series: the input
// itself when it already is one, else a normalized copy.
template <typename F>
auto with_series(std::span<const Sample> samples, F&& f) {
  if (strictly_increasing(samples)) return f(samples);
  const std::vector<Sample> series = normalize_samples({samples.begin(), samples.end()});
  return f(std::span<const Sample>(series));
}

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_SAMPLE_H_
