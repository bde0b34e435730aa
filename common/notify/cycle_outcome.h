// What the notifier needs to know of one polling cycle: one outcome per
// meter the collector polled (attempted) in it.
#ifndef EBILL_COMMON_NOTIFY_CYCLE_OUTCOME_H_
#define EBILL_COMMON_NOTIFY_CYCLE_OUTCOME_H_

#include <optional>
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

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_CYCLE_OUTCOME_H_
