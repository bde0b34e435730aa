// The exports of each cycle (/metrics per meter, MQTT) from one snapshot:
// after each cycle that reached the database, ExportObserver reads
// meter_snapshots() once and hands the same snapshot to every export, so
// they show identical numbers for that cycle and the database is read once
// for all of them. While the database is down no export is called (each
// keeps what it showed last).
#ifndef EBILL_COLLECTOR_EXPORT_OBSERVER_H_
#define EBILL_COLLECTOR_EXPORT_OBSERVER_H_

#include <vector>

#include "collector/cycle_observer.h"
#include "collector/meter_snapshot.h"
#include "common/config/config.h"

namespace ebill::collector {

// One consumer of the snapshot. Called on the scheduler thread; must not
// wait for the network.
class SnapshotExport {
 public:
  virtual ~SnapshotExport() = default;
  // `meters`: this collector's enabled meters; `now`: the APP_TZ wall clock
  // the snapshot was read at.
  virtual void publish(const CycleReport& report, const std::vector<MeterSnapshot>& meters,
                       LocalSeconds now) = 0;
};

class ExportObserver final : public CycleObserver {
 public:
  explicit ExportObserver(const Config& config) : config_(config) {}  // config outlives this

  void add(SnapshotExport* e) { exports_.push_back(e); }  // e outlives this
  bool empty() const { return exports_.empty(); }

  void after_cycle(const CycleReport& report, const Clock& clock, storage::Database* db) override;

 private:
  const Config& config_;
  std::vector<SnapshotExport*> exports_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_EXPORT_OBSERVER_H_
