// What the views and KPIs read: complete day summaries for sets of days
// (stored rows for settled days, computed from readings for the rest, which
// is normally today only), readings for any windows, and the newest reading,
// in at most two queries. Every answer equals the one usage::summarize_days
// and usage::load_plan give from all stored readings, as long as day_summary
// is maintained (by ReadingStore::insert, or rebuilt after another writer).
#ifndef EBILL_COMMON_STORAGE_USAGE_READER_H_
#define EBILL_COMMON_STORAGE_USAGE_READER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/summary/refresh_plan.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

// A window [start, end) of readings, local wall clock (REQUIRES: start < end).
struct ReadWindow {
  LocalSeconds start = 0;
  LocalSeconds end = 0;
};

struct WindowReadings {
  // As usage::load_plan(start, end, anchor) names them, in time order.
  std::vector<usage::Sample> samples;
  std::optional<Reading> newest;  // the newest reading before end
  std::optional<Reading> after;   // the first reading at or after end
  // Unit price of the newest reading before end that shows one.
  std::optional<TenThousandths> unit_price;
};

struct UsageRequest {
  std::vector<summary::DayRange> days;  // any order; overlaps are merged
  std::vector<ReadWindow> windows;
  bool latest = false;  // also the meter's newest reading
  // Also the readings on either side of these times.
  std::vector<LocalSeconds> around = {};
};

struct ReadingsAround {
  std::optional<Reading> before;    // the last reading before the time
  std::optional<Reading> at_or_after;  // the first at or after it
};

struct UsageData {
  // One summary per asked day (each once), ascending, equal to
  // usage::summarize_days over all readings.
  std::vector<usage::DaySummary> days;
  std::vector<WindowReadings> windows;  // per asked window, in order
  std::vector<ReadingsAround> around;   // per asked time, in order
  std::optional<Reading> latest;        // when asked: the newest reading, if any
};

// Readings of the days first..last of a window.
struct DayWindow {
  summary::DayRange days;
  WindowReadings readings;  // as load_plan(day_start(first), day_start(last + 1), anchor)
};

// What the fleet overview reads of one meter (UsageReader::read_fleet).
struct FleetMeterData {
  // today - 8 .. today, ascending, days with a row or data. The stored days
  // carry day, consumption, readings and last only (select_fleet_summaries);
  // the open day and days computed from readings carry everything.
  std::vector<usage::DaySummary> days;
  std::optional<Reading> latest;        // the newest reading since yesterday's start
  // Else the newest reading the summaries know (remain and time only).
  std::optional<usage::Sample> latest_known;
};

class UsageReader {
 public:
  explicit UsageReader(Database& db) : db_(db) {}  // db must outlive this

  // At most two queries: one for the stored summaries (when days are asked)
  // and one for every reading needed (the days not stored, the windows, the
  // newest reading), each part an index range scan; without days, the
  // readings may take two (most windows then load from their anchor only).
  // Past 100 windows (or 100 day ranges) each of those takes one more query
  // per 100: no statement grows without bound.
  // Throws StorageUnavailable / StorageError.
  UsageData read(const std::string& meter_no, const UsageRequest& request);

  // Windows covering every day of `days` that holds a recharge (a stored
  // summary with recharge > 0, or a day not stored: normally today), in day
  // order, so recharge events need no other readings; and the readings
  // around the range's end (for the unit price). Two queries, plus one per
  // 100 recharge windows past the first 100.
  struct RechargeWindows {
    std::vector<DayWindow> windows;
    ReadingsAround end;
  };
  RechargeWindows recharge_windows(const std::string& meter_no, summary::DayRange days);

  // Every meter at once, whatever their number, in two queries: the stored
  // summaries of today - 8 .. today (meters of the `meter` table) and the
  // open days (sql/*/019: each meter's day of its newest reading, kept by
  // every write). A meter whose open day does not join its stored days
  // (another program's change not yet repaired, rows of other rules) is
  // summarized from the readings since yesterday's start instead, in one
  // more query for all such meters, as read() does for those two days but
  // with a recharge's rate (rule 6) seeing at most the readings since the
  // newest stored day's last reading; its older days without a row stay
  // absent. By meter_no; meters without data are absent.
  std::map<std::string, FleetMeterData> read_fleet(LocalDay today);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_USAGE_READER_H_
