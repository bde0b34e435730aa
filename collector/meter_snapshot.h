// What the exports (/metrics per meter, MQTT) show of each meter this
// collector polls, read once per cycle for all of them (export_observer.h): the enabled meters of its shard, from the `meter` table,
// with their newest reading and consumption (storage::meter_totals).
#ifndef EBILL_COLLECTOR_METER_SNAPSHOT_H_
#define EBILL_COLLECTOR_METER_SNAPSHOT_H_

#include <vector>

#include "common/config/config.h"
#include "common/domain/meter.h"
#include "common/storage/database.h"
#include "common/storage/meter_totals.h"

namespace ebill::collector {

struct MeterSnapshot {
  Meter meter;
  storage::MeterTotals totals;  // no `latest` while the meter has no reading
};

// In the table's order. One meter-list query, then storage::meter_totals'
// bounded statements (none per meter). `now`: APP_TZ wall clock.
// Throws StorageUnavailable / StorageError.
std::vector<MeterSnapshot> meter_snapshots(const Config& config, storage::Database& db,
                                           LocalSeconds now);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METER_SNAPSHOT_H_
