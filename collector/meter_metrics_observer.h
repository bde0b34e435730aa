// Refreshes the per-meter series of /metrics (meter_series.h) from each
// cycle's snapshot (export_observer.h): the enabled meters of this
// collector's shard, their names from the `meter` table, their newest
// reading and consumption (storage::meter_totals). While the database is
// down the last values stay.
#ifndef EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_
#define EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_

#include "collector/export_observer.h"
#include "collector/metrics.h"

namespace ebill::collector {

class MeterMetricsObserver final : public SnapshotExport {
 public:
  explicit MeterMetricsObserver(Metrics& metrics) : metrics_(metrics) {}  // metrics outlives this

  void publish(const CycleReport& report, const std::vector<MeterSnapshot>& meters,
               LocalSeconds now) override;

 private:
  Metrics& metrics_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_
