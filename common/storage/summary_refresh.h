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
#include "common/storage/open_day_sql.h"
#include "common/storage/stale_days.h"
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
// inserts them: constructed before the insert (two queries per 500 meters of
// the batch: their stored extents and open days), after_insert() once it is
// done (in the common case one read and one delete of the batch's stale_day
// marks and one upsert of the open days, extended by the new readings; else
// the stale days are recomputed, a late reading costing one lookup of its
// predecessor, an open day that cannot be extended (a new day, a recharge,
// a late reading, another program's change that day) is recomputed from its
// readings, and days of the batch's meters another program marked are
// repaired as repair_from does). `tx` must outlive this.
class SummaryRefresh {
 public:
  SummaryRefresh(WriteTransaction& tx, const std::vector<Reading>& batch);
  void after_insert();

 private:
  // The open day of `meter_no` extended by its readings of the batch, or
  // nullopt when it must be recomputed (see usage::extend_open_day).
  std::optional<OpenDay> extended_open_day(const std::string& meter_no,
                                           const std::vector<StaleDay>& marks) const;

  WriteTransaction& tx_;
  std::map<std::string, summary::MeterExtent> extents_;  // before the insert
  std::map<std::string, OpenDay> open_;                  // before the insert
  std::map<std::string, std::vector<LocalSeconds>> times_;
  std::map<std::string, std::vector<Reading>> readings_;  // the batch's, in time order
};

// Repairs the summaries of each meter after its readings from local day
// `earliest[meter]` on changed in any way (rows inserted, changed or
// deleted): deletes its stored rows from the day of its last reading before
// that day and recomputes them through its last settled day (a meter
// without such a reading is rebuilt whole, one without readings loses its
// rows) and recomputes its open day. Moves no change version and clears no
// mark. Returns rows written.
std::size_t repair_from(Conn& c, const std::map<std::string, LocalDay>& earliest);

// Deletes and recomputes the summaries and open days of `meter_no` (every
// meter when nullopt) from its readings, clearing their stale_day marks; with
// `move_versions`, moves the change version of each meter (cached views
// drop). Returns how many rows it wrote.
std::size_t rebuild_summaries(Conn& c, const std::optional<std::string>& meter_no,
                              bool move_versions = true);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SUMMARY_REFRESH_H_
