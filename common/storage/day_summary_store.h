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
#include "common/storage/open_day.h"
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

  // The stored open day of `meter_no`, if any (whatever its rules). One
  // primary-key lookup.
  std::optional<OpenDay> open_day(const std::string& meter_no);

  // Recomputes the summaries of `meter_no` (every meter when nullopt) from
  // its readings, replacing what was stored, in one transaction that also
  // moves the meters' change versions (cached views drop). Returns the rows
  // written.
  std::size_t rebuild(const std::optional<std::string>& meter_no = std::nullopt);

  // Repairs the summaries of the days whose readings other programs
  // inserted, changed or deleted (the stale_day marks of sql/*/015's
  // triggers), for up to 5,000 marks, in one transaction that also moves
  // those meters' change versions and clears the marks it covered (a mark
  // changed meanwhile stays for the next call). Cost when nothing is
  // marked: one read of an empty index. Safe to run from several processes
  // at once, also on different cluster nodes (a conflict is retried; the
  // loser finds the work done). Returns how many meters it repaired.
  std::size_t repair_foreign_writes();

  // The meters having a stored summary computed under other rules than this
  // Database's (GAP_MINUTES, usage::kSummaryRulesVersion): one scan of
  // day_summary.
  std::vector<std::string> meters_with_other_rules();
  // Rebuilds `meter_no`'s summaries under this Database's rules (as
  // rebuild does) unless none of its rows has other rules any more (another
  // process did it). Returns whether it rebuilt.
  bool rebuild_other_rules(const std::string& meter_no);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_DAY_SUMMARY_STORE_H_
