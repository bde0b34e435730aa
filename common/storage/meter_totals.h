// What the collector exports per meter (Prometheus now, Home Assistant
// later): its newest reading and its cumulative consumption, read from the
// stored readings, so both survive restarts without state of their own.
#ifndef EBILL_COMMON_STORAGE_METER_TOTALS_H_
#define EBILL_COMMON_STORAGE_METER_TOTALS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"

namespace ebill::storage {

struct MeterTotals {
  std::optional<Reading> latest;  // the newest stored reading
  // kWh hundredths consumed from the meter's first reading through `now`:
  // the sum of its day summaries' consumption (falls of the balance,
  // recharges excluded, gaps spread; usage::summarize_days), the stored
  // settled days plus the days computed from readings (normally today's
  // partial). Never decreases while readings are only added after the
  // newest (a day's consumption is non-negative); deleting readings, or a
  // late reading inside a gap holding a recharge, can lower it
  // (docs/collector.md, Metrics).
  Hundredths consumed = 0;
  Hundredths today = 0;  // of that, consumed on the local day of `now`
};

// The totals of each of `meters` that has readings (meters without any are
// left out): one query for the meters' first readings, then one
// UsageReader::read per meter. `now` is the APP_TZ wall clock. Throws
// StorageUnavailable / StorageError.
std::map<std::string, MeterTotals> meter_totals(Database& db,
                                                const std::vector<std::string>& meters,
                                                LocalSeconds now);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_METER_TOTALS_H_
