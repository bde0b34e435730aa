// notification_state round trips, and notification_schedule claims, on
// SQLite and MariaDB.
#include <catch2/catch.hpp>

#include "common/storage/notify_schedule_store.h"
#include "common/storage/notify_state_store.h"
#include "tests/notify/notify_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using ebill::test::Backend;
using ebill::test::TestDatabase;
using ebill::test::when;

TEST_CASE("state store: saves, replaces and loads every meter's state",
          "[notify][state][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  TestDatabase t(backend);
  auto db = t.open();
  storage::NotifyStateStore store(*db);
  CHECK(store.load_all().empty());

  notify::NotifyState full;
  full.since = when("2025-03-07 08:00:00");
  full.low_active = true;
  full.low_sent_at = when("2025-03-07 08:10:00");
  full.low_value = 999;
  full.stale_active = true;
  full.report_sent_at = when("2025-03-07 09:00:00");
  full.recharge_seen_at = when("2025-03-07 09:05:00");
  full.abnormal_hour_at = when("2025-03-07 08:00:00");
  full.abnormal_hour_active = true;
  full.abnormal_day_at = when("2025-03-06 00:00:00");
  full.abnormal_day_active = true;
  full.weekly_sent_at = when("2025-03-03 09:00:00");
  store.save({{"19501609994", full}}, when("2030-01-01 00:00:00"));
  // A state without `since` takes the fallback; NULLs stay NULL.
  store.save({{"18100000001", notify::NotifyState{}}}, when("2025-03-07 07:00:00"));

  auto all = store.load_all();
  REQUIRE(all.size() == 2);
  CHECK(all["19501609994"] == full);
  notify::NotifyState empty;
  empty.since = when("2025-03-07 07:00:00");
  CHECK(all["18100000001"] == empty);
  CHECK(t.scalar("SELECT meter_no FROM notification_state WHERE low_active = 1 AND"
                 " stale_active = 1 AND report_sent_at IS NOT NULL") == "19501609994");

  // Saving again replaces the row (a second program sees the same).
  full.low_active = false;
  full.low_value = 123456;
  full.low_sent_at.reset();
  full.abnormal_hour_active = false;
  full.abnormal_hour_at = when("2025-03-07 09:00:00");
  full.weekly_sent_at.reset();
  notify::NotifyState other;
  other.since = when("2025-03-08 00:00:00");
  other.recharge_seen_at = when("2025-03-08 00:05:00");
  // Several meters in one call (one transaction).
  store.save({{"19501609994", full}, {"17000000000", other}}, when("2030-01-01 00:00:00"));
  auto db2 = t.open();
  all = storage::NotifyStateStore(*db2).load_all();
  CHECK(all["19501609994"] == full);
  CHECK(all["17000000000"] == other);
  CHECK(all.size() == 3);
}

TEST_CASE("schedule store: one claim per period, however many programs claim",
          "[notify][state][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  TestDatabase t(backend);
  auto a = t.open();
  auto b = t.open();
  const LocalSeconds day1 = when("2025-03-07 00:00:00");
  const LocalSeconds day2 = when("2025-03-08 00:00:00");
  storage::NotifyScheduleStore first(*a), second(*b);
  CHECK(first.claim("heartbeat", day1, when("2025-03-07 08:00:00")));
  CHECK_FALSE(second.claim("heartbeat", day1, when("2025-03-07 08:00:05")));
  CHECK_FALSE(first.claim("heartbeat", day1, when("2025-03-07 09:00:00")));
  CHECK(t.scalar("SELECT CAST(sent_at AS CHAR) FROM notification_schedule WHERE name = 'heartbeat'")
            .starts_with("2025-03-07 08:00:00"));
  CHECK(second.claim("heartbeat", day2, when("2025-03-08 08:00:01")));
  CHECK_FALSE(first.claim("heartbeat", day2, when("2025-03-08 08:00:02")));
  // A name without a row gets one.
  CHECK(first.claim("other", day1, when("2025-03-07 08:00:00")));
  CHECK_FALSE(second.claim("other", day1, when("2025-03-07 08:00:00")));
}
