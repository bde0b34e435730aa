// Versioned schema migrations, embedded from sql/<dialect>/NNN_name.sql.
// Database::open applies them; they are exposed for tests and tools.
#ifndef EBILL_COMMON_STORAGE_MIGRATIONS_H_
#define EBILL_COMMON_STORAGE_MIGRATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/storage/database.h"

namespace ebill::storage {

struct Migration {
  int version = 0;   // NNN of the file name
  std::string name;  // the rest of the file name, without ".sql"
  std::string sql;   // the file's text
};

// The embedded migrations of a dialect, in version order.
std::vector<Migration> embedded_migrations(Dialect dialect);

// Splits a migration file into statements at each ';' that ends a line
// (after stripping "--" comment lines); empty statements are dropped.
std::vector<std::string> split_statements(std::string_view sql);

// Applies, in order, every embedded migration not yet recorded in
// schema_migrations, recording each; returns the versions it applied (none
// when another program did the work). Safe against other programs migrating
// the same database at the same time, also through other nodes of a
// multi-primary cluster (MySQL: the program holding the MigrationLock row
// migrates, the others wait until every version is recorded, at most 60 s;
// SQLite: one IMMEDIATE transaction). A database already up to date is only
// read. A statement that fails only because its table, column or index
// already exists counts as applied, so a database whose schema was partly
// made by hand, or a migration cut short, completes. Deadlocks and Galera
// certification failures are retried (retry.h). Throws StorageUnavailable
// (also after waiting 60 s for another program) / StorageError.
std::vector<int> migrate(Database::Impl& db);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_MIGRATIONS_H_
