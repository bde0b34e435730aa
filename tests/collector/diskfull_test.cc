// The spool directory on a full file system (a tiny tmpfs the test mounts):
// the collector never exits for it. While the database answers it stores
// the readings directly; while the database is down too it keeps polling,
// holds the readings in memory and says so once; when space and the
// database return nothing is lost or stored twice — judged by the
// simulator's own page counts. Registered RUN_SERIAL (MariaDB is stopped).
#include <catch2/catch.hpp>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "collector/spool_line.h"
#include "tests/collector/collector_harness.h"
#include "tests/collector/tiny_tmpfs.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_database.h"
#include "tests/support/loopback_port.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(needle, at)) != std::string::npos; at += needle.size()) ++n;
  return n;
}

// Waits for `more` cycle lines after the `from`-th; returns them.
std::vector<CycleLine> next_cycles(const std::string& log_path, std::size_t from, std::size_t more) {
  REQUIRE(wait_until([&] { return cycle_lines(read_log(log_path)).size() >= from + more; }, 30s));
  const auto all = cycle_lines(read_log(log_path));
  return std::vector<CycleLine>(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
}

}  // namespace

TEST_CASE("a full spool disk: readings go straight to MariaDB, are held while it is down, none lost",
          "[collector][diskfull][outage][mariadb]") {
  TestDatabase db(Backend::kMariadb);
  SimProcess sim;
  TinyTmpfs fs;
  const std::vector<std::string> meters = meter_numbers(30);  // about 2 KiB per cycle
  const std::string dir = make_temp_dir("ebill-diskfull");
  const std::string log_path = dir + "/collector.log";
  Env env = collector_env(sim, db.settings(), fs.path() + "/spool", meters);
  const int port = free_loopback_port();
  env["METRICS_PORT"] = std::to_string(port);
  env["HOST"] = "127.0.0.1";
  const auto metrics = [&] { return http_get("http://127.0.0.1:" + std::to_string(port) + "/metrics"); };
  const auto cycles = [&] { return cycle_lines(read_log(log_path)).size(); };
  ChildProcess collector(collector_binary(), {"--interval-seconds", "2"}, env, dir, log_path);
  REQUIRE(wait_until([&] { return cycles() >= 1; }, 15s));

  // 1. Disk full, database up: stored directly, nothing waits.
  fs.fill();
  for (const CycleLine& c : next_cycles(log_path, cycles(), 2)) {
    CHECK(c.stored);
    CHECK(c.spool == 0);
  }
  CHECK(metrics().find("ebill_collector_spool_writable 0\n") != std::string::npos);

  // 2. Space back, database down: spooled as usual.
  fs.release();
  MariadbServer server;
  server.stop();
  REQUIRE(wait_until([&] { return !cycle_lines(read_log(log_path)).back().stored &&
                                  cycle_lines(read_log(log_path)).back().spool > 0; }, 30s));

  // 3. Disk full again while the database is down: polling goes on, the
  // readings are held in memory, one alert.
  fs.fill();
  // Appends still fit into the spool file's last page for a cycle or two.
  REQUIRE(wait_until([&] { return metrics().find("ebill_collector_spool_writable 0\n") != std::string::npos; },
                     30s));
  for (const CycleLine& c : next_cycles(log_path, cycles(), 3)) {
    CHECK_FALSE(c.stored);
    CHECK(c.ok == meters.size());
  }
  CHECK_FALSE(collector.wait_for(0ms).has_value());  // still running
  const std::string body = metrics();
  CHECK(body.find("ebill_collector_readings_held 0\n") == std::string::npos);
  CHECK(body.find("ebill_collector_readings_held ") != std::string::npos);

  // 4. The database returns (disk still full), then the space.
  server.start();
  REQUIRE(wait_until([&] { const auto c = cycle_lines(read_log(log_path));
                           return c.back().stored && c.back().spool == 0; }, 30s));
  fs.release();
  const std::size_t before = cycles();
  for (const CycleLine& c : next_cycles(log_path, before, 1)) CHECK(c.stored);
  CHECK(metrics().find("ebill_collector_readings_held 0\n") != std::string::npos);
  collector.signal(SIGTERM);  // right after a cycle: none is in flight
  CHECK(collector.wait_for(5s) == std::optional<int>(0));

  const std::string log = read_log(log_path);
  INFO(log);
  CHECK(count_of(log, "readings go straight to the database") >= 1);
  CHECK(count_of(log, "readings held in memory only") == 1);  // alerted once
  CHECK(count_of(log, "can be written again") >= 1);
  for (const MeterTally& m : tally(sim, db, meters)) {
    INFO("meter " << m.meter_no);
    CHECK(m.served >= 8);
    CHECK(m.rows == m.served);  // every page served is stored, once
    CHECK(m.distinct_times == m.served);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a restart on a full spool disk with a cut line runs its cycle and stores everything",
          "[collector][diskfull]") {
  TestDatabase db(Backend::kSqlite);  // the database file is not on the full disk
  SimProcess sim;
  TinyTmpfs fs;
  const std::string spool_dir = fs.path() + "/spool";
  std::filesystem::create_directories(spool_dir);
  const Reading earlier{"19501600000", parse_datetime("2025-03-07 08:00:00").value(), 4200,
                        std::nullopt, std::nullopt};
  {
    std::ofstream out(spool_dir + "/readings.spool", std::ios::binary);
    out << collector::encode_spool_line(earlier) << "\n" << collector::encode_spool_line(earlier).substr(0, 20);
  }
  std::ofstream(spool_dir + "/lock");
  fs.fill();
  const std::string dir = make_temp_dir("ebill-diskfull-once");
  const std::vector<std::string> meters = meter_numbers(3);
  const Env env = collector_env(sim, db.settings(), spool_dir, meters);
  // Used to exit 1 at once, at every restart, failing to close the cut line.
  const Finished first = run_to_end(collector_binary(), {"--once"}, env, dir);
  INFO(first.output);
  REQUIRE(cycle_lines(first.output).size() == 1);
  CHECK(cycle_lines(first.output)[0].ok == meters.size());
  // The cut line cannot be quarantined while the disk is full, so the spool
  // is not empty yet and --once reports it; every reading is stored anyway.
  CHECK(first.status == 1);
  CHECK(first.output.find("spool replay failed") != std::string::npos);
  for (const MeterTally& m : tally(sim, db, meters)) {
    INFO("meter " << m.meter_no);
    CHECK(m.served == 1);
    CHECK(m.rows == m.served + (m.meter_no == earlier.meter_no ? 1 : 0));
  }

  fs.release();
  // A reading is (meter, second): the next run must not share its second.
  std::this_thread::sleep_for(1100ms);
  const Finished second = run_to_end(collector_binary(), {"--once"}, env, dir);
  INFO(second.output);
  CHECK(second.status == 0);
  CHECK(read_file(spool_dir + "/quarantine.spool") ==
        collector::encode_spool_line(earlier).substr(0, 20) + "\n");
  for (const MeterTally& m : tally(sim, db, meters)) {
    INFO("meter " << m.meter_no);
    CHECK(m.served == 2);
    CHECK(m.rows == m.served + (m.meter_no == earlier.meter_no ? 1 : 0));
    CHECK(m.distinct_times == m.rows);
  }
  std::filesystem::remove_all(dir);
}
