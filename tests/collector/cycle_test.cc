// The cycle and the record step in-process, against the real simulator and
// the real MariaDB of scripts/test.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "collector/cycle_runner.h"
#include "collector/metrics.h"
#include "collector/spool.h"
#include "common/collect/fetcher_from_config.h"
#include "common/collect/record.h"
#include "common/storage/status_store.h"
#include "tests/collector/collector_harness.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;

namespace {

collect::PollOutcome ok_outcome(const std::string& meter, LocalSeconds at, Hundredths remain) {
  collect::PollOutcome o;
  o.meter_no = meter;
  o.attempted_at = at;
  o.reading = Reading{meter, at, remain, std::nullopt, std::nullopt};
  return o;
}

collect::PollOutcome failed_outcome(const std::string& meter, LocalSeconds at,
                                    collect::PollError error, const std::string& reason) {
  collect::PollOutcome o;
  o.meter_no = meter;
  o.attempted_at = at;
  o.error = error;
  o.reason = reason;
  return o;
}

}  // namespace

TEST_CASE("record_outcomes stores each reading once and one status per attempt",
          "[collector][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  auto db = t.open();
  const LocalSeconds at = parse_datetime("2025-03-07 08:05:09").value();
  const std::vector<collect::PollOutcome> outcomes = {
      ok_outcome("M1", at, 5236),
      failed_outcome("M2", at + 1, collect::PollError::kHttpStatus, "HTTP status 502"),
      failed_outcome("M3", at + 2, collect::PollError::kCancelled, "stopped"),
  };
  const collect::Recorded first = collect::record_outcomes(*db, outcomes);
  CHECK(first.new_readings == 1);
  CHECK(first.attempts == 2);  // the cancelled one was no attempt
  const collect::Recorded again = collect::record_outcomes(*db, outcomes);
  CHECK(again.new_readings == 0);
  CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "1");
  CHECK(t.scalar("SELECT CAST(remain AS CHAR) FROM electricity_balance WHERE meter_no = 'M1'") == "52.36");

  storage::StatusStore status(*db);
  const auto m1 = status.get("M1");
  REQUIRE(m1);
  CHECK(m1->last_success == at);
  CHECK(m1->consecutive_failures == 0);
  const auto m2 = status.get("M2");
  REQUIRE(m2);
  CHECK(m2->last_error == "http_status: HTTP status 502");
  CHECK(m2->last_attempt == at + 1);
  CHECK(m2->consecutive_failures == 2);
  CHECK_FALSE(status.get("M3"));
}

TEST_CASE("a second cycle in the same second stores no duplicate", "[collector][mariadb]") {
  install_time_zone(kZone);
  TestDatabase t(Backend::kMariadb);
  SimProcess sim({"--seed", "3", "--speed", "0", "--tz", kZone});
  const std::string dir = make_temp_dir("ebill-cycle");
  Config config;
  config.general.time_zone = kZone;
  config.database = t.settings();
  config.fetch.source_url = sim.url("/nat/pay.aspx?mid={meter}");
  config.collector.spool_dir = dir;
  const std::vector<std::string> meters = meter_numbers(40);
  for (const std::string& m : meters) config.meters.push_back(MeterConfig{m, m, {}, std::nullopt});

  auto spool = collector::Spool::open(dir);
  REQUIRE(spool.ok());
  PageFetcher fetcher(collect::fetcher_options(config.fetch, 16, 0));
  SystemClock clock;
  collector::Metrics metrics;
  collector::CycleRunner runner(config, t.open(), **spool, fetcher, clock, metrics);

  align_to_second();
  const collector::CycleReport first = runner.run(nullptr);
  const collector::CycleReport second = runner.run(nullptr);
  REQUIRE(first.ok == 40);
  REQUIRE(second.ok == 40);
  CHECK(first.database_up);
  CHECK(second.database_up);

  int same_second = 0;
  for (std::size_t i = 0; i < meters.size(); ++i) {
    const LocalSeconds a = first.outcomes[i].reading->collected_at;
    const LocalSeconds b = second.outcomes[i].reading->collected_at;
    same_second += a == b ? 1 : 0;
    const std::string rows = t.scalar("SELECT COUNT(*) FROM electricity_balance WHERE meter_no = '" +
                                      meters[i] + "'");
    CHECK(rows == (a == b ? "1" : "2"));
  }
  CHECK(same_second > 0);  // the test saw the case it is about
  CHECK((*spool)->depth() == 0);
  std::filesystem::remove_all(dir);
}
