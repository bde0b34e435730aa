// The database both programs use: MySQL/MariaDB or SQLite, chosen by
// DatabaseSettings. Opening it connects, creates the SQLite file's parent
// directory, and applies the embedded migrations. Thread-safe: every call
// borrows a connection from a pool of settings.pool_size sessions.
//
// No time zone conversion happens anywhere in storage: DATETIME columns hold
// local wall-clock text 'YYYY-MM-DD HH:MM:SS' (LocalSeconds in, LocalSeconds
// out). DECIMAL columns are written and read as exact decimal text.
#ifndef EBILL_COMMON_STORAGE_DATABASE_H_
#define EBILL_COMMON_STORAGE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "common/base/result.h"
#include "common/config/database_settings.h"

namespace ebill::storage {

enum class Dialect { kMysql, kSqlite };

struct OpenError {
  bool unavailable = false;  // true: server unreachable, retrying may help
  std::string message;       // one line, no password
};

class Database {
 public:
  // Connects, then migrates. Fails with unavailable=true when the server
  // cannot be reached, false for anything retrying will not fix (bad
  // credentials, unknown database, unwritable SQLite directory, bad schema).
  static Result<std::unique_ptr<Database>, OpenError> open(const DatabaseSettings& settings);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const;
  // "mysql://user@host:port/name" or "sqlite:path", for logs (no password).
  const std::string& describe() const;

  // True when a trivial query succeeds (readiness). Never throws.
  bool ping();

  // SQL statements sent so far by this Database (reads, writes, pings; not
  // BEGIN/COMMIT). For metrics and for tests that bound queries per request.
  std::uint64_t query_count() const;

  // Internal: the stores run their statements through it (database_impl.h).
  class Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_DATABASE_H_
