// The hook for whatever must react to each cycle (the notifications of issue
// 7: low balance, source failing, daily report). The collector calls every
// registered observer after each cycle, once its readings and statuses are
// stored (or spooled).
#ifndef EBILL_COLLECTOR_CYCLE_OBSERVER_H_
#define EBILL_COLLECTOR_CYCLE_OBSERVER_H_

#include "collector/cycle_report.h"
#include "common/storage/database.h"
#include "common/time/time_zone.h"

namespace ebill::collector {

class CycleObserver {
 public:
  virtual ~CycleObserver() = default;
  // Runs on the scheduler thread; the next cycle waits for it, so keep it
  // short. `db` is the open database, or nullptr while it cannot be reached
  // (calls on it may still throw storage::StorageUnavailable). `clock` gives
  // the APP_TZ wall clock. Exceptions are caught and logged by the caller.
  virtual void after_cycle(const CycleReport& report, const Clock& clock,
                           storage::Database* db) = 0;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_CYCLE_OBSERVER_H_
