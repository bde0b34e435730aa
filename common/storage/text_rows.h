// Internal to common/storage: running a SELECT and reading each row's
// columns as text, the fast way for row-heavy reads (the readings of a day
// view): on MySQL straight from the client library's row buffers, with no
// per-value conversion; on SQLite through SOCI.
#ifndef EBILL_COMMON_STORAGE_TEXT_ROWS_H_
#define EBILL_COMMON_STORAGE_TEXT_ROWS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/storage/database_impl.h"

namespace ebill::storage {

// The columns of one row; nullopt for NULL. Valid only during the callback.
using TextRow = std::vector<std::optional<std::string_view>>;

// Runs `sql` (counted as one statement) and calls `row` for each row of its
// `columns` columns. Database errors throw soci::soci_error like SOCI does,
// so Database::Impl::run classifies them as usual.
void for_each_text_row(Conn& c, const std::string& sql, std::size_t columns,
                       const std::function<void(const TextRow&)>& row);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_TEXT_ROWS_H_
