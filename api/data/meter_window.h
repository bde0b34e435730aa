// The one place the API reads a meter's readings for its views and KPIs.
// Today every function reads raw readings (load_plan: anchor, one range scan,
// the first reading after: 3 indexed queries per window). A per-day summary
// table can later replace load_days() and compare_period() here without
// touching the routes. All times are APP_TZ wall clock; every function
// throws StorageUnavailable / StorageError like the stores.
#ifndef EBILL_API_DATA_METER_WINDOW_H_
#define EBILL_API_DATA_METER_WINDOW_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/usage/day_summary.h"
#include "common/usage/kpi.h"
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

// The readings of `meter` that a window [from, to) needs (REQUIRES: from < to).
// 3 queries while the range holds at most 20,000 readings (69 days of
// 5-minute readings); one more per further 20,000.
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
  // The unit price of the newest reading loaded that shows one.
  std::optional<TenThousandths> unit_price;
};

// Summaries of every day in `ranges` (overlapping or adjacent ranges are read
// as one window: 3 queries per disjoint window), plus the meter's newest
// reading when `want_latest` (free when the last window reaches past it,
// else one more query).
MeterDays load_days(storage::Database& db, const std::string& meter, std::vector<DayRange> ranges,
                    const usage::UsageSettings& settings, bool want_latest);

// Usage of the `span_days` local days ending with day_of(now) vs the span
// before it, whole and cut at the same time of day (usage::compare_periods).
usage::PeriodComparison compare_period(storage::Database& db, const std::string& meter,
                                       LocalSeconds now, int span_days,
                                       const usage::UsageSettings& settings);

}  // namespace ebill::api::data

#endif  // EBILL_API_DATA_METER_WINDOW_H_
