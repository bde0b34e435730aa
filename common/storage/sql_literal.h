// Internal to common/storage: text written into literal SQL (multi-row
// statements that SOCI would otherwise expand slowly, client-side).
#ifndef EBILL_COMMON_STORAGE_SQL_LITERAL_H_
#define EBILL_COMMON_STORAGE_SQL_LITERAL_H_

#include <string>
#include <string_view>

#include "common/storage/database_impl.h"

namespace ebill::storage {

// `text` as a quoted SQL string literal for the connection: escaped by the
// MySQL client library for the connection's charset, or with doubled quotes
// on SQLite.
std::string sql_literal(Conn& c, std::string_view text);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SQL_LITERAL_H_
