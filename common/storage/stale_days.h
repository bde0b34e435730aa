// Internal to common/storage: the marks of stale_day (sql/*/015), one per
// (meter, local day) whose readings any program inserted, changed or deleted
// since the mark was last cleared (triggers make them), and the change
// versions of meter_change (sql/*/014) that tell cached views a meter's
// answers moved. Includes SOCI (via database_impl.h).
#ifndef EBILL_COMMON_STORAGE_STALE_DAYS_H_
#define EBILL_COMMON_STORAGE_STALE_DAYS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/storage/database_impl.h"

namespace ebill::storage {

struct StaleDay {
  std::string meter_no;
  LocalDay day = 0;
  std::int64_t writes = 0;  // changes counted since the mark was made
};

// The marks of `meters` (one statement per 500 meters), or of every meter
// (at most `limit` marks, the first meters in meter order), by meter then day.
std::vector<StaleDay> select_stale_days(Conn& c,
                                        const std::optional<std::vector<std::string>>& meters,
                                        std::size_t limit = 5000);

// Deletes each mark unless it changed since it was read (a write that came
// later, and that the caller's snapshot may not have seen, keeps it), in
// statements of up to 100 marks.
void clear_stale_days(Conn& c, const std::vector<StaleDay>& marks);

// Adds one to the change version of each of `meters` (sorted, unique: two
// callers sharing meters lock their rows in the same order), one statement
// per 500 meters.
void bump_meter_versions(Conn& c, const std::vector<std::string>& meters);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_STALE_DAYS_H_
