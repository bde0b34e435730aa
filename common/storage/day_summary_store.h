// The stored per-(meter, local day) summaries of day_summary: what the write
// path keeps (settled days only, see usage::DaySummary), and their repair.
// Throws StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_DAY_SUMMARY_STORE_H_
#define EBILL_COMMON_STORAGE_DAY_SUMMARY_STORE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/storage/database.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

class DaySummaryStore {
 public:
  explicit DaySummaryStore(Database& db) : db_(db) {}  // db must outlive this

  // The stored summaries of `meter_no` for local days first..last, in day
  // order, each settled; days not stored are left out. One range scan of the
  // (meter_no, day) primary key.
  std::vector<usage::DaySummary> stored(const std::string& meter_no, LocalDay first,
                                        LocalDay last);

  // Recomputes the summaries of `meter_no` (every meter when nullopt) from
  // its readings, replacing what was stored, in one transaction: repairs a
  // database another program wrote readings to. Returns the rows written.
  std::size_t rebuild(const std::optional<std::string>& meter_no = std::nullopt);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_DAY_SUMMARY_STORE_H_
