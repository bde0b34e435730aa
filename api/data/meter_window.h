// The one place the API reads a meter's readings for its views and KPIs,
// through storage::UsageReader: closed days come from the stored day
// summaries (the write path keeps them), raw readings only for what is not
// summarized (today, the first days of a meter) and for the windows asked
// for; at most two queries per call (three when a window holds a recharge
// across a gap). All times are APP_TZ wall clock; every function throws
// StorageUnavailable / StorageError like the stores.
#ifndef EBILL_API_DATA_METER_WINDOW_H_
#define EBILL_API_DATA_METER_WINDOW_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/usage/day_summary.h"
#include "common/usage/kpi.h"
#include "common/usage/recharges.h"
#include "common/usage/sample.h"

namespace ebill::api::data {

// What load_window() read for [from, to).
struct MeterWindow {
  std::vector<usage::Sample> samples;  // as load_plan(from, to, anchor) asks, in time order
  std::optional<Reading> newest;       // newest reading before `to` (nullopt: none)
  bool more_after = false;             // a reading at or after `to` exists
  // Unit price of the newest loaded reading that shows one (that reading may
  // lie just after `to`); nullopt when none does.
  std::optional<TenThousandths> unit_price;
};

// The readings of `meter` that a window [from, to) needs (REQUIRES: from < to),
// in one query.
MeterWindow load_window(storage::Database& db, const std::string& meter, LocalSeconds from,
                        LocalSeconds to);

// Local days first .. last, inclusive.
struct DayRange {
  LocalDay first = 0;
  LocalDay last = 0;
};

struct MeterDays {
  // One summary per requested day, ascending, exactly as summarize_days()
  // gives them from the whole history.
  std::vector<usage::DaySummary> days;
  // The meter's newest reading (nullopt: no readings at all). Filled only
  // when asked for.
  std::optional<Reading> latest;
  // The unit price of the first reading after the last day, else of the
  // newest reading before it; with `latest`, of the newest reading.
  std::optional<TenThousandths> unit_price;
};

// Summaries of every day in `ranges` (overlapping or adjacent ranges merged),
// plus the meter's newest reading when `want_latest`: two queries. The days'
// summaries are the database's (computed with its GAP_MINUTES, which the
// configuration makes the same as `settings`).
MeterDays load_days(storage::Database& db, const std::string& meter, std::vector<DayRange> ranges,
                    const usage::UsageSettings& settings, bool want_latest);

// The recharge events (usage::recharge_events, oldest first) of days
// first .. last, and the unit price of the first reading after them, else
// of the newest before. Reads only the days that hold a recharge: two
// queries.
struct MeterRecharges {
  std::vector<usage::RechargeEvent> events;
  std::optional<TenThousandths> unit_price;
};
MeterRecharges load_recharges(storage::Database& db, const std::string& meter, DayRange days,
                              const usage::UsageSettings& settings);

// Usage of the `span_days` local days ending with day_of(now) vs the span
// before it, whole and cut at the same time of day (usage::compare_periods).
usage::PeriodComparison compare_period(storage::Database& db, const std::string& meter,
                                       LocalSeconds now, int span_days,
                                       const usage::UsageSettings& settings);

}  // namespace ebill::api::data

#endif  // EBILL_API_DATA_METER_WINDOW_H_
