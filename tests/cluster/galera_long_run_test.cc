// The long cluster case (issue 12, part 6): three sharded collectors, each
// through another Galera node, and two ebill-api replicas on nodes 1 and 2,
// over thousands of simulated meters on 2-second cycles; node 2 (collector
// 1/3's and replica 1's) is SIGKILLed mid-run and started again (IST/SST).
// Judged by the simulator's own per-meter count of pages served, on every
// node: each page served that the collector accepted (served, less the
// fetches it logged as failed for that meter) is exactly one row (none
// lost, none twice), but for the fetches the final SIGTERMs cut off in
// flight (at most FETCH_CONCURRENCY per collector, and no more than its
// last cycle skipped; each served once more than stored). Replica
// 0 (its node stays up) never answers 5xx; replica 1 answers none before the
// kill and none once its node is Synced again. 1 s after the last write,
// both replicas answer every compared URL identically, and as the database
// holds it.
//
// CI runs the short version (1,500 meters, about 50 s). The size comes from
// EBILL_CLUSTER_RUN_METERS and EBILL_CLUSTER_RUN_SECONDS, which
// `scripts/bench-cluster --long` sets for the long one.
#include <catch2/catch.hpp>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "collector/shard.h"
#include "tests/cluster/api_poller.h"
#include "tests/cluster/galera_cluster.h"
#include "tests/cluster/programs.h"
#include "tests/support/http_client.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kShards = 3;
constexpr int kKilledNode = 2;  // 1-based; collector 1/3 and replica 1 use it
constexpr int kConcurrency = 16;  // FETCH_CONCURRENCY: at most this many fetches in flight

int env_number(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::stoi(v) : fallback;
}

// The targets both replicas are compared on: views of a few meters of each
// shard, their readings (CSV export) and the meter list.
std::vector<std::string> compared_targets(const std::vector<std::string>& sample) {
  std::vector<std::string> targets = {"/devices"};
  for (const std::string& m : sample) {
    const std::string id = "device_id=" + m;
    targets.push_back("/data?period=day&" + id);
    targets.push_back("/data?period=week&" + id);
    targets.push_back("/data?period=this_month&" + id);
    targets.push_back("/kpi?" + id);
    targets.push_back("/period_kpi?period=day&" + id);
    targets.push_back("/recharge_history?" + id);
    targets.push_back("/export?" + id + "&from=2000-01-01&to=2099-12-31&format=csv");
  }
  return targets;
}

// The answer without the fields that name the moment it was made.
std::string timeless(const std::string& body) {
  static const std::regex kNow(R"("server_time":"[^"]*")");
  return std::regex_replace(body, kNow, R"("server_time":"")");
}

// Stops `collector` (SIGTERM) as soon as it logged another cycle: between
// two cycles when the next waits for its time, else at the very start of
// the next. A fetch the stop cancels may have been served (the simulator
// counts a request when it reads it) and is never accepted: the cycle it
// cut logs it as skipped.
void stop_after_a_cycle(Program& collector) {
  const std::size_t n = cycle_lines(collector.log()).size();
  while (cycle_lines(collector.log()).size() == n && collector.running()) {
    std::this_thread::sleep_for(2ms);
  }
  collector.signal(SIGTERM);
}

// Per collector, the fetches its cycle lines count as failed (a page the
// simulator may have served but the collector did not accept) and its
// warnings and errors, for messages.
std::string failed_fetches(const Programs& collectors) {
  std::string out;
  for (const auto& c : collectors) {
    std::size_t failed = 0, cycles = 0;
    for (const CycleLine& l : cycle_lines(c->log())) failed += l.failed, ++cycles;
    out += c->name() + ": " + std::to_string(cycles) + " cycles, " + std::to_string(failed) +
           " fetches failed; its warnings and errors:\n";
    std::istringstream log(c->log());
    for (std::string line; std::getline(log, line);) {
      if (line.find(" WARN ") != std::string::npos || line.find(" ERROR ") != std::string::npos) {
        out += "  " + line.substr(0, 240) + "\n";
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("three sharded collectors and two API replicas on Galera lose no reading and "
          "duplicate none across a node kill, the APIs answer no 5xx and agree",
          "[cluster][galera]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  const int meter_count = env_number("EBILL_CLUSTER_RUN_METERS", 1500);
  const auto run_for = std::chrono::seconds(env_number("EBILL_CLUSTER_RUN_SECONDS", 50));
  TestDatabase db(cluster->nodes[0]);
  const std::vector<DatabaseSettings> via = on_each_node(*cluster, db.settings().name);
  SimProcess sim({"--threads", "2"});
  const std::vector<std::string> meters = meter_numbers(meter_count);
  const std::string dir = make_temp_dir("ebill-galera-run");

  Programs collectors;
  for (int k = 0; k < kShards; ++k) {
    // A slow answer on the loaded machine is waited for rather than given up.
    collectors.push_back(
        start_collector(sim, via[k], meters, k, kShards, 2, dir,
                        {{"FETCH_TIMEOUT", "10"}, {"FETCH_CONCURRENCY", std::to_string(kConcurrency)}}));
  }
  Programs apis;
  for (int k = 0; k < 2; ++k) apis.push_back(start_api(via[k], dir, k));
  check_each_shard_polled(collectors, kShards, meters, 120s);
  for (auto& api : apis) {
    Program& p = *api;
    REQUIRE(wait_until([&] { return api_ready(p) || !p.running(); }, 60s));
  }
  check_all_running(apis);

  const std::vector<std::string> sample = {meters[0], meters[1], meters[2], meters[3],
                                           meters[4], meters[5]};
  const std::vector<std::string> compared = compared_targets(sample);
  std::vector<std::string> polled = compared;
  polled.push_back("/readyz");
  polled.push_back("/overview");
  const int ports[] = {api_port(*apis[0]), api_port(*apis[1])};
  const Clock::time_point t0 = Clock::now();
  ApiPoller poller({ports[0], ports[1]}, polled, 20ms);

  // Node 2 goes down a quarter into the run, stays down until the others
  // run as a 2-node cluster and collector 1/3 kept two cycles in its spool,
  // then rejoins.
  std::this_thread::sleep_until(t0 + run_for / 4);
  Program& orphan = *collectors[kKilledNode - 1];
  const auto unstored = [&] {  // cycles that kept their readings in the spool
    const auto lines = cycle_lines(orphan.log());
    return std::count_if(lines.begin(), lines.end(), [](const CycleLine& c) { return !c.stored; });
  };
  const auto unstored_before = unstored();
  const Clock::time_point killed = Clock::now();
  galera_ctl("kill", kKilledNode);
  const auto cluster_size = [&] {
    return query_rows(via[0], "SHOW STATUS LIKE 'wsrep_cluster_size'").at(0).at(1);
  };
  REQUIRE(wait_until([&] { return cluster_size() == "2"; }, 60s));
  CHECK(wait_until([&] { return unstored() >= unstored_before + 2; }, 30s));
  galera_ctl("start", kKilledNode);
  const Clock::time_point synced = Clock::now();
  // At least a quarter of the run, and 10 s, after the rejoin.
  std::this_thread::sleep_until(std::max(t0 + run_for, synced + std::max(run_for / 4,
                                                                          std::chrono::seconds(10))));

  // Writes stop: every collector right after a cycle with an empty spool.
  // Its last write is before it exits (a cycle the stop cuts still stores
  // what it fetched).
  for (auto& c : collectors) {
    Program& p = *c;
    REQUIRE(wait_until([&] { const auto l = cycle_lines(p.log());
                             return !p.running() || (!l.empty() && l.back().spool == 0); }, 60s));
    stop_after_a_cycle(p);
  }
  Clock::time_point last_write = t0;
  for (auto& c : collectors) {
    Program& p = *c;
    REQUIRE(wait_until([&] { return !p.running(); }, 10s));
    last_write = std::max(last_write, Clock::now());
    INFO(describe(collectors));
    CHECK(p.exit_status() == std::optional<int>(0));
    CHECK(cycle_lines(p.log()).back().spool == 0);
  }
  // Pages a collector did not accept (a fetch that failed: a timeout, a
  // refused page), per meter: its "meter N: reason" warnings.
  std::map<std::string, int> refused;
  for (auto& c : collectors) {
    static const std::regex kRefused(R"(WARN meter ([0-9A-Za-z-]+): )");
    const std::string log = c->log();
    for (auto it = std::sregex_iterator(log.begin(), log.end(), kRefused);
         it != std::sregex_iterator(); ++it) {
      ++refused[(*it)[1]];
    }
  }
  // Fetches the stops cut off in flight, per shard: no meter is disabled,
  // so the skipped meters of a last cycle were cancelled, and at most
  // kConcurrency of them had been sent (the others never were).
  std::vector<int> cancelled;
  for (auto& c : collectors) {
    cancelled.push_back(
        std::min(kConcurrency, static_cast<int>(cycle_lines(c->log()).back().skipped)));
  }

  // 1 s after the last write both replicas answer alike, and as stored.
  std::this_thread::sleep_until(last_write + 1s);
  for (const std::string& target : compared) {
    INFO(target);
    const HttpResponse a = get(ports[0], target), b = get(ports[1], target);
    CHECK(a.status == 200);
    CHECK(b.status == 200);
    CHECK(timeless(a.body) == timeless(b.body));
  }
  for (const std::string& m : sample) {
    INFO("meter " << m);
    const HttpResponse csv =
        get(ports[0], "/export?device_id=" + m + "&from=2000-01-01&to=2099-12-31&format=csv");
    const auto lines = std::count(csv.body.begin(), csv.body.end(), '\n');
    CHECK(std::to_string(lines - 1) ==
          db.scalar("SELECT COUNT(*) FROM electricity_balance WHERE meter_no = '" + m + "'"));
  }
  poller.stop();

  // The APIs: replica 0 never failed; replica 1 only while its node was
  // away, and answered again once it was back.
  for (int k = 0; k < 2; ++k) {
    const std::vector<PolledAnswer> answers = poller.answers(k);
    std::vector<PolledAnswer> bad, after;
    for (const PolledAnswer& a : answers) {
      const bool excused = k == kKilledNode - 1 && a.at >= killed && a.at <= synced;
      if (failed(a) && !excused) bad.push_back(a);
      if (!failed(a) && a.at > synced) after.push_back(a);
    }
    INFO("replica " << k << ": " << answers.size() << " answers; the kill at +"
                    << std::chrono::duration<double>(killed - t0).count() << "s, Synced at +"
                    << std::chrono::duration<double>(synced - t0).count() << "s");
    INFO(describe(bad, t0));
    CHECK(bad.empty());
    CHECK(after.size() >= polled.size());  // a whole round after the rejoin
  }

  const std::size_t answered[] = {poller.answers(0).size(), poller.answers(1).size()};

  // The oracle: the simulator's count of pages served, meter by meter,
  // against the rows on every node (the rejoined one included).
  const std::map<std::string, int> served = sim_requests_per_meter(sim);
  CHECK(served.size() == meters.size());
  int all_pages = 0;
  for (const auto& [meter, n] : served) all_pages += n;
  // For scripts/bench-cluster --long (docs/PERFORMANCE.md).
  double longest = 0;
  for (auto& c : collectors) {
    for (const CycleLine& l : cycle_lines(c->log())) longest = std::max(longest, l.duration_s);
  }
  std::printf("cluster run: %d meters on 2 s cycles (the longest took %.1f s) for %.0f s, node %d "
              "SIGKILLed at +%.0f s and Synced again at +%.0f s; the simulator served %d pages; the "
              "replicas answered %zu and %zu polled requests\n",
              meter_count, longest, std::chrono::duration<double>(last_write - t0).count(), kKilledNode,
              std::chrono::duration<double>(killed - t0).count(),
              std::chrono::duration<double>(synced - t0).count(), all_pages, answered[0],
              answered[1]);
  for (const DatabaseSettings& node : via) {
    std::map<std::string, std::pair<int, int>> stored;  // rows, distinct times
    for (const auto& row : query_rows(node, "SELECT meter_no, CAST(COUNT(*) AS CHAR),"
                                            " CAST(COUNT(DISTINCT collected_at) AS CHAR)"
                                            " FROM electricity_balance GROUP BY meter_no")) {
      stored[row.at(0)] = {std::stoi(row.at(1)), std::stoi(row.at(2))};
    }
    std::string wrong;
    int total_served = 0, total_rows = 0, too_few = 0, mismatched = 0;
    std::vector<int> cut(kShards, 0);  // served once more than stored: a cancelled fetch
    for (const std::string& m : meters) {
      const auto s = served.find(m);
      const auto r = refused.find(m);
      // The pages served that the collector accepted.
      const int pages = (s == served.end() ? 0 : s->second) - (r == refused.end() ? 0 : r->second);
      const auto [rows, distinct] = stored.count(m) ? stored[m] : std::pair<int, int>{0, 0};
      total_served += pages;
      total_rows += rows;
      if (pages < 5) ++too_few;
      const int shard = collector::shard_of(m, kShards);
      if (rows == pages - 1 && distinct == rows && cut[shard] < cancelled[shard]) {
        ++cut[shard];
      } else if (rows != pages || distinct != rows) {
        if (++mismatched <= 20) {
          wrong += m + " (shard " + std::to_string(shard) + "): accepted " +
                   std::to_string(pages) + ", rows " + std::to_string(rows) +
                   ", distinct times " + std::to_string(distinct) + "\n";
        }
      }
    }
    INFO("node on port " << node.port << ": " << total_served << " pages accepted, " << total_rows
                         << " rows; fetches cancelled by the stops " << cancelled[0] << ", "
                         << cancelled[1] << ", " << cancelled[2] << "; " << mismatched
                         << " meters differ:\n" << wrong);
    CHECK(too_few == 0);
    INFO(refused.size() << " meters had pages the collector did not accept");
    INFO(failed_fetches(collectors));
    CHECK(mismatched == 0);
    CHECK(total_rows == total_served - (cut[0] + cut[1] + cut[2]));
  }
  apis.clear();
  collectors.clear();
  if (!std::getenv("EBILL_KEEP_RUN_DIR")) std::filesystem::remove_all(dir);
}
