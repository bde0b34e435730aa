#include "collector/meter_metrics_observer.h"

#include <vector>

#include "collector/meter_snapshot.h"

namespace ebill::collector {

void MeterMetricsObserver::after_cycle(const CycleReport& report, const Clock& clock,
                                       storage::Database* db) {
  if (db == nullptr || !report.database_up) return;
  std::vector<MeterSeries> series;
  for (MeterSnapshot& s : meter_snapshots(config_, *db, clock.now())) {
    series.push_back(MeterSeries{s.meter.meter_no, s.meter.name, std::move(s.totals)});
  }
  metrics_.set_meters(std::move(series));
}

}  // namespace ebill::collector
