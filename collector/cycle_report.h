// What one polling cycle did, for the log, the metrics and the observers.
#ifndef EBILL_COLLECTOR_CYCLE_REPORT_H_
#define EBILL_COLLECTOR_CYCLE_REPORT_H_

#include <cstddef>
#include <vector>

#include "common/collect/poll_outcome.h"
#include "common/time/civil_time.h"

namespace ebill::collector {

struct CycleReport {
  LocalSeconds started_at = 0;  // APP_TZ wall clock
  double duration_s = 0;        // wall time of the whole cycle
  std::vector<collect::PollOutcome> outcomes;  // one per polled meter, cancelled included
  std::size_t ok = 0;       // meters with a stored (or spooled) reading
  std::size_t failed = 0;   // meters whose attempt failed, rejected included
  std::size_t skipped = 0;  // disabled meters of this shard, plus meters a stop cancelled
  bool database_up = false; // the readings reached the database this cycle
  std::size_t spool_depth = 0;  // readings left in the spool after the cycle
  bool stopped = false;     // a stop request cut the cycle short

  // True when every meter of the shard gave a reading and it was stored.
  bool all_succeeded() const { return failed == 0 && skipped == 0 && database_up; }
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_CYCLE_REPORT_H_
