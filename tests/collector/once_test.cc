// One `ebill-collector --once` cycle over 200 simulated meters, some of them
// in fault modes, against the real MariaDB of scripts/test.
#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/domain/amount.h"
#include "common/time/time_zone.h"
#include "tests/collector/collector_harness.h"
#include "tests/sim/meter_model.h"
#include "tests/support/test_database.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;

namespace {

// The meter-number endings the simulator breaks, and the failure kind the
// collector must record for each (docs/simulator.md, common/collect).
const std::map<std::string, std::string> kFaults = {
    {"13", "http_status"}, {"27", "http_status"}, {"31", "blocked"},      {"36", "blocked"},
    {"45", "page_changed"}, {"58", "page_changed"}, {"62", "page_changed"}, {"74", "page_changed"},
    {"86", "network"},     {"99", "timeout"}};
const char* kFaultRules =
    "13:http500,27:http502,31:block,36:http405,45:truncated,58:garbled,62:nobalance,74:othermeter,"
    "86:reset,99:slow";

std::string expected_failure(const std::string& meter) {
  auto it = kFaults.find(meter.substr(meter.size() - 2));
  return it == kFaults.end() ? "" : it->second;
}

std::string money_text(const std::optional<Hundredths>& v) { return v ? format_hundredths(*v) : ""; }

}  // namespace

TEST_CASE("one --once cycle stores one correct reading per healthy meter and the failure of each faulty one",
          "[collector][mariadb]") {
  install_time_zone(kZone);
  TestDatabase db(Backend::kMariadb);
  const LocalSeconds frozen = to_local(std::time(nullptr)) - 3600;
  SimProcess sim({"--seed", "7", "--speed", "0", "--start", format_datetime(frozen), "--tz", kZone,
                  "--faults", kFaultRules, "--slow-ms", "4000"});
  const std::vector<std::string> meters = meter_numbers(200);
  const std::string dir = make_temp_dir("ebill-once");

  const LocalSeconds before = to_local(std::time(nullptr));
  const Finished run = run_to_end(collector_binary(), {"--once"},
                                  collector_env(sim, db.settings(), dir + "/spool", meters), dir);
  const LocalSeconds after = to_local(std::time(nullptr));
  INFO(run.output);
  CHECK(run.status == 1);  // not every meter succeeded
  const std::vector<CycleLine> cycles = cycle_lines(run.output);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].ok == 180);
  CHECK(cycles[0].failed == 20);
  CHECK(cycles[0].stored);

  std::map<std::string, std::vector<std::vector<std::string>>> rows;
  for (auto& row : db.rows("SELECT meter_no, CAST(collected_at AS CHAR), CAST(remain AS CHAR), "
                           "CAST(remain_money AS CHAR), CAST(unit_price AS CHAR) FROM electricity_balance")) {
    rows[row[0]].push_back(row);
  }
  std::map<std::string, std::vector<std::string>> status;
  for (auto& row : db.rows("SELECT meter_no, CAST(last_success AS CHAR), last_error, consecutive_failures "
                           "FROM meter_status")) {
    status[row[0]] = row;
  }
  CHECK(db.scalar("SELECT COUNT(*) FROM meter") == "200");

  for (const std::string& m : meters) {
    INFO("meter " << m);
    const std::string failure = expected_failure(m);
    REQUIRE(status.count(m) == 1);
    if (failure.empty()) {
      REQUIRE(rows[m].size() == 1);
      const auto& row = rows[m][0];
      const Reading want = sim::reading_at(7, m, frozen);
      const LocalSeconds at = parse_datetime(row[1]).value();
      CHECK(at >= before);
      CHECK(at <= after);
      CHECK(row[2] == format_hundredths(want.remain));
      CHECK(row[3] == money_text(want.remain_money));
      REQUIRE(want.unit_price);
      CHECK(parse_fixed(row[4], 4) == want.unit_price);
      CHECK(status[m][1] == row[1]);
      CHECK(status[m][2] == "");
      CHECK(status[m][3] == "0");
    } else {
      CHECK(rows[m].empty());
      CHECK(status[m][1] == "");
      CHECK(status[m][2].rfind(failure + ":", 0) == 0);
      CHECK(status[m][3] == "1");
    }
  }
  std::filesystem::remove_all(dir);
}
