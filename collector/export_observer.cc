#include "collector/export_observer.h"

namespace ebill::collector {

void ExportObserver::after_cycle(const CycleReport& report, const Clock& clock,
                                 storage::Database* db) {
  if (db == nullptr || !report.database_up || exports_.empty()) return;
  const LocalSeconds now = clock.now();
  const std::vector<MeterSnapshot> meters = meter_snapshots(config_, *db, now);
  for (SnapshotExport* e : exports_) e->publish(report, meters, now);
}

}  // namespace ebill::collector
