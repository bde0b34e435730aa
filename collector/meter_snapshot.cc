#include "collector/meter_snapshot.h"

#include <map>
#include <string>

#include "collector/shard.h"
#include "common/storage/meter_store.h"

namespace ebill::collector {

std::vector<MeterSnapshot> meter_snapshots(const Config& config, storage::Database& db,
                                           LocalSeconds now) {
  std::vector<MeterSnapshot> out;
  std::vector<std::string> numbers;
  for (Meter& m : storage::MeterStore(db).list()) {
    if (!m.enabled) continue;
    if (shard_of(m.meter_no, config.collector.shard_count) != config.collector.shard_index) continue;
    numbers.push_back(m.meter_no);
    out.push_back(MeterSnapshot{std::move(m), {}});
  }
  std::map<std::string, storage::MeterTotals> totals = storage::meter_totals(db, numbers, now, config.usage.recharge_min_kwh);
  for (MeterSnapshot& s : out) {
    if (auto it = totals.find(s.meter.meter_no); it != totals.end()) s.totals = std::move(it->second);
  }
  return out;
}

}  // namespace ebill::collector
