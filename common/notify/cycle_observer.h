// The hook the collector calls after each polling cycle, and what it passes:
// one outcome per meter it polled in that cycle.
#ifndef EBILL_COMMON_NOTIFY_CYCLE_OBSERVER_H_
#define EBILL_COMMON_NOTIFY_CYCLE_OBSERVER_H_

#include <optional>
#include <span>
#include <string>

#include "common/domain/reading.h"
#include "common/time/civil_time.h"

namespace ebill::notify {

struct MeterCycleOutcome {
  std::string meter_no;
  bool ok = false;                 // a reading was fetched, parsed and accepted
  LocalSeconds at = 0;             // local time of the attempt (of the reading when ok)
  std::optional<Reading> reading;  // the accepted reading (stored or spooled) when ok
  std::string error;               // why not ok: a short reason, no secrets
};

class CycleObserver {
 public:
  virtual ~CycleObserver() = default;
  // Called on the collector's thread once per cycle, after the cycle's
  // readings were written (or spooled). `now` is the collector clock's local
  // time. Must return quickly and never throw.
  virtual void after_cycle(std::span<const MeterCycleOutcome> outcomes, LocalSeconds now) = 0;
};

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_CYCLE_OBSERVER_H_
