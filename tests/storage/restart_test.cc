// Tests that take the shared MariaDB server away: registered RUN_SERIAL, so
// no other test runs meanwhile.
#include <catch2/catch.hpp>

#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "common/storage/storage_error.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::Backend;
using ebill::test::TestDatabase;

using Server = ebill::test::MariadbServer;

TEST_CASE("pooled connections are re-established after the server restarts",
          "[restart][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  Server server;
  auto db = t.open();
  ReadingStore store(*db);
  REQUIRE(store.insert({test::reading_at("M", at("2025-03-07 08:00:00"), 100)}) == 1);
  REQUIRE(db->ping());

  server.restart();

  // Every pooled session died with the server; the next calls reconnect and
  // retry transparently.
  CHECK(store.insert({test::reading_at("M", at("2025-03-07 08:05:00"), 99)}) == 1);
  CHECK(store.latest("M") == test::reading_at("M", at("2025-03-07 08:05:00"), 99));
  CHECK(db->ping());
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "2");
}

TEST_CASE("while the server is down calls throw StorageUnavailable, then recover",
          "[restart][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  Server server;
  auto db = t.open();
  ReadingStore store(*db);
  StatusStore status(*db);
  REQUIRE(store.insert({test::reading_at("M", at("2025-03-07 08:00:00"), 100)}) == 1);

  server.stop();
  CHECK_FALSE(db->ping());
  CHECK_THROWS_AS(store.insert({test::reading_at("M", at("2025-03-07 08:05:00"), 99)}),
                  StorageUnavailable);
  CHECK_THROWS_AS(store.latest("M"), StorageUnavailable);
  CHECK_THROWS_AS(status.record_failure("M", at("2025-03-07 08:05:00"), "x"),
                  StorageUnavailable);

  server.start();
  CHECK(db->ping());
  CHECK(store.insert({test::reading_at("M", at("2025-03-07 08:05:00"), 99)}) == 1);
  status.record_failure("M", at("2025-03-07 08:10:00"), "timeout");
  CHECK(status.get("M")->consecutive_failures == 1);
}
