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

// Summary maintenance of one batch of readings, inside the transaction that
// inserts them: constructed before the insert (one query per 500 meters of
// the batch: their stored extents), after_insert() once it is done (nothing
// more in the common case; else the stale days are recomputed, and a late
// reading costs one lookup of its predecessor). `tx` must outlive this.
class SummaryRefresh {
 public:
  SummaryRefresh(WriteTransaction& tx, const std::vector<Reading>& batch);
  void after_insert();

 private:
  WriteTransaction& tx_;
  std::map<std::string, summary::MeterExtent> extents_;
  std::map<std::string, std::vector<LocalSeconds>> times_;
};

// Deletes and recomputes the summaries of `meter_no` (every meter when
// nullopt) from its readings. Returns how many rows it wrote.
std::size_t rebuild_summaries(Conn& c, const std::optional<std::string>& meter_no);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SUMMARY_REFRESH_H_
