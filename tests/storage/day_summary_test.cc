// Day summaries kept by the write path: always equal to
// usage::summarize_days over the stored readings, whatever the order,
// batching, duplicates and late readings (a property over random series), on
// SQLite and MariaDB; built for existing rows by the migration; repaired by
// rebuild; read back with the readings the unsettled days need.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/storage/day_summary_store.h"
#include "common/storage/reading_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"
#include "common/usage/day_summary.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::Backend;
using ebill::test::random_history;
using ebill::test::reading;
using ebill::test::TestDatabase;
using usage::DaySummary;
using usage::Sample;

namespace Catch {
template <>
struct StringMaker<DaySummary> {
  static std::string convert(const DaySummary& d) {
    auto sample = [](const std::optional<Sample>& s) {
      return s ? format_datetime(s->at) + "=" + std::to_string(s->remain) : std::string("-");
    };
    return format_day(d.day) + " c=" + std::to_string(d.consumption) + " r=" +
           std::to_string(d.recharge) + (d.estimated ? " est" : "") + " n=" +
           std::to_string(d.readings) + " " + sample(d.first) + " " + sample(d.last) +
           (d.settled ? " settled" : "");
  }
};
}  // namespace Catch

namespace {

const usage::UsageSettings kSettings;  // GAP_MINUTES 30, as DatabaseSettings' default

// Every stored reading of `meter` as samples (what the summaries derive from).
std::vector<Sample> stored_samples(ReadingStore& store, const std::string& meter) {
  std::vector<Sample> out;
  for (const Reading& r : store.between(meter, at("2000-01-01 00:00:00"), at("2100-01-01 00:00:00"))) {
    out.push_back({r.collected_at, r.remain});
  }
  return out;
}

// summarize_days over all of `samples` for first..last.
std::vector<DaySummary> truth(const std::vector<Sample>& samples, LocalDay first, LocalDay last) {
  return usage::summarize_days(samples, first, static_cast<int>(last - first + 1), kSettings);
}

std::vector<DaySummary> settled_only(std::vector<DaySummary> days) {
  days.erase(std::remove_if(days.begin(), days.end(), [](const DaySummary& d) { return !d.settled; }),
             days.end());
  return days;
}

// Checks the invariant for `meter`: the stored summaries are exactly the
// settled days summarize_days gives from the stored readings (or, after a
// writer that bypassed the hook appended readings, an unbroken prefix of
// them), and UsageReader answers any range exactly.
void check_meter(Database& db, const std::string& meter, bool complete, std::mt19937_64& rng) {
  ReadingStore readings(db);
  const std::vector<Sample> all = stored_samples(readings, meter);
  if (all.empty()) return;
  const LocalDay first = day_of(all.front().at) - 2;
  const LocalDay last = day_of(all.back().at) + 2;
  // Stored: the settled days from the meter's first reading on (the days
  // before it hold nothing).
  const std::vector<DaySummary> expected = settled_only(truth(all, first + 2, last));
  const std::vector<DaySummary> stored = DaySummaryStore(db).stored(meter, first, last);
  if (complete) {
    // The first difference, readable.
    std::size_t k = 0;
    while (k < stored.size() && k < expected.size() && stored[k] == expected[k]) ++k;
    if (k < stored.size() && k < expected.size()) CHECK(stored[k] == expected[k]);
    CHECK(stored.size() == expected.size());
  } else {
    REQUIRE(stored.size() <= expected.size());
    CHECK(stored == std::vector<DaySummary>(expected.begin(), expected.begin() + stored.size()));
  }
  UsageReader reader(db);
  const std::vector<Reading> rows =
      readings.between(meter, at("2000-01-01 00:00:00"), at("2100-01-01 00:00:00"));
  // The open day: the newest reading's day as summarize_days gives it, and
  // that reading (kept by every write through the hook).
  const std::optional<OpenDay> open = DaySummaryStore(db).open_day(meter);
  if (complete) {
    REQUIRE(open);
    const LocalDay newest_day = day_of(all.back().at);
    CHECK(open->summary == truth(all, newest_day, newest_day).at(0));
    CHECK(open->last == rows.back());
    CHECK(open->first_reading_at == all.front().at);
    CHECK(open->current_rules);
  }
  auto random_day = [&] {
    return first + std::uniform_int_distribution<LocalDay>(0, last - first)(rng);
  };
  for (int k = 0; k < 3; ++k) {
    // Two ranges (maybe overlapping), a two-hour window and the newest reading.
    const LocalDay a = random_day(), c = random_day();
    const LocalDay b = a + std::uniform_int_distribution<LocalDay>(0, 6)(rng);
    const LocalDay d = c + std::uniform_int_distribution<LocalDay>(0, 3)(rng);
    const LocalSeconds w = day_start(a) + std::uniform_int_distribution<LocalSeconds>(0, 86399)(rng);
    const UsageData data = reader.read(meter, {{{a, b}, {c, d}}, {{w, w + 7200}}, true});
    INFO("days " << format_day(a) << " .. " << format_day(b) << " and " << format_day(c) << " .. "
                 << format_day(d));
    std::vector<DaySummary> expected_days;
    for (LocalDay day = std::min(a, c); day <= std::max(b, d); ++day) {
      if ((day >= a && day <= b) || (day >= c && day <= d)) {
        expected_days.push_back(truth(all, day, day).at(0));
      }
    }
    CHECK(data.days == expected_days);
    REQUIRE(data.windows.size() == 1);
    const WindowReadings& wr = data.windows[0];
    // The window's samples give the same usage as the whole history.
    CHECK(usage::usage_between(wr.samples, w, w + 7200, kSettings) ==
          usage::usage_between(all, w, w + 7200, kSettings));
    std::optional<Reading> newest, after;
    for (const Reading& r : rows) {
      if (r.collected_at < w + 7200) newest = r;
      else if (!after) after = r;
    }
    CHECK(wr.newest == newest);
    CHECK(wr.after == after);
    CHECK(data.latest == rows.back());
  }
}

}  // namespace

TEST_CASE("summaries equal summarize_days for random insertion orders, late readings and duplicates",
          "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  std::mt19937_64 rng(20251125);
  const int kRounds = backend == Backend::kSqlite ? 40 : 25;
  for (int round = 0; round < kRounds; ++round) {
    const std::vector<std::string> meters = {"P" + std::to_string(round) + "a",
                                             "P" + std::to_string(round) + "b"};
    std::vector<Reading> pending;
    for (const std::string& m : meters) {
      const auto h = random_history(rng, m);
      pending.insert(pending.end(), h.begin(), h.end());
    }
    // Mostly in time order with some readings held back (late, as a
    // spool replay or backfill brings them), some batches sent twice, some
    // readings with a second value for a stored time (a duplicate: skipped).
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Reading& a, const Reading& b) { return a.collected_at < b.collected_at; });
    std::vector<Reading> late;
    std::vector<Reading> sent;
    // Per meter: was its last write through the hook (else another program
    // appended readings after it)?
    std::map<std::string, bool> complete;
    std::size_t i = 0;
    while (i < pending.size() || !late.empty()) {
      std::vector<Reading> batch;
      const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 12)(rng);
      for (std::size_t k = 0; k < n && i < pending.size(); ++k, ++i) {
        if (std::uniform_int_distribution<int>(0, 6)(rng) == 0) late.push_back(pending[i]);
        else batch.push_back(pending[i]);
      }
      const int mode = std::uniform_int_distribution<int>(0, 9)(rng);
      if ((mode == 0 || i >= pending.size()) && !late.empty()) {
        std::shuffle(late.begin(), late.end(), rng);
        batch.insert(batch.end(), late.begin(), late.end());
        late.clear();
      }
      if (mode == 1 && !sent.empty()) {
        Reading again = sent[std::uniform_int_distribution<std::size_t>(0, sent.size() - 1)(rng)];
        again.remain += 7;
        batch.push_back(again);
      }
      std::shuffle(batch.begin(), batch.end(), rng);
      if (batch.empty()) continue;  // insert({}) does nothing at all
      if (mode == 2 && !batch.empty() && late.empty() &&
          std::all_of(batch.begin(), batch.end(), [&](const Reading& r) {
            return sent.empty() || r.collected_at > sent.back().collected_at;
          })) {
        // Another program appends readings, bypassing the hook.
        for (const Reading& r : batch) {
          t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at) VALUES ('" +
                 r.meter_no + "', '" + format_fixed(r.remain, 2) + "', '" +
                 format_datetime(r.collected_at) + "')");
        }
        for (const Reading& r : batch) complete[r.meter_no] = false;
      } else {
        store.insert(batch);
        if (mode == 3) store.insert(batch);  // the same batch again
        for (const Reading& r : batch) complete[r.meter_no] = true;
      }
      sent.insert(sent.end(), batch.begin(), batch.end());
      std::sort(sent.begin(), sent.end(),
                [](const Reading& a, const Reading& b) { return a.collected_at < b.collected_at; });
      if (std::uniform_int_distribution<int>(0, 4)(rng) == 0) {
        for (const std::string& m : meters) check_meter(*db, m, complete[m], rng);
      }
    }
    for (const std::string& m : meters) check_meter(*db, m, complete[m], rng);
  }
}

TEST_CASE("a late reading corrects the settled days it changes", "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  DaySummaryStore summaries(*db);
  const LocalDay d1 = day_of(at("2025-03-01 00:00:00"));
  // One reading a day at noon: each 24 h gap's 10.00 kWh is spread evenly,
  // 5.00 on each side of midnight (rule 5).
  store.insert({reading("M", "2025-03-01 12:00:00", 10000), reading("M", "2025-03-02 12:00:00", 9000),
                reading("M", "2025-03-03 12:00:00", 8000)});
  std::vector<DaySummary> stored = summaries.stored("M", d1 - 1, d1 + 5);
  REQUIRE(stored.size() == 2);  // 03-03 is not settled
  CHECK(stored[0] == DaySummary{d1, 500, 0, true, 1, Sample{at("2025-03-01 12:00:00"), 10000},
                                Sample{at("2025-03-01 12:00:00"), 10000}, true});
  CHECK(stored[1] == DaySummary{d1 + 1, 1000, 0, true, 1, Sample{at("2025-03-02 12:00:00"), 9000},
                                Sample{at("2025-03-02 12:00:00"), 9000}, true});

  // 03-02 00:00 94.00 arrives late: 6.00 from 12:00 to midnight belongs to
  // 03-01 (estimated, a 12 h gap); 03-02 gets 4.00 until noon plus 5.00 of
  // the next gap.
  store.insert({reading("M", "2025-03-02 00:00:00", 9400)});
  stored = summaries.stored("M", d1 - 1, d1 + 5);
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].consumption == 600);
  CHECK(stored[1] == DaySummary{d1 + 1, 900, 0, true, 2, Sample{at("2025-03-02 00:00:00"), 9400},
                                Sample{at("2025-03-02 12:00:00"), 9000}, true});

  // The unsettled 03-03 comes from readings: 5.00 of the gap before noon.
  const std::uint64_t queries = db->query_count();
  const UsageData data = UsageReader(*db).read("M", {{{d1, d1 + 2}}, {}, true});
  CHECK(db->query_count() == queries + 2);
  REQUIRE(data.days.size() == 3);
  CHECK(data.days[0] == stored[0]);
  CHECK(data.days[1] == stored[1]);
  CHECK(data.days[2] == DaySummary{d1 + 2, 500, 0, true, 1, Sample{at("2025-03-03 12:00:00"), 8000},
                                   Sample{at("2025-03-03 12:00:00"), 8000}, false});
  CHECK(data.latest == reading("M", "2025-03-03 12:00:00", 8000));
}

TEST_CASE("a batch of one new reading per meter costs five extra queries, midnight three more",
          "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  constexpr int kMeters = 20;
  auto cycle = [&](const std::string& when, Hundredths remain) {
    std::vector<Reading> batch;
    for (int m = 0; m < kMeters; ++m) batch.push_back(reading("C" + std::to_string(m), when, remain));
    return batch;
  };
  store.insert(cycle("2025-03-07 23:50:00", 5000));
  // Statements of the insert itself: MySQL one multi-row INSERT, SQLite one
  // per row, after the bump of the meters' change
  // versions; plus one look-up of the meters' stored extents, one read and
  // one delete of the stale_day marks the triggers made for the batch
  // (sql/*/015), and one read and one upsert of the meters' open days
  // (sql/*/019), each extended by its new reading.
  const std::uint64_t insert_statements = 1 + (backend == Backend::kMariadb ? 1 : kMeters) + 4;
  std::uint64_t before = db->query_count();
  CHECK(store.insert(cycle("2025-03-07 23:55:00", 4990)) == kMeters);
  CHECK(db->query_count() - before == 1 + insert_statements);
  CHECK(t.scalar("SELECT COUNT(*) FROM day_summary") == "0");

  // The first cycle after midnight settles 03-07 for every meter: one
  // statement loads every meter's readings, one writes the 20 rows; and the
  // open days move to 03-08, recomputed: one more statement loads their
  // readings (their upsert is the one of every batch).
  before = db->query_count();
  CHECK(store.insert(cycle("2025-03-08 00:00:00", 4980)) == kMeters);
  CHECK(db->query_count() - before == 1 + insert_statements + 3);
  CHECK(t.scalar("SELECT COUNT(*) FROM day_summary") == std::to_string(kMeters));
  CHECK(t.scalar("SELECT COUNT(*) FROM day_open WHERE day = '2025-03-08'") ==
        std::to_string(kMeters));
  const auto s = DaySummaryStore(*db).stored("C7", day_of(at("2025-03-07 00:00:00")),
                                             day_of(at("2025-03-08 00:00:00")));
  REQUIRE(s.size() == 1);
  CHECK(s[0].consumption == 10);  // 50.00 -> 49.90 at 23:55; the 00:00 step is 03-08's
  CHECK(s[0].readings == 2);

  // The next cycle is back to the common case.
  before = db->query_count();
  store.insert(cycle("2025-03-08 00:05:00", 4970));
  CHECK(db->query_count() - before == 1 + insert_statements);
}

TEST_CASE("the migration builds summaries for existing readings and rebuild repairs another writer's",
          "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  {
    auto db = t.open();
    // As on an installation before 010: readings without summaries (and
    // every later version pending).
    t.exec("DROP TABLE day_summary");
    t.exec("DELETE FROM schema_migrations WHERE version >= 10");
  }
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at) VALUES"
         " ('X', '20.00', '2025-03-01 10:00:00'), ('X', '19.00', '2025-03-01 10:10:00'),"
         " ('X', '18.50', '2025-03-02 09:00:00'), ('Y', '7.00', '2025-03-05 23:59:59'),"
         " ('Y', '6.00', '2025-03-06 00:00:00')");
  auto db = t.open();
  DaySummaryStore summaries(*db);
  const LocalDay d1 = day_of(at("2025-03-01 00:00:00"));
  auto x = summaries.stored("X", d1, d1 + 9);
  REQUIRE(x.size() == 1);  // 03-02 is X's last day: not settled
  // 1.00 at 10:10, then 0.50 over a gap of 82,200 s, 49,800 s of it on
  // 03-01: round(50 * 49800 / 82200) = round(30.3) = 0.30.
  CHECK(x[0] == DaySummary{d1, 130, 0, true, 2, Sample{at("2025-03-01 10:00:00"), 2000},
                           Sample{at("2025-03-01 10:10:00"), 1900}, true});
  auto y = summaries.stored("Y", d1, d1 + 9);
  REQUIRE(y.size() == 1);
  CHECK(y[0] == DaySummary{d1 + 4, 0, 0, false, 1, Sample{at("2025-03-05 23:59:59"), 700},
                           Sample{at("2025-03-05 23:59:59"), 700}, true});

  // Another program adds a reading inside X's settled day: the stored
  // summary is stale until rebuilt.
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at) VALUES"
         " ('X', '18.70', '2025-03-01 23:00:00')");
  CHECK(summaries.stored("X", d1, d1).at(0).consumption == 130);
  CHECK(summaries.rebuild("X") == 1);
  x = summaries.stored("X", d1, d1 + 9);
  REQUIRE(x.size() == 1);
  // 1.00 + 0.30 (23:00, a gap of 46,200 s) + round(20 * 3600 / 36000) = 0.02.
  CHECK(x[0] == DaySummary{d1, 132, 0, true, 3, Sample{at("2025-03-01 10:00:00"), 2000},
                           Sample{at("2025-03-01 23:00:00"), 1870}, true});
  CHECK(summaries.rebuild() == 2);  // both meters
  CHECK(summaries.stored("Y", d1, d1 + 9) == y);
}

// An installation at 018: readings, no open days. Applying 019 computes each
// meter's from its readings; by hand: X's newest day 03-02 holds one reading
// (18.50 at 09:00) and the 0.50 of the gap from 03-01 10:10, 82,200 s of
// which 32,400 s on 03-02: 50 − round(50 × 49800 / 82200) = 0.20, estimated.
TEST_CASE("migration 019 computes the open day of every meter from its readings",
          "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  {
    auto db = t.open();
    t.exec("DROP TABLE day_open");
    t.exec("DELETE FROM schema_migrations WHERE version = 19");
  }
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at, remain_money) VALUES"
         " ('X', '20.00', '2025-03-01 10:00:00', NULL), ('X', '19.00', '2025-03-01 10:10:00', NULL),"
         " ('X', '18.50', '2025-03-02 09:00:00', '9.25')");
  auto db = t.open();
  const std::optional<OpenDay> x = DaySummaryStore(*db).open_day("X");
  REQUIRE(x);
  const LocalDay d2 = day_of(at("2025-03-02 00:00:00"));
  CHECK(x->summary == DaySummary{d2, 20, 0, true, 1, Sample{at("2025-03-02 09:00:00"), 1850},
                                 Sample{at("2025-03-02 09:00:00"), 1850}, false});
  CHECK(x->last.remain_money == std::optional<Hundredths>(925));
  CHECK(x->first_reading_at == at("2025-03-01 10:00:00"));
}

TEST_CASE("a recharge across a gap at a day's start uses the rate from before its anchor",
          "[summary][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  const LocalDay d2 = day_of(at("2025-03-02 00:00:00"));
  // Rule 7: 6.00 kWh in the 6 h before 23:00, so the 2 h outage to 01:00
  // hid 600 * 7200 / 21600 = 2.00 kWh, 1.00 on each side of midnight, and
  // the recharge is 96.00 + 2.00 (estimated).
  store.insert({reading("R", "2025-03-01 17:00:00", 3000), reading("R", "2025-03-01 20:00:00", 2700),
                reading("R", "2025-03-01 23:00:00", 2400), reading("R", "2025-03-02 01:00:00", 12000)});
  UsageData data = UsageReader(*db).read("R", {{{d2, d2}}, {}, false});
  REQUIRE(data.days.size() == 1);
  CHECK(data.days[0] == DaySummary{d2, 100, 9800, true, 1, Sample{at("2025-03-02 01:00:00"), 12000},
                                   Sample{at("2025-03-02 01:00:00"), 12000}, false});
  // Settled by the write path: plus round(100 * 82800 / 84600) = 0.98 of
  // the next outage.
  store.insert({reading("R", "2025-03-03 00:30:00", 11900)});
  const auto stored = DaySummaryStore(*db).stored("R", d2, d2);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0] == DaySummary{d2, 198, 9800, true, 1, Sample{at("2025-03-02 01:00:00"), 12000},
                                Sample{at("2025-03-02 01:00:00"), 12000}, true});
  CHECK(DaySummaryStore(*db).stored("R", d2 - 1, d2 - 1).at(0).consumption == 600 + 100);
}
