// Readings another program inserts, changes or deletes (sql/*/015's
// triggers mark their days): the stored day summaries are repaired from the
// marks, the meter's change version moves, and summaries computed under
// other rules are never used. The truth every case is judged by is
// usage::summarize_days over all of the meter's stored readings.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/storage/day_summary_store.h"
#include "common/storage/reading_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/day_summary.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::reading;
using ebill::test::TestDatabase;

namespace {

const LocalDay kFirst = day_of(at("2025-03-04 00:00:00"));
const LocalDay kLast = day_of(at("2025-03-07 00:00:00"));  // "today": not settled

// Four days of readings of "M", every 20 minutes from 08:00 to 20:00, 0.10
// less each time, and a night gap before each next day.
std::vector<Reading> history() {
  std::vector<Reading> out;
  Hundredths remain = 10000;
  for (LocalDay d = kFirst; d <= kLast; ++d) {
    for (LocalSeconds t = day_start(d) + 8 * 3600; t <= day_start(d) + 20 * 3600; t += 1200) {
      out.push_back(test::reading_at("M", t, remain));
      remain -= 10;
    }
  }
  return out;
}

std::unique_ptr<Database> open_with_history(const TestDatabase& t) {
  auto db = t.open();
  ReadingStore(*db).insert(history());
  return db;
}

// What the stored summaries must be: each settled day of summarize_days
// over every stored reading of "M", from the day of its first.
std::vector<usage::DaySummary> truth(Database& db, int gap_minutes = 30) {
  std::vector<usage::Sample> samples;
  for (const Reading& r : ReadingStore(db).between("M", day_start(kFirst - 10),
                                                   day_start(kLast + 10))) {
    samples.push_back({r.collected_at, r.remain});
  }
  std::vector<usage::DaySummary> out;
  if (samples.empty()) return out;
  usage::UsageSettings settings;
  settings.gap_seconds = gap_minutes * 60;
  const LocalDay first = day_of(samples.front().at);
  for (const usage::DaySummary& s :
       usage::summarize_days(samples, first, static_cast<int>(kLast - first + 1), settings)) {
    if (s.settled) out.push_back(s);
  }
  return out;
}

// What the open day must be: the day of the newest stored reading of "M"
// as summarize_days gives it from all of them, and that reading.
void check_open_day(Database& db) {
  const std::vector<Reading> rows =
      ReadingStore(db).between("M", day_start(kFirst - 10), day_start(kLast + 10));
  const std::optional<OpenDay> open = DaySummaryStore(db).open_day("M");
  if (rows.empty()) {
    CHECK_FALSE(open);
    return;
  }
  std::vector<usage::Sample> samples;
  for (const Reading& r : rows) samples.push_back({r.collected_at, r.remain});
  const LocalDay day = day_of(rows.back().collected_at);
  REQUIRE(open);
  CHECK(open->summary == usage::summarize_days(samples, day, 1, {}).front());
  CHECK(open->last == rows.back());
  CHECK(open->first_reading_at == rows.front().collected_at);
}

std::vector<usage::DaySummary> stored(Database& db) {
  return DaySummaryStore(db).stored("M", kFirst, kLast);
}

// The settled days of first..last as the views read them (stored or
// computed).
std::vector<usage::DaySummary> viewed(Database& db, LocalDay first, LocalDay last) {
  std::vector<usage::DaySummary> out;
  for (const usage::DaySummary& s : UsageReader(db).read("M", {{{first, last}}, {}}).days) {
    if (s.settled) out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("readings another program inserts or changes or deletes are repaired from the marks",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  // Each statement another program might run (the old app, a manual fix).
  const auto [what, sql] = GENERATE(table<std::string, std::string>({
      {"insert two days back",
       "INSERT INTO electricity_balance (meter_no, remain, collected_at)"
       " VALUES ('M', '95.00', '2025-03-05 21:30:00')"},
      {"update of a balance",
       "UPDATE electricity_balance SET remain = '90.00'"
       " WHERE meter_no = 'M' AND collected_at = '2025-03-05 14:00:00'"},
      {"update of a time",
       "UPDATE electricity_balance SET collected_at = '2025-03-06 03:00:00'"
       " WHERE meter_no = 'M' AND collected_at = '2025-03-05 20:00:00'"},
      {"delete inside a day",
       "DELETE FROM electricity_balance WHERE meter_no = 'M'"
       " AND collected_at BETWEEN '2025-03-05 10:00:00' AND '2025-03-05 16:00:00'"},
      {"delete of the first day",
       "DELETE FROM electricity_balance WHERE meter_no = 'M' AND collected_at < '2025-03-05'"},
      {"delete of the newest days",
       "DELETE FROM electricity_balance WHERE meter_no = 'M' AND collected_at >= '2025-03-06'"},
      {"insert inside the open day",
       "INSERT INTO electricity_balance (meter_no, remain, collected_at)"
       " VALUES ('M', '99.00', '2025-03-07 12:10:00')"},
      {"update of the newest reading",
       "UPDATE electricity_balance SET remain = '80.00'"
       " WHERE meter_no = 'M' AND collected_at = '2025-03-07 20:00:00'"},
      {"delete of the newest reading",
       "DELETE FROM electricity_balance WHERE meter_no = 'M' AND collected_at = '2025-03-07 20:00:00'"},
      {"delete of every reading", "DELETE FROM electricity_balance WHERE meter_no = 'M'"},
  }));
  INFO(what);
  TestDatabase t(backend);
  auto db = open_with_history(t);
  ReadingStore readings(*db);
  DaySummaryStore summaries(*db);
  REQUIRE(stored(*db).size() == 3);
  REQUIRE(stored(*db) == truth(*db));
  check_open_day(*db);
  CHECK(summaries.repair_foreign_writes() == 0);  // ebill's own write left no mark
  const std::int64_t version = readings.change_marker("M").version;

  t.exec(sql);
  CHECK(t.scalar("SELECT COUNT(*) FROM stale_day") != "0");

  CHECK(summaries.repair_foreign_writes() == 1);
  const std::vector<usage::DaySummary> right = truth(*db);
  CHECK(stored(*db) == right);
  if (!right.empty()) CHECK(viewed(*db, right.front().day, kLast - 1) == right);
  check_open_day(*db);
  CHECK(readings.change_marker("M").version > version);
  CHECK(t.scalar("SELECT COUNT(*) FROM stale_day") == "0");
  CHECK(summaries.repair_foreign_writes() == 0);
}

// Another program's reading inside the open day, then ebill's own on that
// day: the own write is one change of the day's mark, the mark shows two,
// so the open day is recomputed (extended, it would miss the other reading).
// The history's 03-07 runs 08:00 88.90 .. 19:40 85.40, 20:00 85.30; the
// other program adds 19:50 88.50 (a rise: a recharge), ebill 20:10 85.20.
TEST_CASE("ebill's write on a day another program changed recomputes the open day",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = open_with_history(t);
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at)"
         " VALUES ('M', '88.50', '2025-03-07 19:50:00')");
  const std::optional<OpenDay> before = DaySummaryStore(*db).open_day("M");
  REQUIRE(before);
  ReadingStore(*db).insert({test::reading_at("M", at("2025-03-07 20:10:00"), 8520)});
  const std::optional<OpenDay> after = DaySummaryStore(*db).open_day("M");
  REQUIRE(after);
  CHECK(before->summary.readings == 37);  // the other program's is not in it yet
  CHECK(before->summary.recharge == 0);
  CHECK(after->summary.readings == 39);
  CHECK(after->last.remain == 8520);
  CHECK(after->summary.recharge > 0);
  check_open_day(*db);
}

TEST_CASE("the day view and the month view agree after another program's insert two days back",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = open_with_history(t);
  const LocalDay two_back = kLast - 2;
  // 03-05 20:00 -> 03-06 08:00 is a night gap: a reading at 03-05 23:00
  // moves some of it onto 03-05 and adds a reading to the day.
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at)"
         " VALUES ('M', '98.00', '2025-03-05 23:00:00')");
  const usage::DaySummary day_view = viewed(*db, two_back, two_back).at(0);  // as stored
  const std::vector<usage::DaySummary> right = truth(*db);
  REQUIRE(right.size() == 3);
  CHECK(right[1].day == two_back);
  CHECK(right[1].readings == 38);  // 37 of ebill's and the other program's
  CHECK(day_view.readings == 37);  // before the repair
  DaySummaryStore(*db).repair_foreign_writes();
  CHECK(viewed(*db, two_back, two_back).at(0) == right[1]);
  CHECK(viewed(*db, kFirst, kLast).at(1) == right[1]);
}

TEST_CASE("ebill's own write repairs the days another program marked on its meters",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = open_with_history(t);
  ReadingStore readings(*db);
  t.exec("DELETE FROM electricity_balance WHERE meter_no = 'M'"
         " AND collected_at BETWEEN '2025-03-04 12:00:00' AND '2025-03-04 13:00:00'");
  CHECK(stored(*db) != truth(*db));
  readings.insert({reading("M", "2025-03-07 20:20:00", 50)});
  CHECK(stored(*db) == truth(*db));
  CHECK(t.scalar("SELECT COUNT(*) FROM stale_day") == "0");
}

TEST_CASE("rebuild-summaries moves the change markers of the meters it rebuilds",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = open_with_history(t);
  ReadingStore readings(*db);
  readings.insert({reading("N", "2025-03-06 10:00:00", 500), reading("N", "2025-03-07 10:00:00", 400)});
  const ChangeMarker m = readings.change_marker("M"), n = readings.change_marker("N");
  DaySummaryStore(*db).rebuild("M");
  CHECK(readings.change_marker("M").version > m.version);
  CHECK(readings.change_marker("N") == n);
  DaySummaryStore(*db).rebuild();
  CHECK(readings.change_marker("N").version > n.version);
}

TEST_CASE("summaries of other rules are not used and are rebuilt under the current ones",
          "[summary][foreign][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  {
    auto db = open_with_history(t);  // GAP_MINUTES=30
    REQUIRE(stored(*db) == truth(*db, 30));
  }
  // Then GAP_MINUTES=1440: the night steps are no gaps any more (their use
  // counts on the next day instead of being spread over the night).
  DatabaseSettings settings = t.settings();
  settings.summary_gap_minutes = 1440;
  auto opened = Database::open(settings);
  REQUIRE(opened);
  Database& db = **opened;
  REQUIRE(truth(db, 1440) != truth(db, 30));
  DaySummaryStore summaries(db);
  CHECK(stored(db).empty());                            // none of these rules
  CHECK(viewed(db, kFirst, kLast - 1) == truth(db, 1440));  // computed from the readings
  REQUIRE(summaries.meters_with_other_rules() == std::vector<std::string>{"M"});
  CHECK(summaries.rebuild_other_rules("M"));
  CHECK_FALSE(summaries.rebuild_other_rules("M"));  // done (by another replica, say)
  CHECK(stored(db) == truth(db, 1440));
  CHECK(summaries.meters_with_other_rules().empty());
  CHECK(t.scalar("SELECT MIN(gap_minutes) FROM day_summary") == "1440");
  CHECK(t.scalar("SELECT MIN(rules_version) FROM day_summary") ==
        std::to_string(usage::kSummaryRulesVersion));
}

TEST_CASE("migration 015 keeps every row and marks the existing summaries as of unknown rules",
          "[summary][foreign][migrations][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  {
    auto db = open_with_history(t);
    // As before 015 (so before 019 too): no marks, no triggers, no rule
    // columns, no open days and no index of 019 on those columns.
    t.exec(backend == test::Backend::kSqlite ? "DROP INDEX idx_day_summary_day"
                                             : "DROP INDEX idx_day_summary_day ON day_summary");
    t.exec("DROP TABLE day_open");
    t.exec("DELETE FROM schema_migrations WHERE version = 19");
    t.exec("DROP TABLE stale_day");
    for (const char* trigger : {"insert", "update", "delete"}) {
      t.exec(std::string("DROP TRIGGER electricity_balance_") + trigger + "_marks");
    }
    t.exec("ALTER TABLE day_summary DROP COLUMN gap_minutes");
    t.exec("ALTER TABLE day_summary DROP COLUMN rules_version");
    t.exec("DELETE FROM schema_migrations WHERE version = 15");
  }
  const std::string readings = t.scalar("SELECT COUNT(*) FROM electricity_balance");
  const std::string rows = t.scalar("SELECT COUNT(*) FROM day_summary");
  auto db = t.open();
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == readings);
  CHECK(t.scalar("SELECT COUNT(*) FROM day_summary") == rows);
  CHECK(DaySummaryStore(*db).meters_with_other_rules() == std::vector<std::string>{"M"});
  CHECK(viewed(*db, kFirst, kLast - 1) == truth(*db));
  check_open_day(*db);  // 019 applied after it
}
