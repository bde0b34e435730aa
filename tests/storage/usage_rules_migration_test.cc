// Migration 013: stored day summaries made under the old usage rules are
// rebuilt under the current ones when an installation upgrades.
#include <catch2/catch.hpp>

#include "common/storage/day_summary_store.h"
#include "common/storage/reading_store.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::reading_at;
using ebill::test::TestDatabase;

TEST_CASE("migration 013 rebuilds day summaries made under the old rate rule",
          "[summary][migrations][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  const LocalDay d = day_of(at("2025-03-07 00:00:00"));
  {
    auto db = t.open();
    // One hour of history with a 5.00 drop, an 8-hour outage, a top-up
    // (docs/usage-semantics.md, example 6b), and a reading that settles the day.
    ReadingStore(*db).insert({reading_at("X", at("2025-03-07 11:00:00"), 5000),
                              reading_at("X", at("2025-03-07 11:30:00"), 4980),
                              reading_at("X", at("2025-03-07 12:00:00"), 4480),
                              reading_at("X", at("2025-03-07 20:00:00"), 14000),
                              reading_at("X", at("2025-03-08 00:10:00"), 13990)});
    // What the old 24-h rule stored: 41.60 kWh hidden in the outage.
    t.exec("UPDATE day_summary SET consumption = '46.90', recharge = '136.80'");
    t.exec("DELETE FROM schema_migrations WHERE version = 13");
  }
  auto db = t.open();
  const auto rows = DaySummaryStore(*db).stored("X", d, d);
  REQUIRE(rows.size() == 1);
  // 5.20 before the outage, nothing hidden in it, and 0.10 of the 0.10 spread
  // over 20:00 -> 00:10 (round(10 * 14400 / 15000) = 10).
  CHECK(rows[0].consumption == 530);
  CHECK(rows[0].recharge == 9520);
  CHECK(rows[0].estimated);
  CHECK(t.scalar("SELECT name FROM schema_migrations WHERE version = 13") ==
        "usage_rules_rate_history");
}
