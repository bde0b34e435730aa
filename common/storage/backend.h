// Internal to common/storage: everything that differs between the two
// backends, and the only way storage code reaches a backend's internals.
// The MySQL adapter (mysql_backend.cc) is the only code that includes
// libmysql or SOCI's MySQL backend; the SQLite adapter (sqlite_backend.cc)
// the only one for SOCI's SQLite backend. Everything else writes one plain
// SQL text per statement with `?` placeholders and binds its values here or
// through soci::use. Errors are thrown as soci::soci_error, which
// Database::Impl::run classifies (classify_error) as usual.
#ifndef EBILL_COMMON_STORAGE_BACKEND_H_
#define EBILL_COMMON_STORAGE_BACKEND_H_

#include <soci/soci.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config/database_settings.h"
#include "common/base/result.h"
#include "common/storage/database.h"

namespace ebill::storage {

class Conn;

// A value bound to a `?` placeholder, as text; nullopt is SQL NULL. Numbers
// and times are storage's own format_fixed / format_datetime text.
using SqlParam = std::optional<std::string>;
// The columns of one result row as text; nullopt for NULL. Valid only during
// the callback that receives it.
using TextRow = std::vector<std::optional<std::string_view>>;

// SOCI's connect string for the settings. Refuses (OpenError, not
// unavailable) a value SOCI cannot quote.
Result<std::string, OpenError> connect_string(const DatabaseSettings& settings);

// A new session (SQLite: in WAL mode). Throws soci::soci_error.
std::unique_ptr<soci::session> open_session(Dialect dialect, const std::string& connect_string);

// What a database error means for the caller.
enum class Fault {
  kLost,         // the connection broke (MySQL): reconnect
  kUnavailable,  // the database cannot answer now (busy, full, refused)
  kRejected,     // the statement's data was refused (constraint, range, a
                 // trigger's SIGNAL/RAISE): the same data fails again
  kOther,        // a changed schema, a bug
};
Fault classify_error(const soci::soci_error& e);

// The MySQL/MariaDB error number of `e` (1213, 1062, ...), 0 when it is not
// a MySQL error.
int mysql_error_number(const soci::soci_error& e);

// The error says a table, column or index already exists (a migration
// statement whose change is already there).
bool already_exists(const soci::soci_error& e);

// Runs `sql` (one statement, counted) with `params` bound to its `?`
// placeholders, in order, and calls `row` for each row of its `columns`
// columns. MySQL reads straight from the client library's row buffers (no
// per-value conversion); SQLite goes through SOCI.
void for_each_text_row(Conn& c, const std::string& sql, const std::vector<SqlParam>& params,
                       std::size_t columns, const std::function<void(const TextRow&)>& row);

// The dialect's clause that makes an INSERT replace `columns` of the row
// whose key (`key`, e.g. "meter_no, day") it meets: "ON DUPLICATE KEY
// UPDATE c = VALUES(c), ..." or "ON CONFLICT(key) DO UPDATE SET c =
// excluded.c, ...".
std::string replace_on_conflict(Dialect dialect, std::string_view key,
                                const std::vector<std::string_view>& columns);

// An INSERT of many rows: `head` is "INSERT INTO t (a, b, ...)", `tail` the
// dialect's ON DUPLICATE KEY / ON CONFLICT clause; each row holds one value
// per column.
struct RowInsert {
  std::string head;
  std::string tail;
  std::size_t columns = 0;
  // SQLite: rows per prepared statement (1: one run per row, as cheap
  // inside a transaction); at most 500.
  std::size_t sqlite_rows_per_statement = 500;
};
// Inserts `rows` (counted per statement sent), its values bound. MySQL:
// multi-row `VALUES (...),(...)` statements of at most 500 rows, the fast
// path (SOCI would send one statement per row, or substitute thousands of
// placeholders slowly); SQLite: prepared statements of
// sqlite_rows_per_statement rows. Returns how many rows were new. REQUIRES on MySQL: rows.size() != 1 (the server reports new rows
// only for multi-row statements; use a single-row statement of your own).
std::size_t insert_rows(Conn& c, const RowInsert& insert,
                        const std::vector<std::vector<SqlParam>>& rows);

// Calls `run` with "?,?,..." and the values for each chunk of at most `per`
// of `values` in order: one statement's `IN (...)` list each.
void for_each_in_list(const std::vector<std::string>& values, std::size_t per,
                      const std::function<void(const std::string& placeholders,
                                               const std::vector<SqlParam>& params)>& run);

// The adapter of one backend behind the functions above.
struct BackendAdapter {
  std::unique_ptr<soci::session> (*open_session)(const std::string& connect_string);
  // nullopt: the error is not this backend's.
  std::optional<Fault> (*classify_error)(const soci::soci_error& e);
  bool (*already_exists)(const soci::soci_error& e);
  void (*for_each_text_row)(Conn& c, const std::string& sql, const std::vector<SqlParam>& params,
                            std::size_t columns,
                            const std::function<void(const TextRow&)>& row);
  std::size_t (*insert_rows)(Conn& c, const RowInsert& insert,
                             const std::vector<std::vector<SqlParam>>& rows);
};
const BackendAdapter& mysql_adapter();   // mysql_backend.cc
const BackendAdapter& sqlite_adapter();  // sqlite_backend.cc

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_BACKEND_H_
