#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

#include "common/domain/amount.h"
#include "common/storage/migrations.h"
#include "common/storage/reading_store.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::Backend;
using ebill::test::TestDatabase;

namespace {

// The DDL existing installations ran (MySQL) and its SQLite twin.
const char* kOldMysqlTable =
    "CREATE TABLE electricity_balance ("
    " id BIGINT PRIMARY KEY AUTO_INCREMENT, meter_no VARCHAR(64) NOT NULL,"
    " remain DECIMAL(10,2) NOT NULL, collected_at DATETIME NOT NULL,"
    " KEY idx_meter_time(meter_no, collected_at),"
    " UNIQUE KEY uk_meter_collected(meter_no, collected_at)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
const char* kOldSqliteTable =
    "CREATE TABLE electricity_balance ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, meter_no VARCHAR(64) NOT NULL,"
    " remain DECIMAL(10,2) NOT NULL, collected_at DATETIME NOT NULL,"
    " UNIQUE (meter_no, collected_at))";

void create_old_table_with_rows(const TestDatabase& t) {
  t.exec(t.backend() == Backend::kSqlite ? kOldSqliteTable : kOldMysqlTable);
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at) VALUES"
         " ('19501609994', '120.50', '2024-01-01 00:00:00'),"
         " ('19501609994', '119.95', '2024-01-01 00:05:00'),"
         " ('18100000001', '0.01', '2024-06-30 23:59:59')");
}

// Versions recorded in schema_migrations, ascending.
std::vector<int> applied_migrations(const TestDatabase& t) {
  std::vector<int> out;
  for (const auto& row : t.rows("SELECT CAST(version AS CHAR) FROM schema_migrations"
                                " ORDER BY version")) {
    out.push_back(std::stoi(row.at(0)));
  }
  return out;
}

std::vector<int> all_versions(Dialect d) {
  std::vector<int> out;
  for (const Migration& m : embedded_migrations(d)) out.push_back(m.version);
  return out;
}

}  // namespace

TEST_CASE("both dialects embed the same numbered migrations", "[migrations]") {
  const auto mysql = embedded_migrations(Dialect::kMysql);
  const auto sqlite = embedded_migrations(Dialect::kSqlite);
  REQUIRE(mysql.size() >= 4);
  REQUIRE(mysql.size() == sqlite.size());
  for (std::size_t i = 0; i < mysql.size(); ++i) {
    // Versions increase; numbers may be left free for parallel work.
    if (i > 0) CHECK(mysql[i].version > mysql[i - 1].version);
    else CHECK(mysql[i].version == 1);
    CHECK(sqlite[i].version == mysql[i].version);
    CHECK(sqlite[i].name == mysql[i].name);
  }
  CHECK(mysql[0].name == "electricity_balance");
  // 001 is exactly the existing installations' table.
  CHECK(mysql[0].sql.find("UNIQUE KEY uk_meter_collected (meter_no, collected_at)") !=
        std::string::npos);
  CHECK(mysql[0].sql.find("KEY idx_meter_time (meter_no, collected_at)") != std::string::npos);
}

TEST_CASE("split_statements cuts at line-ending semicolons and drops comments", "[migrations]") {
  const auto parts = split_statements(
      "-- a comment; not a statement\n"
      "CREATE TABLE a (x INT);\n"
      "\n"
      "ALTER TABLE a\n  ADD COLUMN y INT;  \n"
      "  -- trailing comment\n");
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == "CREATE TABLE a (x INT)\n");
  CHECK(parts[1] == "ALTER TABLE a\n  ADD COLUMN y INT\n");
  CHECK(split_statements("SELECT 1").size() == 1);
  CHECK(split_statements("-- only\n\n").empty());
}

TEST_CASE("open on an empty database creates the schema and records every version",
          "[migrations][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  CHECK(applied_migrations(t) == all_versions(db->dialect()));
  CHECK(t.scalar("SELECT COUNT(*) FROM meter") == "0");
  CHECK(t.scalar("SELECT COUNT(*) FROM meter_status") == "0");
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance WHERE remain_money IS NULL"
                 " AND unit_price IS NULL") == "0");
  CHECK(t.scalar("SELECT name FROM schema_migrations WHERE version = 3") == "meter");
}

TEST_CASE("migrations keep every row of a pre-existing table of the old schema",
          "[migrations][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  create_old_table_with_rows(t);
  const auto before = t.rows(
      "SELECT CAST(id AS CHAR), meter_no, CAST(remain AS CHAR), CAST(collected_at AS CHAR)"
      " FROM electricity_balance ORDER BY id");
  REQUIRE(before.size() == 3);

  {
    auto db = t.open();
    CHECK(applied_migrations(t) == all_versions(db->dialect()));
    ReadingStore readings(*db);
    // The old rows read back through the new layer, new columns NULL.
    const auto rows = readings.between("19501609994", test::at("2024-01-01 00:00:00"),
                                       test::at("2024-01-02 00:00:00"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == test::reading("19501609994", "2024-01-01 00:00:00", 12050));
    CHECK(rows[1] == test::reading("19501609994", "2024-01-01 00:05:00", 11995));
    CHECK(readings.latest("18100000001") ==
          test::reading("18100000001", "2024-06-30 23:59:59", 1));
  }
  const auto after = t.rows(
      "SELECT CAST(id AS CHAR), meter_no, CAST(remain AS CHAR), CAST(collected_at AS CHAR)"
      " FROM electricity_balance ORDER BY id");
  CHECK(after == before);
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance WHERE remain_money IS NULL"
                 " AND unit_price IS NULL") == "3");

  // Opening again applies nothing and records nothing twice.
  const std::string applied_at_before =
      t.scalar("SELECT CAST(applied_at AS CHAR) FROM schema_migrations WHERE version = 1");
  auto again = t.open();
  CHECK(t.scalar("SELECT COUNT(*) FROM schema_migrations") ==
        std::to_string(all_versions(again->dialect()).size()));
  CHECK(t.scalar("SELECT CAST(applied_at AS CHAR) FROM schema_migrations WHERE version = 1") ==
        applied_at_before);
  CHECK(t.rows("SELECT CAST(id AS CHAR), meter_no, CAST(remain AS CHAR),"
               " CAST(collected_at AS CHAR) FROM electricity_balance ORDER BY id") == before);
}

TEST_CASE("a column that was already added by hand does not stop the migrations",
          "[migrations][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  create_old_table_with_rows(t);
  t.exec("ALTER TABLE electricity_balance ADD COLUMN remain_money DECIMAL(10,2) NULL");
  t.exec("UPDATE electricity_balance SET remain_money = '60.25' WHERE remain = '0.01'");
  auto db = t.open();
  CHECK(applied_migrations(t) == all_versions(db->dialect()));
  ReadingStore readings(*db);
  const auto last = readings.latest("18100000001");
  REQUIRE(last.has_value());
  CHECK(last->remain_money == std::optional<Hundredths>(6025));
  CHECK_FALSE(last->unit_price.has_value());
}

TEST_CASE("a migration lock left by a program that died is taken over once its lease ran out",
          "[migrations][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  t.exec("CREATE TABLE schema_migration_lock (id TINYINT NOT NULL PRIMARY KEY,"
         " owner VARCHAR(128) NOT NULL, expires_at DATETIME NOT NULL) ENGINE=InnoDB");
  t.exec("INSERT INTO schema_migration_lock VALUES"
         " (1, 'gone:1:1', UTC_TIMESTAMP() - INTERVAL 1 SECOND)");
  auto db = t.open();
  CHECK(t.scalar("SELECT COUNT(*) FROM schema_migrations") ==
        std::to_string(all_versions(Dialect::kMysql).size()));
  CHECK(t.scalar("SELECT COUNT(*) FROM schema_migration_lock") == "0");  // released
}

TEST_CASE("a program waits while another holds the migration lock, then migrates",
          "[migrations][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  t.exec("CREATE TABLE schema_migration_lock (id TINYINT NOT NULL PRIMARY KEY,"
         " owner VARCHAR(128) NOT NULL, expires_at DATETIME NOT NULL) ENGINE=InnoDB");
  t.exec("INSERT INTO schema_migration_lock VALUES"
         " (1, 'busy:1:1', UTC_TIMESTAMP() + INTERVAL 30 SECOND)");
  // As the programs do, an open that failed fast (a statement that did not
  // answer within DB_READ_TIMEOUT on a loaded machine: seen once in CI) is
  // tried again; the lock and every migration statement tolerate it.
  auto opening = std::async(std::launch::async, [&] {
    for (int attempt = 1;; ++attempt) {
      try {
        return t.open();
      } catch (const std::runtime_error& e) {  // TestDatabase::open: "open failed: ..."
        if (attempt == 3) throw;
        WARN("open failed, trying again: " << e.what());
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
    }
  });
  // Held by a live lease: nothing is migrated meanwhile.
  CHECK(opening.wait_for(std::chrono::seconds(2)) == std::future_status::timeout);
  CHECK(t.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                 " AND TABLE_NAME = 'schema_migrations'") == "0");
  t.exec("DELETE FROM schema_migration_lock");  // the other program is done
  REQUIRE(opening.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  auto db = opening.get();
  CHECK(t.scalar("SELECT COUNT(*) FROM schema_migrations") ==
        std::to_string(all_versions(Dialect::kMysql).size()));
}
