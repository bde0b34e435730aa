// Internal to common/storage: the statements behind day summaries — loading
// readings by usage::load_plan for many windows per statement, and reading
// and writing day_summary rows. Every value is bound (backend.h); no
// statement grows past a fixed bound with the number of windows, ranges,
// meters or rows. Includes SOCI (via database_impl.h).
#ifndef EBILL_COMMON_STORAGE_SUMMARY_SQL_H_
#define EBILL_COMMON_STORAGE_SUMMARY_SQL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database_impl.h"
#include "common/summary/refresh_plan.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

// What to load of one meter's readings.
enum class PlanPart {
  kWindow,  // [start, end) as usage::load_plan names it
  kLatest,  // only the meter's newest reading (as `newest`)
  kAround,  // only the last reading before end (`newest`) and the first at or after it (`after`)
};
struct PlanWindow {
  std::string meter_no;
  LocalSeconds start = 0;
  LocalSeconds end = 0;
  PlanPart part = PlanPart::kWindow;
};

struct LoadedWindow {
  // The samples usage::load_plan(start, end, anchor) names (from the rate
  // window before the anchor to end, plus the first reading at or after
  // end), time order.
  std::vector<usage::Sample> samples;
  std::optional<Reading> newest;  // the newest reading before end (kLatest: the newest)
  std::optional<Reading> after;   // the first reading at or after end
  // Unit price of the newest reading before end that shows one.
  std::optional<TenThousandths> unit_price;
};

// How many statements load_windows may send, per 100 windows.
enum class Statements {
  kOne,     // one, each window from the rate window before its anchor (usage::load_plan)
  kAtMost2, // each window from its anchor; one more for the windows holding a
            // recharge, which need the rate window before the anchor too
};

// Up to 100 windows per statement (SQLite refuses a compound SELECT of more
// than 500 terms; each window is at most two), each part an index range scan on
// (meter_no, collected_at) (the anchor is a constant MAX subquery). With
// kAtMost2 most windows load far fewer rows; the samples of a window
// without a recharge then start at its anchor, and give the
// same results as load_plan's.
std::vector<LoadedWindow> load_windows(Conn& c, const std::vector<PlanWindow>& windows,
                                       Statements statements);

// Stored summaries of `meter_no` for the days of `ranges` (ascending, not
// overlapping) computed under the connection's rules (GAP_MINUTES and
// usage::kSummaryRulesVersion; rows of other rules are left out), in day order: one statement per 100 ranges, a primary-key
// range scan per range. Each has settled = true.
std::vector<usage::DaySummary> select_summaries(Conn& c, const std::string& meter_no,
                                                const std::vector<summary::DayRange>& ranges);

struct MeterSummary {
  std::string meter_no;
  usage::DaySummary summary;
};
// Stored summaries of every meter for the days of `days` computed under the
// connection's rules, each meter's in day order (the meters interleaved):
// one statement, one range scan of the covering (day, ...) index. Only what
// the fleet overview uses is read: day, consumption, readings and last
// (recharge 0, not estimated, no first), settled = true.
std::vector<MeterSummary> select_fleet_summaries(Conn& c, summary::DayRange days);

// The readings at or after `from` of every meter (also of meters not in the
// `meter` table: the caller keeps those it knows): one statement, one range
// scan of the (collected_at, ...) covering index.
struct FleetReadings {
  std::map<std::string, std::vector<usage::Sample>> samples;  // by meter, time order
  std::map<std::string, Reading> latest;                      // each meter's newest
};
FleetReadings select_fleet_readings(Conn& c, LocalSeconds from);

// Inserts or replaces the rows, in multi-row statements of up to 500 rows,
// recording the connection's rules with each.
void upsert_summaries(Conn& c, const std::vector<MeterSummary>& rows);

// Deletes the summaries of `meter_no` (every meter when nullopt); with
// `from`, only its days from `from` on (REQUIRES: meter_no then).
void delete_summaries(Conn& c, const std::optional<std::string>& meter_no,
                      std::optional<LocalDay> from = std::nullopt);

// The stored extent of each meter in `meters` that has readings (every such
// meter when nullopt), one statement per 500 meters: first and last reading
// (a loose index scan of (meter_no, collected_at)) and last summarized day.
std::map<std::string, summary::MeterExtent> meter_extents(
    Conn& c, const std::optional<std::vector<std::string>>& meters);

// What the stored summaries of one meter through a day add up to.
struct StoredTotals {
  Hundredths consumption = 0;                 // the sum over the stored days
  std::optional<LocalDay> last_recharge_day;  // the newest stored day with recharge > 0
};
// For each of `meters` with stored summaries on or before `through`, one
// statement per 500 meters (a primary-key range scan per meter).
std::map<std::string, StoredTotals> stored_totals(Conn& c, const std::vector<std::string>& meters,
                                                  LocalDay through);

// The time of the last stored reading of `meter_no` before `t`.
std::optional<LocalSeconds> last_reading_before(Conn& c, const std::string& meter_no,
                                                LocalSeconds t);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SUMMARY_SQL_H_
