// Database outages with the real collector process: MariaDB is stopped for
// several cycles and started again; nothing fetched meanwhile may be lost or
// stored twice. Registered RUN_SERIAL: the server is taken away from
// everyone.
#include <catch2/catch.hpp>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/collector/collector_harness.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_database.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

std::size_t count_if_lines(const std::string& log, bool stored) {
  std::size_t n = 0;
  for (const CycleLine& c : cycle_lines(log)) n += c.stored == stored ? 1 : 0;
  return n;
}

// True when the last cycle line says the readings were stored and the spool
// is empty.
bool caught_up(const std::string& log) {
  const auto cycles = cycle_lines(log);
  return !cycles.empty() && cycles.back().stored && cycles.back().spool == 0;
}

std::size_t readings_taken(const std::string& log) {
  std::size_t n = 0;
  for (const CycleLine& c : cycle_lines(log)) n += c.ok;
  return n;
}

const std::vector<std::string> kMeters = meter_numbers(20);

// Every meter was healthy in every cycle: each has one row per cycle, and
// the table holds exactly the readings the logs say were taken.
void check_every_reading_stored_once(const TestDatabase& db, const std::string& logs) {
  const std::size_t cycles = cycle_lines(logs).size();
  CHECK(readings_taken(logs) == cycles * kMeters.size());
  CHECK(db.scalar("SELECT COUNT(*) FROM electricity_balance") == std::to_string(readings_taken(logs)));
  for (const std::string& m : kMeters) {
    INFO("meter " << m);
    CHECK(db.scalar("SELECT COUNT(DISTINCT collected_at) FROM electricity_balance WHERE meter_no = '" + m + "'") ==
          std::to_string(cycles));
  }
}

}  // namespace

TEST_CASE("readings taken while MariaDB is down are stored exactly once when it is back",
          "[collector][outage][mariadb]") {
  TestDatabase db(Backend::kMariadb);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-outage");
  const std::string log_path = dir + "/collector.log";
  auto log = [&] { return read_log(log_path); };
  ChildProcess collector(collector_binary(), {"--interval-seconds", "2"},
                         collector_env(sim, db.settings(), dir + "/spool", kMeters), dir, log_path);
  REQUIRE(wait_until([&] { return count_if_lines(log(), true) >= 1; }, 15s));

  MariadbServer server;
  server.stop();
  REQUIRE(wait_until([&] { return count_if_lines(log(), false) >= 2; }, 20s));
  const std::size_t during = cycle_lines(log()).back().spool;
  CHECK(during >= 2 * kMeters.size());  // two cycles' readings at least wait in the spool
  server.start();
  REQUIRE(wait_until([&] { return caught_up(log()); }, 20s));

  collector.signal(SIGTERM);
  CHECK(collector.wait_for(5s) == std::optional<int>(0));
  INFO(log());
  check_every_reading_stored_once(db, log());
  std::filesystem::remove_all(dir);
}

TEST_CASE("a collector killed during the outage replays its spool after a restart",
          "[collector][outage][mariadb]") {
  TestDatabase db(Backend::kMariadb);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-kill");
  const Env env = collector_env(sim, db.settings(), dir + "/spool", kMeters);
  const std::string first_log = dir + "/first.log", second_log = dir + "/second.log";
  std::string logs;
  {
    ChildProcess first(collector_binary(), {"--interval-seconds", "2"}, env, dir, first_log);
    REQUIRE(wait_until([&] { return count_if_lines(read_log(first_log), true) >= 1; }, 15s));
    MariadbServer server;
    server.stop();
    // Killed right after a cycle ended with its readings only in the spool.
    REQUIRE(wait_until([&] { return count_if_lines(read_log(first_log), false) >= 1; }, 20s));
    first.signal(SIGKILL);
    CHECK(first.wait_for(5s) == std::optional<int>(128 + SIGKILL));
    CHECK(cycle_lines(read_log(first_log)).back().spool >= kMeters.size());
    // A reading is (meter, second): a restart within the same second would
    // legitimately fold two cycles' readings into one.
    std::this_thread::sleep_for(1100ms);

    // Started again while the database is still down.
    ChildProcess second(collector_binary(), {"--interval-seconds", "2"}, env, dir, second_log);
    REQUIRE(wait_until([&] { return count_if_lines(read_log(second_log), false) >= 1; }, 20s));
    server.start();
    REQUIRE(wait_until([&] { return caught_up(read_log(second_log)); }, 20s));
    second.signal(SIGTERM);
    CHECK(second.wait_for(5s) == std::optional<int>(0));
    logs = read_log(first_log) + read_log(second_log);
  }
  INFO(logs);
  CHECK(read_log(second_log).find("readings waiting to be replayed") != std::string::npos);
  check_every_reading_stored_once(db, logs);
  CHECK_FALSE(std::filesystem::exists(dir + "/spool/quarantine.spool"));
  std::filesystem::remove_all(dir);
}
