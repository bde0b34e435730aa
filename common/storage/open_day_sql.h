// Internal to common/storage: day_open (sql/*/019), each meter's open day —
// the summary of the local day of its newest reading, as
// usage::summarize_days gives it from every stored reading, and that reading
// — kept in the transaction of every change to the meter's readings (the
// insert extends it, usage::extend_open_day, or recomputes it; repairs and
// rebuilds recompute it). Includes SOCI (via database_impl.h).
#ifndef EBILL_COMMON_STORAGE_OPEN_DAY_SQL_H_
#define EBILL_COMMON_STORAGE_OPEN_DAY_SQL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/storage/database_impl.h"
#include "common/storage/open_day.h"
#include "common/summary/refresh_plan.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

// The stored open days of `meters` (one statement per 500 meters), or of
// every meter, by meter.
std::map<std::string, OpenDay> select_open_days(
    Conn& c, const std::optional<std::vector<std::string>>& meters);

// Inserts or replaces the rows (by meter), recording the connection's rules.
void upsert_open_days(Conn& c, const std::map<std::string, OpenDay>& rows);

// Recomputes from the readings and stores the open day of each meter of
// `extents` (REQUIRES: its extent as stored now, first_at and last_at
// set): per 100 meters one load of their days' readings (usage::load_plan,
// the rate window only for days with a recharge) and one upsert.
void recompute_open_days(Conn& c, const std::map<std::string, summary::MeterExtent>& extents);

// Deletes the open day of `meter_no` (every meter's when nullopt).
void delete_open_days(Conn& c, const std::optional<std::string>& meter_no);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_OPEN_DAY_SQL_H_
