// The real ebill-collector process on SQLite: signals, shards, the meters
// command, configuration errors, the metrics endpoint.
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/collector/collector_harness.h"
#include "tests/support/mosquitto_broker.h"
#include "tests/support/test_database.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

int sim_in_flight(const SimProcess& sim) {
  static const std::regex kInFlight(R"("in_flight":(\d+))");
  const std::string body = http_get(sim.url("/_control/stats"));
  std::smatch m;
  return std::regex_search(body, m, kInFlight) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST_CASE("SIGTERM in the middle of a cycle exits 0 within 5 seconds", "[collector][signal]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim({"--fault", "slow", "--slow-ms", "30000"});
  const std::string dir = make_temp_dir("ebill-term");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(10));
  env["FETCH_TIMEOUT"] = "25";
  ChildProcess collector(collector_binary(), {}, env, dir, dir + "/collector.log");
  REQUIRE(wait_until([&] { return sim_in_flight(sim) > 0; }, 10s));  // the cycle is fetching

  const auto t0 = std::chrono::steady_clock::now();
  collector.signal(SIGTERM);
  const auto status = collector.wait_for(5s);
  const auto took = std::chrono::steady_clock::now() - t0;
  INFO(read_log(dir + "/collector.log"));
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  CHECK(took < 5s);
  const std::string log = read_log(dir + "/collector.log");
  CHECK(log.find("SIGTERM received") != std::string::npos);
  const std::vector<CycleLine> cycles = cycle_lines(log);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].skipped == 10);  // every fetch was cancelled
  std::filesystem::remove_all(dir);
}

TEST_CASE("SIGINT between cycles exits 0 at once", "[collector][signal]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-int");
  ChildProcess collector(collector_binary(), {}, collector_env(sim, db.settings(), dir + "/spool", meter_numbers(3)),
                         dir, dir + "/collector.log");
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() == 1; }, 10s));
  collector.signal(SIGINT);
  const auto status = collector.wait_for(5s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a cycle longer than the interval delays the next one and says so", "[collector][schedule]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim({"--latency-ms", "2500"});  // every page takes 2.5 s
  const std::string dir = make_temp_dir("ebill-overrun");
  const std::string log_path = dir + "/collector.log";
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(3));
  env["FETCH_TIMEOUT"] = "10";
  ChildProcess collector(collector_binary(), {"--interval-seconds", "2"}, env, dir, log_path);
  REQUIRE(wait_until([&] { return cycle_lines(read_log(log_path)).size() >= 2; }, 15s));
  CHECK(cycle_lines(read_log(log_path))[0].ok == 3);
  collector.signal(SIGTERM);
  CHECK(collector.wait_for(5s) == std::optional<int>(0));
  const std::string log = read_log(log_path);
  INFO(log);
  CHECK(log.find("cycle overran the 2s interval by") != std::string::npos);
  // Cycles never overlap: no more requests at once than one cycle's meters.
  const std::string stats = http_get(sim.url("/_control/stats"));
  CHECK(stats.find("\"max_concurrent\":3,") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("shards 0/2 and 1/2 together poll every meter exactly once", "[collector][shard]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::vector<std::string> meters = meter_numbers(200);
  const std::string dir = make_temp_dir("ebill-shard");
  std::size_t total = 0;
  for (const char* shard : {"0/2", "1/2"}) {
    Env env = collector_env(sim, db.settings(), dir + "/spool", meters);
    env["COLLECTOR_SHARD"] = shard;
    const Finished run = run_to_end(collector_binary(), {"--once"}, env, dir);
    INFO(run.output);
    CHECK(run.status == 0);
    const auto cycles = cycle_lines(run.output);
    REQUIRE(cycles.size() == 1);
    CHECK(cycles[0].ok > 50);  // each shard has a fair part
    total += cycles[0].ok;
  }
  CHECK(total == 200);
  for (const std::string& m : meters) {
    INFO("meter " << m);
    CHECK(sim_requests(sim, m) == 1);
  }
  CHECK(db.scalar("SELECT COUNT(DISTINCT meter_no) FROM electricity_balance") == "200");
  std::filesystem::remove_all(dir);
}

TEST_CASE("meters list|add|rename|enable|disable manage the meter table, and disabled meters are not polled",
          "[collector][cli]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-cli");
  const Env env = collector_env(sim, db.settings(), dir + "/spool", {});
  auto meters = [&](const std::vector<std::string>& args) {
    std::vector<std::string> full = {"meters"};
    full.insert(full.end(), args.begin(), args.end());
    return run_to_end(collector_binary(), full, env, dir);
  };
  CHECK(meters({"add", "19501609994", "佳丰南苑5-1-501"}).status == 0);
  CHECK(meters({"add", "19501609995"}).status == 0);
  CHECK(meters({"add", "1950-1"}).status == 2);
  CHECK(meters({"rename", "19501609995", "B栋"}).status == 0);
  CHECK(meters({"rename", "19501600001", "x"}).status == 1);
  CHECK(meters({"disable", "19501609994"}).status == 0);
  CHECK(meters({"enable", "19501600001"}).status == 1);
  CHECK(meters({"frobnicate"}).status == 2);
  const Finished list = meters({"list"});
  CHECK(list.status == 0);
  CHECK(list.output.find("19501609994\tdisabled\t佳丰南苑5-1-501\n") != std::string::npos);
  CHECK(list.output.find("19501609995\tenabled\tB栋\n") != std::string::npos);

  const Finished once = run_to_end(collector_binary(), {"--once"}, env, dir);
  INFO(once.output);
  const auto cycles = cycle_lines(once.output);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].ok == 1);
  CHECK(cycles[0].skipped == 1);
  CHECK(once.status == 1);  // a skipped meter is not a success
  CHECK(sim_requests(sim, "19501609994") == 0);
  CHECK(sim_requests(sim, "19501609995") == 1);

  CHECK(meters({"enable", "19501609994"}).status == 0);
  const Finished again = run_to_end(collector_binary(), {"--once"}, env, dir);
  CHECK(again.status == 0);
  CHECK(sim_requests(sim, "19501609994") == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a bad setting stops the collector with exit 2 and one line naming it", "[collector][cli]") {
  const std::string dir = make_temp_dir("ebill-config");
  const Finished run = run_to_end(collector_binary(), {"--once"},
                                  {{"FETCH_INTERVAL_SECONDS", "abc"}, {"SQLITE_PATH", dir + "/db"}}, dir);
  CHECK(run.status == 2);
  CHECK(run.output.rfind("FETCH_INTERVAL_SECONDS", 0) == 0);
  CHECK(std::count(run.output.begin(), run.output.end(), '\n') == 1);
  CHECK(run_to_end(collector_binary(), {"--bogus"}, {}, dir).status == 2);
  const Finished version = run_to_end(collector_binary(), {"--version"}, {}, dir);
  CHECK(version.status == 0);
  CHECK(version.output.rfind("ebill-collector ", 0) == 0);
  const Finished help = run_to_end(collector_binary(), {"--help"}, {}, dir);
  CHECK(help.status == 0);
  CHECK(help.output.find("FETCH_INTERVAL_SECONDS") != std::string::npos);
  CHECK(help.output.find("meters add <id> [name]") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("METRICS_PORT serves fetches by outcome, cycles, spool depth and per-meter series", "[collector][metrics]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim({"--faults", "2:http502"});
  const std::string dir = make_temp_dir("ebill-metrics");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(4));  // ...00..03
  const int port = free_loopback_port();
  env["METRICS_PORT"] = std::to_string(port);
  env["HOST"] = "0.0.0.0";  // the API's address: /metrics stays on METRICS_HOST (127.0.0.1)
  ChildProcess collector(collector_binary(), {}, env, dir, dir + "/collector.log");
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() == 1; }, 10s));
  CHECK(read_log(dir + "/collector.log").find("metrics on http://127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);
  const std::string body = http_get("http://127.0.0.1:" + std::to_string(port) + "/metrics");
  CHECK(body.find("ebill_collector_fetches_total{outcome=\"ok\"} 3\n") != std::string::npos);
  CHECK(body.find("ebill_collector_fetches_total{outcome=\"http_status\"} 1\n") != std::string::npos);
  CHECK(body.find("ebill_collector_fetches_total{outcome=\"timeout\"} 0\n") != std::string::npos);
  CHECK(body.find("ebill_collector_cycles_total 1\n") != std::string::npos);
  CHECK(body.find("ebill_collector_spool_depth 0\n") != std::string::npos);
  CHECK(body.find("ebill_collector_cycle_duration_seconds ") != std::string::npos);
  // Per meter: the stored reading, a counter with nothing consumed yet (one
  // reading), the failure of meter ...02 by its reason.
  CHECK(std::regex_search(body, std::regex("\nebill_meter_balance_kwh\\{meter=\"19501600000\","
                                           "name=\"[^\"]*\"\\} [0-9]+\\.[0-9]{2}\n")));
  CHECK(std::regex_search(body, std::regex("\nebill_meter_consumed_kwh_total\\{meter=\"19501600001\","
                                           "name=\"[^\"]*\"\\} 0\\.00\n")));
  CHECK(std::regex_search(body, std::regex("\nebill_meter_fetch_failures_total\\{meter=\"19501600002\","
                                           "name=\"[^\"]*\",reason=\"http_status\"\\} 1\n")));
  CHECK(body.find("ebill_meter_balance_kwh{meter=\"19501600002\"") == std::string::npos);
  collector.signal(SIGTERM);
  CHECK(collector.wait_for(5s) == std::optional<int>(0));
  std::filesystem::remove_all(dir);
}
