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
  bool database_up = false; // the database answered this cycle
  bool stored = false;      // the readings (and the spool) reached the database
  std::size_t spool_depth = 0;  // readings left in the spool after the cycle
  bool spool_writable = true;   // the last append to the spool succeeded
  std::size_t held = 0;     // readings only in memory: neither spool nor database took them
  std::size_t dropped = 0;  // held readings given up this cycle (the hold was full)
  std::size_t damaged = 0;  // spool lines moved to quarantine.spool this cycle
  std::size_t rejected = 0; // readings the database refused, moved to rejected.jsonl
  bool stopped = false;     // a stop request cut the cycle short

  // True when every meter of the shard gave a reading and it was stored.
  bool all_succeeded() const { return failed == 0 && skipped == 0 && stored; }
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_CYCLE_REPORT_H_
