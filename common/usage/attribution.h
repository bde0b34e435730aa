// Places the effects of every step of a series into time buckets
// [e0, e1), [e1, e2), ... (hours, days, or any edges). A step is judged the
// same way whichever window asks, so finer buckets always sum to coarser ones.
#ifndef EBILL_COMMON_USAGE_ATTRIBUTION_H_
#define EBILL_COMMON_USAGE_ATTRIBUTION_H_

#include <optional>
#include <span>
#include <vector>

#include "common/usage/sample.h"

namespace ebill::usage {

struct Bucket {
  LocalSeconds start = 0;  // inclusive
  LocalSeconds end = 0;    // exclusive
  Hundredths consumption = 0;
  Hundredths recharge = 0;
  bool estimated = false;  // some of its numbers come from a gap step
  int readings = 0;        // readings with start <= at < end
  std::optional<Sample> first;  // earliest reading inside the bucket
  std::optional<Sample> last;   // latest reading inside the bucket
};

// One bucket per pair of consecutive `edges` (REQUIRES: strictly increasing,
// at least two). `samples` in time order (duplicates: the last counts), as
// load_plan() describes: the anchor and the 7 days before it, the window, and
// the first reading at or after the window's end. The first reading of the
// window takes the anchor as its predecessor; without one it adds nothing.
// Effects falling outside [edges.front(), edges.back()) are dropped.
std::vector<Bucket> attribute(std::span<const Sample> samples,
                              std::span<const LocalSeconds> edges,
                              const UsageSettings& settings);

// Consumption inside [from, to) (REQUIRES: from < to).
Hundredths usage_between(std::span<const Sample> samples, LocalSeconds from, LocalSeconds to,
                         const UsageSettings& settings);

// The 25 edges of the 24 local hours of `day`.
std::vector<LocalSeconds> hour_edges(LocalDay day);
// The days + 1 edges of the local days first_day .. first_day + days - 1.
std::vector<LocalSeconds> day_edges(LocalDay first_day, int days);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_ATTRIBUTION_H_
