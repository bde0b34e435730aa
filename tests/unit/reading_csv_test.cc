// Reading CSV (the `ebill-meter-sim history` format): header and line
// parsing with their errors, and the batched, idempotent import into a real
// SQLite database.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/storage/reading_csv.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::Backend;
using ebill::test::TestDatabase;

namespace {

LocalSeconds at(int y, int mo, int d, int h, int mi, int s) {
  return seconds_from_time(CivilTime{CivilDate{y, mo, d}, h, mi, s});
}

Reading parse_ok(std::string_view line, int columns = 5) {
  auto r = parse_reading_csv_line(line, ReadingCsvColumns{columns});
  if (!r) FAIL(r.error());
  return std::move(r).value();
}

std::string parse_error(std::string_view line, int columns = 5) {
  auto r = parse_reading_csv_line(line, ReadingCsvColumns{columns});
  REQUIRE_FALSE(r.ok());
  return r.error();
}

Result<ImportCounts, ImportError> import_text(const std::string& text, ReadingStore& store,
                                              std::size_t batch = 5000) {
  std::istringstream in(text);
  return import_reading_csv(in, store, batch);
}

std::size_t stored(ReadingStore& store, const std::string& meter) {
  return store.between(meter, 0, at(2100, 1, 1, 0, 0, 0)).size();
}

}  // namespace

TEST_CASE("reading csv header: the full one, its 3- and 4-column prefixes, a BOM", "[csv]") {
  CHECK(parse_reading_csv_header(kReadingCsvHeader)->count == 5);
  CHECK(parse_reading_csv_header("meter_no,collected_at,remain,remain_money")->count == 4);
  CHECK(parse_reading_csv_header("meter_no,collected_at,remain")->count == 3);
  CHECK(parse_reading_csv_header("\xEF\xBB\xBFmeter_no,collected_at,remain")->count == 3);
}

TEST_CASE("reading csv header: anything else is refused, naming the expected header", "[csv]") {
  for (const char* bad : {"", "meter_no,collected_at", "meter_no,collected_at,balance",
                          "collected_at,meter_no,remain",
                          "meter_no,collected_at,remain,unit_price",
                          "meter_no,collected_at,remain,remain_money,unit_price,extra",
                          "19501609994,2025-02-05 08:05:00,47.10,24.88,0.5283"}) {
    INFO(bad);
    auto h = parse_reading_csv_header(bad);
    REQUIRE_FALSE(h.ok());
    CHECK_THAT(h.error(), Catch::Contains(std::string(kReadingCsvHeader)));
  }
}

TEST_CASE("reading csv line: the simulator's line becomes an exact reading", "[csv]") {
  const Reading r = parse_ok("19501609994,2025-02-05 08:05:00,47.10,24.88,0.5283");
  CHECK(r.meter_no == "19501609994");
  CHECK(r.collected_at == at(2025, 2, 5, 8, 5, 0));
  CHECK(r.remain == 4710);
  CHECK(r.remain_money == std::optional<Hundredths>(2488));
  CHECK(r.unit_price == std::optional<TenThousandths>(5283));
}

TEST_CASE("reading csv line: empty or absent money and price are unknown", "[csv]") {
  const Reading empty = parse_ok("A1,2025-02-05 23:59:59,-0.05,,");
  CHECK(empty.remain == -5);
  CHECK(empty.collected_at == at(2025, 2, 5, 23, 59, 59));
  CHECK_FALSE(empty.remain_money.has_value());
  CHECK_FALSE(empty.unit_price.has_value());

  const Reading three = parse_ok("A1,2025-02-05 00:00:00,100", 3);
  CHECK(three.remain == 10000);
  CHECK_FALSE(three.remain_money.has_value());

  const Reading four = parse_ok("A1,2025-02-05 00:00:00,100,60.5", 4);
  CHECK(four.remain_money == std::optional<Hundredths>(6050));
  CHECK_FALSE(four.unit_price.has_value());
}

TEST_CASE("reading csv line: each bad field is named with its value", "[csv]") {
  CHECK(parse_error("A1,2025-02-05 08:05:00,47.10,24.88") == "expected 5 fields, got 4");
  CHECK(parse_error("A1,2025-02-05 08:05:00,47.10,24.88,0.5,9") == "expected 5 fields, got 6");
  CHECK(parse_error("A1,2025-02-05 08:05:00,47.10", 4) == "expected 4 fields, got 3");
  CHECK(parse_error(",2025-02-05 08:05:00,1,1,1") ==
        "meter_no: must be 1-64 ASCII letters or digits (got \"\")");
  CHECK(parse_error("\"A1\",2025-02-05 08:05:00,1,1,1") ==
        "meter_no: must be 1-64 ASCII letters or digits (got \"\"A1\"\")");
  CHECK(parse_error("A1,2025-02-29 08:05:00,1,1,1") ==
        "collected_at: not a local time YYYY-MM-DD HH:MM:SS (got \"2025-02-29 08:05:00\")");
  CHECK(parse_error("A1,2025-02-05,1,1,1") ==
        "collected_at: not a local time YYYY-MM-DD HH:MM:SS (got \"2025-02-05\")");
  CHECK(parse_error("A1,2025-02-05 08:05:00,12.345,1,1") ==
        "remain: not a decimal with at most 2 places (got \"12.345\")");
  CHECK(parse_error("A1,2025-02-05 08:05:00,,1,1") ==
        "remain: not a decimal with at most 2 places (got \"\")");
  CHECK(parse_error("A1,2025-02-05 08:05:00,1, 1,1") ==
        "remain_money: not a decimal with at most 2 places (got \" 1\")");
  CHECK(parse_error("A1,2025-02-05 08:05:00,1,1,0.52831") ==
        "unit_price: not a decimal with at most 4 places (got \"0.52831\")");
}

TEST_CASE("reading csv line: a long bad value is cut in the message", "[csv]") {
  const std::string meter(65, '9');
  CHECK(parse_error(meter + ",2025-02-05 08:05:00,1,1,1") ==
        "meter_no: must be 1-64 ASCII letters or digits (got \"" + std::string(40, '9') +
            "...\")");
}

TEST_CASE("reading csv import: counts new and duplicate readings, twice is once", "[csv]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  ReadingStore store(*db);
  // CRLF ends, a blank line, and one reading repeated inside the file.
  const std::string text =
      "meter_no,collected_at,remain,remain_money,unit_price\r\n"
      "M1,2025-02-05 08:00:00,47.10,24.88,0.5283\r\n"
      "M2,2025-02-05 08:00:00,10.00,,\r\n"
      "\r\n"
      "M1,2025-02-05 08:05:00,47.00,24.83,0.5283\r\n"
      "M1,2025-02-05 08:00:00,47.10,24.88,0.5283\r\n";
  auto first = import_text(text, store);
  REQUIRE(first.ok());
  CHECK(first->read == 4);
  CHECK(first->inserted == 3);
  CHECK(first->duplicates == 1);

  const auto m1 = store.between("M1", 0, at(2100, 1, 1, 0, 0, 0));
  REQUIRE(m1.size() == 2);
  CHECK(m1[0] == Reading{"M1", at(2025, 2, 5, 8, 0, 0), 4710, 2488, 5283});
  CHECK(m1[1] == Reading{"M1", at(2025, 2, 5, 8, 5, 0), 4700, 2483, 5283});
  const auto m2 = store.latest("M2");
  REQUIRE(m2.has_value());
  CHECK(*m2 == Reading{"M2", at(2025, 2, 5, 8, 0, 0), 1000, std::nullopt, std::nullopt});

  auto second = import_text(text, store);
  REQUIRE(second.ok());
  CHECK(second->read == 4);
  CHECK(second->inserted == 0);
  CHECK(second->duplicates == 4);
  CHECK(stored(store, "M1") == 2);
}

TEST_CASE("reading csv import: batches split the file without changing the result", "[csv]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  ReadingStore store(*db);
  std::string text = "meter_no,collected_at,remain\n";
  // 7 readings 5 minutes apart from 00:00, balance 7.00 down to 1.00.
  for (int i = 0; i < 7; ++i) {
    text += fmt::format("M1,2025-02-05 00:{:02}:00,{}.00\n", 5 * i, 7 - i);
  }
  auto counts = import_text(text, store, 3);  // batches of 3, 3, 1
  REQUIRE(counts.ok());
  CHECK(counts->read == 7);
  CHECK(counts->inserted == 7);
  const auto rows = store.between("M1", 0, at(2100, 1, 1, 0, 0, 0));
  REQUIRE(rows.size() == 7);
  CHECK(rows.front().remain == 700);
  CHECK(rows.back().collected_at == at(2025, 2, 5, 0, 30, 0));
  CHECK(rows.back().remain == 100);
}

TEST_CASE("reading csv import: a bad line stops it, naming it, and keeps the lines before",
          "[csv]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  ReadingStore store(*db);
  const std::string text =
      "meter_no,collected_at,remain\n"
      "M1,2025-02-05 00:00:00,5.00\n"
      "M1,2025-02-05 00:05:00,4.00\n"
      "M1,2025-02-05 00:10:00,3.00\n"
      "M1,2025-02-05 00:15:00,2,00\n"
      "M1,2025-02-05 00:20:00,1.00\n";
  auto r = import_text(text, store, 2);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 5);
  CHECK(r.error().message == "expected 3 fields, got 4");
  CHECK(r.error().stored.read == 3);
  CHECK(r.error().stored.inserted == 3);
  CHECK(stored(store, "M1") == 3);
}

TEST_CASE("reading csv import: a missing or wrong header stores nothing", "[csv]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  ReadingStore store(*db);

  auto empty = import_text("", store);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().line == 1);
  CHECK_THAT(empty.error().message, Catch::StartsWith("no header"));

  auto headless = import_text("\nM1,2025-02-05 00:00:00,5.00\n", store);
  REQUIRE_FALSE(headless.ok());
  CHECK(headless.error().line == 2);
  CHECK_THAT(headless.error().message, Catch::StartsWith("header must be"));
  CHECK(stored(store, "M1") == 0);
}

TEST_CASE("reading csv import: from a file, and a missing file is line 0", "[csv]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  ReadingStore store(*db);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ebill-csv-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "readings.csv").string();
  std::ofstream(path) << "meter_no,collected_at,remain\nM9,2025-02-05 00:00:00,5.00\n";

  auto ok = import_reading_csv_file(path, store);
  REQUIRE(ok.ok());
  CHECK(ok->inserted == 1);
  CHECK(store.latest("M9")->remain == 500);

  auto missing = import_reading_csv_file((dir / "nope.csv").string(), store);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().line == 0);
  CHECK_THAT(missing.error().message,
             Catch::StartsWith("cannot open " + (dir / "nope.csv").string()));
  std::filesystem::remove_all(dir);
}
