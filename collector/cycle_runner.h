// One polling cycle, start to end: replay the spool, list the enabled meters
// of this shard, poll them (common/collect), spool the readings, insert them,
// record meter_status, log, update metrics, call the observers. Keeps what
// must survive between cycles: the database handle (opened lazily, so the
// collector runs and spools while the database is down), each meter's latest
// reading (the jump check), the candidates of a new level (a confirmed
// jump), the last known meter list, and the readings held in memory while
// the spool cannot be written (disk full): those go straight to the
// database when it answers, else into the spool once it takes them again.
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
  // outages, refused readings (quarantined) or spool write failures (the
  // readings are stored directly or held in memory; logged once).
  CycleReport run(const std::atomic<bool>* stop);

  // At most this many readings are held in memory; beyond it the oldest
  // are given up (counted, logged).
  static constexpr std::size_t kMaxHeld = 100000;

  storage::Database* database() { return db_.get(); }
  // Readings only in memory (lost if the process ends now).
  std::size_t held() const { return held_.size(); }

 private:
  // How an attempt to store readings ended.
  enum class Store { kStored, kDown, kFailed };  // kFailed: the database answered

  bool connect();            // opens the database if needed; true when open
  Store replay_spool(CycleReport& report);  // kStored when the spool is empty afterwards
  Store store_held(CycleReport& report);    // the held readings, straight to the database
  void write_ahead(const std::vector<Reading>& readings);  // into the spool, else held
  void watch_held(CycleReport& report);  // caps the hold, alerts once, reports
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
  std::vector<Reading> held_;   // in neither the spool nor the database, oldest first
  bool spool_failing_ = false;  // the last append failed (logged once)
  bool stranded_ = false;       // readings are held and the database is down (logged once)
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_CYCLE_RUNNER_H_
