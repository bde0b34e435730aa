#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "common/storage/migrations.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "common/storage/storage_error.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::Backend;
using ebill::test::TestDatabase;

TEST_CASE("open creates the SQLite file's parent directory", "[database]") {
  TestDatabase t(Backend::kSqlite);
  const std::filesystem::path path = t.settings().sqlite_path;
  REQUIRE_FALSE(std::filesystem::exists(path.parent_path()));
  auto db = t.open();
  CHECK(std::filesystem::exists(path));
  CHECK(db->dialect() == Dialect::kSqlite);
  CHECK(db->describe() == "sqlite:" + path.string());
  CHECK(db->ping());
}

TEST_CASE("open reports what is wrong without retrying what cannot work", "[database]") {
  SECTION("SQLite directory that cannot be created") {
    DatabaseSettings s;
    s.sqlite_path = "/proc/ebill-cannot-exist/x/ebill.db";
    auto db = Database::open(s);
    REQUIRE_FALSE(db.ok());
    CHECK_FALSE(db.error().unavailable);
    CHECK(db.error().message.find("/proc/ebill-cannot-exist/x") != std::string::npos);
  }
  SECTION("MySQL server not listening") {
    DatabaseSettings s = test::mariadb_settings("ebill");
    s.port = 1;  // nothing listens on port 1 on loopback
    auto db = Database::open(s);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().unavailable);
  }
  SECTION("MySQL wrong password: fatal, and the password is not in the message") {
    DatabaseSettings s = test::mariadb_settings("ebill");
    s.password = "wrong-secret-123";
    auto db = Database::open(s);
    REQUIRE_FALSE(db.ok());
    CHECK_FALSE(db.error().unavailable);
    CHECK(db.error().message.find("wrong-secret-123") == std::string::npos);
  }
  SECTION("a password with a single quote cannot be passed to SOCI") {
    DatabaseSettings s = test::mariadb_settings("ebill");
    s.password = "it's";
    auto db = Database::open(s);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message.find("password") != std::string::npos);
  }
}

TEST_CASE("programs opening one database at the same time migrate it once",
          "[database][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  constexpr int kOpeners = 4;
  std::atomic<int> ok{0};
  std::vector<std::string> errors(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      // As the programs do, an open that says the database is unavailable
      // (SQLite busy past its timeout while another migrates, seen once in
      // CI on the loaded machine) is tried again; any other error is final.
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      for (;;) {
        auto db = Database::open(t.settings());
        if (db.ok()) {
          ++ok;
          return;
        }
        if (!db.error().unavailable || std::chrono::steady_clock::now() > give_up) {
          errors[i] = db.error().message;
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) {
    INFO(e);
    CHECK(e.empty());
  }
  CHECK(ok == kOpeners);
  auto db = t.open();
  CHECK(t.scalar("SELECT COUNT(*) FROM schema_migrations") ==
        std::to_string(embedded_migrations(db->dialect()).size()));
}

TEST_CASE("threads share the connection pool safely", "[database][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();  // pool of 3 connections, 6 threads
  ReadingStore store(*db);
  constexpr int kThreads = 6;
  constexpr int kPerThread = 50;
  std::atomic<std::size_t> inserted{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      try {
        for (int k = 0; k < kPerThread; ++k) {
          // Every thread writes the same keys: each lands exactly once.
          inserted += store.insert({test::reading_at("M", at("2025-03-07 00:00:00") + k * 60, k)});
          if (!store.latest("M").has_value()) ++failures;
          (void)i;
        }
      } catch (const std::exception& e) {
        UNSCOPED_INFO(e.what());
        ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(inserted == kPerThread);
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == std::to_string(kPerThread));
}

TEST_CASE("SQL metacharacters in values are just characters", "[database][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  const std::string evil = "1' OR '1'='1; --\\";
  CHECK(store.insert({test::reading_at(evil, at("2025-03-07 00:00:00"), 100)}) == 1);
  CHECK(store.latest(evil)->meter_no == evil);
  CHECK_FALSE(store.latest("1").has_value());
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "1");
}

TEST_CASE("connections killed by the server are re-opened on next use", "[database][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  auto db = t.open();
  ReadingStore store(*db);
  StatusStore status(*db);
  REQUIRE(store.insert({test::reading_at("M", at("2025-03-07 08:00:00"), 100)}) == 1);
  auto kill_all = [&] {
    const auto ids = t.rows("SELECT CAST(id AS CHAR) FROM information_schema.processlist"
                            " WHERE db = '" + t.settings().name + "' AND id <> CONNECTION_ID()");
    REQUIRE_FALSE(ids.empty());
    for (const auto& id : ids) t.exec("KILL CONNECTION " + id[0]);
  };

  kill_all();
  // A read is retried on a fresh connection.
  CHECK(store.latest("M") == test::reading_at("M", at("2025-03-07 08:00:00"), 100));

  kill_all();
  // The failure counter is not retried (a second run could count twice):
  // the caller learns the database was unavailable, and the next call works.
  CHECK_THROWS_AS(status.record_failure("M", at("2025-03-07 08:05:00"), "x"),
                  StorageUnavailable);
  status.record_failure("M", at("2025-03-07 08:10:00"), "y");
  CHECK(status.get("M")->consecutive_failures == 1);
}
