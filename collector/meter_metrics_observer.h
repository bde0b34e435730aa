// Refreshes the per-meter series of /metrics (meter_series.h) after each
// cycle: the enabled meters of this collector's shard, their names from the
// `meter` table, their newest reading and consumption from storage
// (storage::meter_totals). While the database is down the last values stay.
#ifndef EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_
#define EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_

#include "collector/cycle_observer.h"
#include "collector/metrics.h"
#include "common/config/config.h"

namespace ebill::collector {

class MeterMetricsObserver final : public CycleObserver {
 public:
  // `config` and `metrics` outlive this.
  MeterMetricsObserver(const Config& config, Metrics& metrics)
      : config_(config), metrics_(metrics) {}

  // One meter-list query, one extent query, one UsageReader::read per meter.
  void after_cycle(const CycleReport& report, const Clock& clock, storage::Database* db) override;

 private:
  const Config& config_;
  Metrics& metrics_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METER_METRICS_OBSERVER_H_
