// The spool is emptied as soon as the inserts committed, so on SQLite a
// commit must survive a power loss: WAL with synchronous=FULL (the WAL is
// fsync'd at every commit; NORMAL may lose the last commits). Power loss
// cannot be staged here; the test checks the mode of ebill's own
// connections, which is what decides it.
#include <catch2/catch.hpp>

#include <string>

#include "common/storage/database_impl.h"
#include "tests/support/test_database.h"

using namespace ebill;

TEST_CASE("ebill's SQLite connections commit durably: WAL with synchronous=FULL", "[collector][sqlite]") {
  test::TestDatabase t(test::Backend::kSqlite);
  auto db = t.open();
  const auto [mode, synchronous] = db->impl().run(storage::Retry::kSafe, [](storage::Conn& c) {
    std::string journal;
    int sync = -1;
    c.sql() << "PRAGMA journal_mode", soci::into(journal);
    c.sql() << "PRAGMA synchronous", soci::into(sync);
    return std::pair<std::string, int>(journal, sync);
  });
  CHECK(mode == "wal");
  CHECK(synchronous == 2);  // FULL (NORMAL is 1)
}
