// Internal to common/storage: the columns day summaries are stored in
// (day_summary, day_open), read from exact text rows and written as bound
// values, and the rules a stored summary records. Throws StorageError on a
// value that is not valid.
#ifndef EBILL_COMMON_STORAGE_SUMMARY_COLUMNS_H_
#define EBILL_COMMON_STORAGE_SUMMARY_COLUMNS_H_

#include <optional>
#include <string_view>
#include <vector>

#include "common/storage/backend.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

LocalDay day_column(std::string_view text);
int int_column(std::string_view text, const char* column);
// The column's text; throws StorageError naming it when NULL.
std::string_view required(const std::optional<std::string_view>& column, const char* name);

// The rules a stored summary must have been computed with to be used: the
// connection's GAP_MINUTES and the usage library's rules version, as the
// values of (gap_minutes, rules_version).
std::vector<SqlParam> rules_of(Conn& c);

// The nine columns day, consumption, recharge, estimated, readings,
// first_at, first_remain, last_at, last_remain of `row` from index `at` on.
// settled = true (the caller of an open day clears it).
usage::DaySummary summary_of(const TextRow& row, std::size_t at);
// The same nine columns' values of `s`, in that order.
std::vector<SqlParam> summary_values(const usage::DaySummary& s);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SUMMARY_COLUMNS_H_
