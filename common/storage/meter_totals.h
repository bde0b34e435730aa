// What the collector exports per meter (/metrics and Home Assistant, read
// once per cycle for both): its newest reading, its cumulative consumption,
// today's, the days-left estimate and its last recharge, read from the
// stored readings and summaries, so all survive restarts without state of
// their own.
#ifndef EBILL_COMMON_STORAGE_METER_TOTALS_H_
#define EBILL_COMMON_STORAGE_METER_TOTALS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/usage/kpi.h"
#include "common/usage/recharges.h"

namespace ebill::storage {

struct LastRecharge {
  usage::RechargeEvent event;  // its time, amount (kWh hundredths) and balances
  // Yuan hundredths: the amount at the unit price of the reading that shows
  // it (cost_of); nullopt when that reading shows no price.
  std::optional<Hundredths> cost;
};

struct MeterTotals {
  std::optional<Reading> latest;  // the newest stored reading up to the end of today
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
  // usage::days_left from the newest reading over today - 7 .. today - 1.
  std::optional<usage::DaysLeft> days_left;
  // The newest recharge of at least RECHARGE_MIN_KWH, looked for on the
  // days after the stored summaries and on the newest stored day with a
  // recharge (a day whose rises are all jitter shows none).
  std::optional<LastRecharge> last_recharge;
};

// The totals of each of `meters` that has readings (meters without any are
// left out), in a bounded number of statements whatever the number of
// meters: one per 500 meters for their extents and for their stored sums,
// one for the summaries of the last 8 days, and one per 100 meters for the
// readings after their stored summaries, for their newest recharge day and
// for the reading that shows it. `now` is the APP_TZ wall clock;
// `recharge_min` is RECHARGE_MIN_KWH. Throws StorageUnavailable / StorageError.
std::map<std::string, MeterTotals> meter_totals(Database& db,
                                                const std::vector<std::string>& meters,
                                                LocalSeconds now, Hundredths recharge_min);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_METER_TOTALS_H_
