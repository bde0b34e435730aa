// Internal to common/storage: keeping day_summary equal to what
// usage::summarize_days computes from the stored readings — the hook
// ReadingStore::insert runs inside its transaction, and the rebuild.
#ifndef EBILL_COMMON_STORAGE_SUMMARY_REFRESH_H_
#define EBILL_COMMON_STORAGE_SUMMARY_REFRESH_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database_impl.h"
#include "common/summary/refresh_plan.h"

namespace ebill::storage {

struct MeterDays {
  std::string meter_no;
  summary::DayRange days;
};

// Recomputes the summaries of the given settled days from the readings (each
// window loaded by usage::load_plan, many windows per statement) and stores
// them (multi-row upserts). Returns how many rows it wrote.
std::size_t recompute_summaries(Conn& c, const std::vector<MeterDays>& ranges);

// The write-path hook, used in one transaction as: before_insert (one query
// per 500 meters of the batch: their stored extents), the insert, then
// after_insert (nothing more in the common case; else the stale days are
// recomputed, and a late reading costs one lookup of its predecessor).
class SummaryRefresh {
 public:
  void before_insert(Conn& c, const std::vector<Reading>& batch);
  void after_insert(Conn& c);

 private:
  std::map<std::string, summary::MeterExtent> extents_;
  std::map<std::string, std::vector<LocalSeconds>> times_;
};

// Deletes and recomputes the summaries of `meter_no` (every meter when
// nullopt) from its readings. Returns how many rows it wrote.
std::size_t rebuild_summaries(Conn& c, const std::optional<std::string>& meter_no);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SUMMARY_REFRESH_H_
