// What the fleet overview reads for every meter at once, whatever their
// number, in two queries: the stored day summaries of today - 8 .. today and
// the readings since yesterday's start. Days not stored (normally today,
// sometimes yesterday) are summarized from those readings, anchored on the
// newest stored day's last reading (day_summary keeps it); unlike
// UsageReader they lack the 24 h before that anchor (rule 7: a recharge
// across a gap there is read as a plain step). Throws StorageUnavailable / StorageError.
#ifndef EBILL_COMMON_STORAGE_FLEET_READER_H_
#define EBILL_COMMON_STORAGE_FLEET_READER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

struct FleetMeterData {
  std::vector<usage::DaySummary> days;  // today - 8 .. today, ascending, days with a row
  std::optional<Reading> latest;        // the newest reading since yesterday's start
  // Else the newest reading the summaries know (remain and time only).
  std::optional<usage::Sample> latest_known;
};

class FleetReader {
 public:
  explicit FleetReader(Database& db) : db_(db) {}  // db must outlive this

  // By meter_no; meters without data in the span are absent.
  std::map<std::string, FleetMeterData> read(LocalDay today);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_FLEET_READER_H_
