#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "common/storage/reading_store.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::Backend;
using ebill::test::reading;
using ebill::test::TestDatabase;

namespace {

const char* kMeter = "19501609994";

// n readings of kMeter, one every `step` seconds from `start`, the balance
// falling by 0.01 each time from 500.00.
std::vector<Reading> series(const std::string& start, int n, int step) {
  std::vector<Reading> out;
  for (int i = 0; i < n; ++i) out.push_back(test::reading_at(kMeter, at(start) + i * step, 50000 - i));
  return out;
}

// The first reading at or after `t`, through the public range read.
std::optional<Reading> first_at_or_after(ReadingStore& store, const std::string& meter_no,
                                         LocalSeconds t) {
  const auto rows = store.between(meter_no, t, at("2100-01-01 00:00:00"));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

}  // namespace

TEST_CASE("insert counts new rows and skips duplicates inside one batch", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  CHECK(store.insert({}) == 0);
  const std::vector<Reading> batch = {
      reading(kMeter, "2025-03-07 08:00:00", 10000),
      reading(kMeter, "2025-03-07 08:05:00", 9990),
      reading(kMeter, "2025-03-07 08:00:00", 7777),  // same key as the first: skipped
      reading("18100000001", "2025-03-07 08:00:00", 500),  // same time, other meter: new
  };
  CHECK(store.insert(batch) == 3);
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "3");
  // The first of the duplicates wins; the later one changed nothing.
  CHECK(first_at_or_after(store, kMeter, at("2025-03-07 08:00:00"))->remain == 10000);
}

TEST_CASE("insert of readings already stored changes nothing", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  REQUIRE(store.insert({reading(kMeter, "2025-03-07 08:00:00", 10000, 6000, 6000)}) == 1);
  const std::string id = t.scalar("SELECT CAST(id AS CHAR) FROM electricity_balance");
  // A replay of the same reading with other values, plus one new reading.
  CHECK(store.insert({reading(kMeter, "2025-03-07 08:00:00", 1, 2, 3),
                      reading(kMeter, "2025-03-07 08:10:00", 9900)}) == 1);
  CHECK(store.insert({reading(kMeter, "2025-03-07 08:00:00", 1)}) == 0);
  CHECK(t.scalar("SELECT CAST(id AS CHAR) FROM electricity_balance WHERE collected_at ="
                 " '2025-03-07 08:00:00'") == id);
  CHECK(store.latest(kMeter) == reading(kMeter, "2025-03-07 08:10:00", 9900));
  CHECK(store.last_before(kMeter, at("2025-03-07 08:10:00")) ==
        reading(kMeter, "2025-03-07 08:00:00", 10000, 6000, 6000));
}

TEST_CASE("a batch larger than one INSERT chunk is stored whole and counted exactly",
          "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  // 1,234 minutes: three chunks of 500, 500 and 234 rows.
  const auto first = series("2025-01-01 00:00:00", 1000, 60);
  CHECK(store.insert(first) == 1000);
  auto overlapping = series("2025-01-01 00:00:00", 1234, 60);  // 1,000 old + 234 new
  CHECK(store.insert(overlapping) == 234);
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "1234");
  const auto all = store.between(kMeter, at("2025-01-01 00:00:00"), at("2025-01-02 00:00:00"));
  CHECK(all == overlapping);
}

TEST_CASE("decimals are stored and read back exactly", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  // Values whose double is not exact (0.29, 100.05, 1.15...) and the limits
  // of DECIMAL(10,2) / (10,4); negative values are stored as given.
  const std::vector<Hundredths> remains = {1,       29,      115,      10005, 10010, 9999999999,
                                           -500,    0,       -1,       33333, 70,    12345678};
  const std::vector<TenThousandths> prices = {6012, 10000, 1, 99999999, 5000, 0};
  std::vector<Reading> batch;
  for (std::size_t i = 0; i < remains.size(); ++i) {
    Reading r = test::reading_at(kMeter, at("2025-03-07 00:00:00") + static_cast<LocalSeconds>(i) * 300,
                                 remains[i]);
    if (i % 2 == 0) r.remain_money = remains[i] * 3;
    if (i < prices.size()) r.unit_price = prices[i];
    batch.push_back(r);
  }
  REQUIRE(store.insert(batch) == batch.size());
  CHECK(store.between(kMeter, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00")) == batch);
  if (backend == Backend::kMariadb) {
    // The server holds the exact decimals, not a rounded double.
    CHECK(t.scalar("SELECT CAST(remain AS CHAR) FROM electricity_balance"
                   " WHERE collected_at = '2025-03-07 00:15:00'") == "100.05");
    CHECK(t.scalar("SELECT CAST(unit_price AS CHAR) FROM electricity_balance"
                   " WHERE collected_at = '2025-03-07 00:00:00'") == "0.6012");
  }
}

TEST_CASE("collected_at is stored as the local wall-clock text it was given",
          "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  // Whatever the process zone, the text is the wall clock given; 02:30 on
  // the day New York skips it is stored too.
  const char* tz = std::getenv("TZ");
  const std::string saved = tz != nullptr ? tz : "";
  int minute = 0;
  for (const char* zone : {"UTC", "America/New_York", "Asia/Shanghai"}) {
    INFO(zone);
    setenv("TZ", zone, 1);
    tzset();
    const std::string text = "2025-03-09 02:3" + std::to_string(minute++) + ":00";
    REQUIRE(store.insert({reading(kMeter, text, 100)}) == 1);
    CHECK(t.scalar("SELECT CAST(MAX(collected_at) AS CHAR) FROM electricity_balance") == text);
    CHECK(store.latest(kMeter)->collected_at == at(text));
  }
  if (tz != nullptr) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}

TEST_CASE("between reads the half-open range in time order", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  // Inserted out of order, around the day boundary, plus another meter.
  store.insert({reading(kMeter, "2025-03-08 00:00:00", 300),
                reading(kMeter, "2025-03-06 23:59:59", 900),
                reading(kMeter, "2025-03-07 00:00:00", 800),
                reading(kMeter, "2025-03-07 12:00:00", 500),
                reading(kMeter, "2025-03-07 23:59:59", 400),
                reading("18100000001", "2025-03-07 06:00:00", 1)});
  const auto day = store.between(kMeter, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"));
  REQUIRE(day.size() == 3);
  CHECK(day[0].remain == 800);
  CHECK(day[1].remain == 500);
  CHECK(day[2].remain == 400);
  CHECK(store.between(kMeter, at("2025-03-07 00:00:01"), at("2025-03-07 12:00:00")).empty());
  CHECK(store.between("unknown", at("2025-03-01 00:00:00"), at("2025-04-01 00:00:00")).empty());
}

TEST_CASE("anchor and first-after lookups find the neighbours of a time",
          "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  store.insert({reading(kMeter, "2025-03-06 22:00:00", 1000),
                reading(kMeter, "2025-03-06 23:30:00", 950),
                reading(kMeter, "2025-03-07 00:00:00", 940),
                reading("18100000001", "2025-03-06 23:59:00", 5)});
  const LocalSeconds midnight = at("2025-03-07 00:00:00");
  // Strictly before: the reading at midnight itself belongs to the window.
  CHECK(store.last_before(kMeter, midnight) == reading(kMeter, "2025-03-06 23:30:00", 950));
  CHECK(first_at_or_after(store, kMeter, midnight) ==
        reading(kMeter, "2025-03-07 00:00:00", 940));
  CHECK(first_at_or_after(store, kMeter, midnight - 1) ==
        reading(kMeter, "2025-03-07 00:00:00", 940));
  CHECK_FALSE(store.last_before(kMeter, at("2025-03-06 22:00:00")).has_value());
  CHECK_FALSE(first_at_or_after(store, kMeter, midnight + 1).has_value());
  CHECK(store.latest(kMeter) == reading(kMeter, "2025-03-07 00:00:00", 940));
  CHECK_FALSE(store.latest("unknown").has_value());
}

TEST_CASE("latest_per_meter gives each meter's newest reading", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  CHECK(store.latest_per_meter().empty());
  store.insert({reading("B", "2025-03-07 10:00:00", 200),
                reading("A", "2025-03-07 09:00:00", 110, 66, 6000),
                reading("B", "2025-03-07 11:00:00", 190),
                reading("A", "2025-03-07 08:00:00", 120),
                reading("C", "2025-01-01 00:00:00", 5)});
  const std::uint64_t queries = db->query_count();
  const auto latest = store.latest_per_meter();
  CHECK(db->query_count() == queries + 1);
  REQUIRE(latest.size() == 3);
  CHECK(latest[0] == reading("A", "2025-03-07 09:00:00", 110, 66, 6000));
  CHECK(latest[1] == reading("B", "2025-03-07 11:00:00", 190));
  CHECK(latest[2] == reading("C", "2025-01-01 00:00:00", 5));
}

TEST_CASE("for_each streams a range in chunks, in order, and can stop early",
          "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  const auto all = series("2025-03-07 00:00:00", 25, 600);  // 00:00 .. 04:00
  store.insert(all);
  const LocalSeconds from = at("2025-03-07 00:00:00");
  const LocalSeconds to = at("2025-03-07 04:00:00");  // excludes the last reading

  std::vector<Reading> seen;
  const std::uint64_t queries = db->query_count();
  const std::size_t n = store.for_each(kMeter, from, to, [&](const Reading& r) {
    seen.push_back(r);
    return true;
  }, 7);
  CHECK(n == 24);
  CHECK(seen == std::vector<Reading>(all.begin(), all.begin() + 24));
  // 24 rows in chunks of 7: 7, 7, 7, 3.
  CHECK(db->query_count() == queries + 4);

  std::size_t calls = 0;
  CHECK(store.for_each(kMeter, from, to, [&](const Reading&) { return ++calls < 10; }, 7) == 10);
  CHECK(calls == 10);
  CHECK(store.for_each(kMeter, to + 1, to + 3600, [](const Reading&) { return true; }) == 0);
}

TEST_CASE("query_count counts each statement sent", "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  const std::uint64_t start = db->query_count();
  // MySQL: two multi-row INSERTs (500 + 100); SQLite: one run of the
  // prepared statement per row; either way the bump of the meter's change
  // version, one look-up of the meter's stored extent for the day
  // summaries (the readings settle no day: all lie on 2025-03-07), one
  // read and one delete of the stale_day marks the triggers made, and for
  // its open day (a new meter has none to extend) one read, one load of the
  // day's readings and one upsert.
  store.insert(series("2025-03-07 00:00:00", 600, 60));
  const std::uint64_t inserts = 7 + (backend == Backend::kMariadb ? 2 : 600);
  CHECK(db->query_count() == start + inserts);
  store.between(kMeter, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"));
  store.last_before(kMeter, at("2025-03-07 05:00:00"));
  store.latest(kMeter);
  CHECK(db->query_count() == start + inserts + 3);
  CHECK(db->ping());
  CHECK(db->query_count() == start + inserts + 4);
}

TEST_CASE("the change marker of a meter moves with its new readings, ours or another program's",
          "[readings][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  ReadingStore store(*db);
  const std::string other = "OTHER-METER";
  CHECK(store.change_marker(kMeter) == ChangeMarker{0, 0});
  store.insert({reading(kMeter, "2025-03-07 10:00:00", 100)});
  const ChangeMarker ours = store.change_marker(kMeter);
  CHECK(ours.version == 1);
  CHECK(ours.max_id > 0);
  // Every ebill write bumps its meters' versions, in its transaction.
  CHECK(t.scalar("SELECT version FROM meter_change WHERE meter_no = '" + std::string(kMeter) +
                 "'") == "1");
  // The old global write row is no longer written.
  CHECK(t.scalar("SELECT writes FROM reading_change WHERE id = 1") == "0");
  // A batch of nothing but duplicates changes no reading, but counts as a
  // write of the meter (harmless: one recomputed answer).
  store.insert({reading(kMeter, "2025-03-07 10:00:00", 100)});
  CHECK(store.change_marker(kMeter) == ChangeMarker{2, ours.max_id});
  // A write of another meter leaves this meter's version alone.
  store.insert({reading(other, "2025-03-07 10:00:00", 100), reading(other, "2025-03-07 10:05:00", 99)});
  const ChangeMarker after_other = store.change_marker(kMeter);
  CHECK(after_other.version == 2);
  CHECK(store.change_marker(other).version == 1);
  // The old Python app inserting a row by itself moves the marker too.
  t.exec("INSERT INTO electricity_balance (meter_no, remain, collected_at) "
         "VALUES ('" + std::string(kMeter) + "', 99.00, '2025-03-07 10:05:00')");
  CHECK(store.change_marker(kMeter).max_id > after_other.max_id);
}
