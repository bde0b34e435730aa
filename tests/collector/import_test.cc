// `ebill-collector import FILE`: the real binary storing a CSV file in a
// SQLite database, idempotently, with its exit statuses and messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "common/storage/reading_store.h"
#include "tests/collector/child_process.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;

TEST_CASE("import stores a CSV file once, names a bad line, and exits 0, 1 or 2",
          "[collector][cli]") {
  TestDatabase db(Backend::kSqlite);
  const std::string dir = make_temp_dir("ebill-import");
  const Env env = {{"APP_TZ", "Asia/Shanghai"}, {"SQLITE_PATH", db.settings().sqlite_path}};
  const std::string good = dir + "/good.csv";
  std::ofstream(good) << "meter_no,collected_at,remain,remain_money,unit_price\n"
                         "19500000001,2025-03-07 08:00:00,47.10,24.88,0.5283\n"
                         "19500000002,2025-03-07 08:00:00,10.00,,\n"
                         "19500000001,2025-03-07 08:05:00,47.00,24.83,0.5283\n";
  auto run_import = [&](const std::vector<std::string>& args) {
    std::vector<std::string> full = {"import"};
    full.insert(full.end(), args.begin(), args.end());
    return run_to_end(EBILL_COLLECTOR_BINARY, full, env, dir);
  };

  const Finished first = run_import({good});
  INFO(first.output);
  CHECK(first.status == 0);
  CHECK_THAT(first.output,
             Catch::Contains("imported " + good + ": 3 readings, 3 new, 0 already stored"));
  CHECK(db.scalar("SELECT COUNT(*) FROM electricity_balance") == "3");
  auto opened = db.open();
  storage::ReadingStore store(*opened);
  const auto latest = store.latest("19500000001");
  REQUIRE(latest.has_value());
  const LocalSeconds at = *parse_datetime("2025-03-07 08:05:00");
  CHECK(*latest == Reading{"19500000001", at, 4700, 2483, 5283});

  const Finished second = run_import({good});
  CHECK(second.status == 0);
  CHECK_THAT(second.output, Catch::Contains(": 3 readings, 0 new, 3 already stored"));
  CHECK(db.scalar("SELECT COUNT(*) FROM electricity_balance") == "3");

  const std::string bad = dir + "/bad.csv";
  std::ofstream(bad) << "meter_no,collected_at,remain\n"
                        "19500000003,2025-03-07 08:00:00,5.00\n"
                        "19500000003,2025-03-07 08:05:00,4.999\n";
  const Finished stopped = run_import({bad});
  CHECK(stopped.status == 1);
  const std::string why = "remain: not a decimal with at most 2 places (got \"4.999\")";
  CHECK_THAT(stopped.output, Catch::Contains(bad + ":3: " + why));
  CHECK(store.between("19500000003", 0, *parse_datetime("2100-01-01 00:00:00")).size() == 1);

  CHECK(run_import({dir + "/missing.csv"}).status == 1);
  CHECK(run_import({}).status == 2);
  CHECK(run_import({good, bad}).status == 2);
  std::filesystem::remove_all(dir);
}
