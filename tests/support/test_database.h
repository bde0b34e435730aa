// A fresh database for one test, on SQLite (a temporary file) or on the
// MariaDB that scripts/test started (a uniquely named database, dropped at
// the end). The MariaDB flavour needs EBILL_TEST_MYSQL_{HOST,PORT,USER,
// PASSWORD}; without them it throws, so the test fails with the reason.
#ifndef EBILL_TESTS_SUPPORT_TEST_DATABASE_H_
#define EBILL_TESTS_SUPPORT_TEST_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "common/config/database_settings.h"
#include "common/storage/database.h"

namespace soci {
class session;
}

namespace ebill::test {

enum class Backend { kSqlite, kMariadb };
const char* backend_name(Backend backend);  // "sqlite" / "mariadb"

// Settings of the test MariaDB server for database `name`, from the env.
DatabaseSettings mariadb_settings(const std::string& name);

// Every row of a query on the database `s` points at, each column as text
// ("" for NULL), on a connection of its own.
std::vector<std::vector<std::string>> query_rows(const DatabaseSettings& s, const std::string& sql);

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  // A uniquely named database on the MySQL server `server` points at (its
  // name is ignored), e.g. one node of a cluster.
  explicit TestDatabase(const DatabaseSettings& server);
  ~TestDatabase();  // drops the database / removes the file
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Backend backend() const { return backend_; }
  const DatabaseSettings& settings() const { return settings_; }

  // Database::open on it; throws std::runtime_error with the reason if the
  // open fails.
  std::unique_ptr<storage::Database> open() const;

  // Raw SQL on a separate connection, bypassing the storage layer: to build
  // a pre-existing schema or look at what was stored.
  void exec(const std::string& sql) const;
  // A connection of its own, e.g. to hold a transaction open across calls.
  std::unique_ptr<soci::session> session() const;
  // Every row of a query, each column as text ("" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql) const;
  // The first column of the first row ("" when no row).
  std::string scalar(const std::string& sql) const;

 private:
  void create_mysql_database();

  Backend backend_;
  DatabaseSettings settings_;
  std::string dir_;  // SQLite: the temporary directory
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_TEST_DATABASE_H_
