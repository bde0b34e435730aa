#include "collector/meter_metrics_observer.h"

#include <map>
#include <string>
#include <vector>

#include "collector/shard.h"
#include "common/storage/meter_store.h"
#include "common/storage/meter_totals.h"

namespace ebill::collector {

void MeterMetricsObserver::after_cycle(const CycleReport& report, const Clock& clock,
                                       storage::Database* db) {
  if (db == nullptr || !report.database_up) return;
  std::vector<MeterSeries> series;
  std::vector<std::string> numbers;
  for (const Meter& m : storage::MeterStore(*db).list()) {
    if (!m.enabled) continue;
    if (shard_of(m.meter_no, config_.collector.shard_count) != config_.collector.shard_index) continue;
    series.push_back(MeterSeries{m.meter_no, m.name, {}});
    numbers.push_back(m.meter_no);
  }
  std::map<std::string, storage::MeterTotals> totals =
      storage::meter_totals(*db, numbers, clock.now());
  for (MeterSeries& s : series) {
    if (auto it = totals.find(s.meter_no); it != totals.end()) s.totals = std::move(it->second);
  }
  metrics_.set_meters(std::move(series));
}

}  // namespace ebill::collector
