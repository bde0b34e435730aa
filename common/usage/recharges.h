// Recharge events: every step whose balance rises, with its amount (the rise,
// plus the consumption estimated to be hidden in it when it crosses a gap).
#ifndef EBILL_COMMON_USAGE_RECHARGES_H_
#define EBILL_COMMON_USAGE_RECHARGES_H_

#include <span>
#include <vector>

#include "common/usage/sample.h"

namespace ebill::usage {

struct RechargeEvent {
  LocalSeconds at = 0;           // time of the reading that shows it
  Hundredths balance_before = 0;
  Hundredths balance_after = 0;
  Hundredths amount = 0;         // >= balance_after - balance_before
  bool estimated = false;        // amount includes estimated hidden consumption
  friend bool operator==(const RechargeEvent&, const RechargeEvent&) = default;
};

// Events whose reading lies in [from, to), oldest first. `samples` as
// load_plan(from, to, anchor).
std::vector<RechargeEvent> recharge_events(std::span<const Sample> samples, LocalSeconds from,
                                           LocalSeconds to, const UsageSettings& settings);

// Keeps the events with amount >= min_amount (RECHARGE_MIN_KWH: smaller rises
// are listed as jitter, though usage still counts them).
std::vector<RechargeEvent> without_jitter(std::vector<RechargeEvent> events, Hundredths min_amount);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_RECHARGES_H_
