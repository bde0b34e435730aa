// One large genuine jump (issue 11): the real cycle against the real
// simulator and the MariaDB of scripts/test. The meter's balance jumps by
// 700.00 kWh (> MAX_JUMP_KWH 500.00) through /_control/balance; after
// JUMP_CONFIRM_READINGS = 3 agreeing readings the new level is stored, and
// meter_status says so.
#include <catch2/catch.hpp>

#include <filesystem>

#include "collector/cycle_runner.h"
#include "collector/metrics.h"
#include "collector/spool.h"
#include "common/collect/fetcher_from_config.h"
#include "common/storage/status_store.h"
#include "tests/collector/collector_harness.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;

TEST_CASE("a genuine jump beyond MAX_JUMP_KWH is accepted after 3 agreeing readings",
          "[collector][mariadb]") {
  install_time_zone(kZone);
  TestDatabase t(Backend::kMariadb);
  SimProcess sim({"--seed", "5", "--speed", "0", "--tz", kZone});
  const std::string dir = make_temp_dir("ebill-jump");
  const std::string meter = meter_numbers(1).front();
  Config config;
  config.general.time_zone = kZone;
  config.database = t.settings();
  config.fetch.source_url = sim.url("/nat/pay.aspx?mid={meter}");
  config.collector.spool_dir = dir;
  config.meters.push_back(MeterConfig{meter, meter, {}, std::nullopt});
  REQUIRE(config.fetch.max_jump_kwh == 50000);
  REQUIRE(config.fetch.jump_confirm_readings == 3);

  auto spool = collector::Spool::open(dir);
  REQUIRE(spool.ok());
  PageFetcher fetcher(collect::fetcher_options(config.fetch, 1, 0));
  SystemClock clock;
  collector::Metrics metrics;
  collector::CycleRunner runner(config, t.open(), **spool, fetcher, clock, metrics);
  storage::StatusStore status(*runner.database());
  auto rows = [&] {
    return t.scalar("SELECT COUNT(*) FROM electricity_balance WHERE meter_no = '" + meter + "'");
  };

  const collector::CycleReport before = runner.run(nullptr);
  REQUIRE(before.ok == 1);
  const Hundredths level = before.outcomes[0].reading->remain;
  http_get(sim.url("/_control/balance?mid=" + meter + "&add=700.00"));

  for (int k = 1; k <= 2; ++k) {
    align_to_second();
    const collector::CycleReport r = runner.run(nullptr);
    CHECK(r.failed == 1);
    CHECK(rows() == "1");
    const auto st = status.get(meter);
    REQUIRE(st);
    CHECK(st->last_error == "rejected: jump of 700.00 kWh from " + format_hundredths(level) +
                                " exceeds MAX_JUMP_KWH 500.00 (" + std::to_string(k) +
                                " of 3 readings at the new level)");
  }
  align_to_second();
  const collector::CycleReport third = runner.run(nullptr);
  REQUIRE(third.ok == 1);
  CHECK(third.outcomes[0].reading->remain == level + 70000);
  CHECK(rows() == "4");  // the two held readings are stored with the third
  auto st = status.get(meter);
  REQUIRE(st);
  CHECK(st->consecutive_failures == 0);
  CHECK(st->last_error == "accepted new level " + format_hundredths(level + 70000) +
                              " kWh after 3 agreeing readings (jump of 700.00 kWh from " +
                              format_hundredths(level) + " exceeds MAX_JUMP_KWH 500.00)");

  // The new level is the reference from now on.
  align_to_second();
  CHECK(runner.run(nullptr).ok == 1);
  CHECK(rows() == "5");
  st = status.get(meter);
  REQUIRE(st);
  CHECK(st->last_error.empty());
  std::filesystem::remove_all(dir);
}
