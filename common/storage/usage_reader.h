// What the views and KPIs read: complete day summaries for a range of days
// (stored rows for settled days, computed from readings for the rest) and
// readings for any windows, in at most two queries. Every answer equals the
// one usage::summarize_days / load_plan give from all stored readings, as
// long as day_summary is maintained (by ReadingStore::insert, or rebuilt).
#ifndef EBILL_COMMON_STORAGE_USAGE_READER_H_
#define EBILL_COMMON_STORAGE_USAGE_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "common/storage/database.h"
#include "common/summary/refresh_plan.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

// Readings window [start, end), local wall clock.
struct ReadWindow {
  LocalSeconds start = 0;
  LocalSeconds end = 0;
};

struct UsageData {
  // One summary per day of the asked range, in day order (empty without a
  // range), equal to usage::summarize_days over all readings.
  std::vector<usage::DaySummary> days;
  // Per asked window, the samples usage::load_plan(start, end, anchor) names.
  std::vector<std::vector<usage::Sample>> windows;
};

class UsageReader {
 public:
  explicit UsageReader(Database& db) : db_(db) {}  // db must outlive this

  // Days `days` (if any) and samples of `windows` of `meter_no`: one query
  // for the stored summaries (when days are asked) and one for every
  // reading needed (the days not stored — normally today only — and the
  // windows), each an index range scan. Throws StorageUnavailable /
  // StorageError.
  UsageData read(const std::string& meter_no, std::optional<summary::DayRange> days,
                 const std::vector<ReadWindow>& windows = {});

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_USAGE_READER_H_
