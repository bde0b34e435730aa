// One polling cycle, start to end: replay the spool, list the enabled meters
// of this shard, poll them (common/collect), spool the readings, insert them,
// record meter_status, log, update metrics, call the observers. Keeps what
// must survive between cycles: the database handle (opened lazily, so the
// collector runs and spools while the database is down), each meter's latest
// reading (the jump check), the candidates of a new level (a confirmed jump)
// and the last known meter list.
#ifndef EBILL_COLLECTOR_CYCLE_RUNNER_H_
#define EBILL_COLLECTOR_CYCLE_RUNNER_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "collector/cycle_observer.h"
#include "collector/cycle_report.h"
#include "collector/metrics.h"
#include "collector/spool.h"
#include "common/collect/level_confirmation.h"
#include "common/collect/poll.h"
#include "common/config/config.h"
#include "common/domain/meter.h"
#include "common/fetch/page_fetcher.h"
#include "common/storage/database.h"
#include "common/time/time_zone.h"

namespace ebill::collector {

class CycleRunner {
 public:
  // Every reference must outlive the runner. `db` may be null (the database
  // could not be reached at start): each cycle then tries to open it.
  CycleRunner(const Config& config, std::unique_ptr<storage::Database> db, Spool& spool,
              PageFetcher& fetcher, const Clock& clock, Metrics& metrics);

  // Not owned; called after every cycle in the order added.
  void add_observer(CycleObserver* observer) { observers_.push_back(observer); }

  // Runs one cycle. A raised `*stop` cancels the fetches still in flight;
  // what was fetched is still spooled and stored. Never throws for database
  // outages (logged); throws std::system_error when the spool cannot be
  // written (the collector cannot keep its promise and stops).
  CycleReport run(const std::atomic<bool>* stop);

  storage::Database* database() { return db_.get(); }

 private:
  bool connect();            // opens the database if needed; true when open
  bool replay_spool();       // true when the spool is empty afterwards
  std::vector<Meter> meters();  // from the table, else the last known list
  void record_status(const std::vector<collect::PollOutcome>& outcomes);

  const Config& config_;
  std::unique_ptr<storage::Database> db_;
  bool meters_upserted_ = false;
  Spool& spool_;
  PageFetcher& fetcher_;
  const Clock& clock_;
  Metrics& metrics_;
  collect::LatestReadings latest_;
  collect::LevelConfirmation levels_;
  std::vector<Meter> known_meters_;
  std::vector<CycleObserver*> observers_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_CYCLE_RUNNER_H_
