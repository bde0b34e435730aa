// Which readings a caller must load so that a window's answer is exact and
// independent of any older history: three indexed lookups on
// (meter_no, collected_at).
#ifndef EBILL_COMMON_USAGE_LOAD_PLAN_H_
#define EBILL_COMMON_USAGE_LOAD_PLAN_H_

#include <optional>

#include "common/usage/sample.h"

namespace ebill::usage {

// Load every reading with from <= at < to, then the first reading with
// at >= to (if any), and pass them, in time order, to attribute() & co.
struct LoadPlan {
  LocalSeconds from = 0;
  LocalSeconds to = 0;
};

// For the window [window_start, window_end) of a meter whose last reading
// before window_start is at `anchor_at` (nullopt: none): from = anchor_at -
// kRateWindowSeconds (the anchor and the 7 days of rate history before it;
// this covers the 7 days before every step of the window too), or
// window_start without an anchor.
inline LoadPlan load_plan(LocalSeconds window_start, LocalSeconds window_end,
                          std::optional<LocalSeconds> anchor_at) {
  return {anchor_at ? *anchor_at - kRateWindowSeconds : window_start, window_end};
}

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_LOAD_PLAN_H_
