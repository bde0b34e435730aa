// Three sharded collectors started at the same moment, each through another
// node of a Galera cluster, on a fresh database (issue 12: "two of them
// exited at start with Duplicate entry '1' for key 'PRIMARY'"): all three
// keep running and poll their meters.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "tests/cluster/galera_cluster.h"
#include "tests/cluster/programs.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr int kRounds = 3;
constexpr int kShards = 3;

}  // namespace

TEST_CASE("three collectors started together on three Galera nodes all run and poll their shards",
          "[cluster][galera]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  SimProcess sim;
  const std::vector<std::string> meters = meter_numbers(30);
  for (int round = 1; round <= kRounds; ++round) {
    INFO("round " << round);
    TestDatabase db(cluster->nodes[0]);  // created on node 1, replicated
    const std::string dir = make_temp_dir("ebill-galera-start");
    const std::vector<DatabaseSettings> via = on_each_node(*cluster, db.settings().name);
    Programs collectors;
    for (int k = 0; k < kShards; ++k) {
      collectors.push_back(start_collector(sim, via[k], meters, k, kShards, 2, dir));
    }

    check_each_shard_polled(collectors, kShards, meters, 60s);
    check_all_running(collectors);
    INFO(describe(collectors));
    check_each_migration_applied_once(collectors, true);
    for (const std::string& meter : meters) {
      INFO("meter " << meter);
      CHECK(sim_requests(sim, meter) >= 1);
    }
    // Every node has the whole schema record and every meter's readings.
    for (const DatabaseSettings& node : via) {
      INFO("node on port " << node.port);
      check_versions_recorded(node);
      CHECK(query_rows(node, "SELECT CAST(COUNT(DISTINCT meter_no) AS CHAR)"
                             " FROM electricity_balance")
                .at(0)
                .at(0) == "30");
    }
    collectors.clear();
    std::filesystem::remove_all(dir);
  }
}

TEST_CASE("a Galera node SIGKILLed and started again rejoins with the writes it missed",
          "[cluster][galera]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  TestDatabase db(cluster->nodes[0]);
  DatabaseSettings node3 = cluster->nodes[2];
  node3.name = db.settings().name;
  db.exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(8)) ENGINE=InnoDB");
  db.exec("INSERT INTO t VALUES (1, 'before')");
  const auto cluster_size = [&] {
    return db.rows("SHOW STATUS LIKE 'wsrep_cluster_size'").at(0).at(1);
  };
  galera_ctl("kill", 3);
  CHECK_THROWS(query_rows(node3, "SELECT 1"));
  // Once the others noticed (a few seconds), they go on as a 2-node cluster.
  REQUIRE(wait_until([&] { return cluster_size() == "2"; }, 60s));
  db.exec("INSERT INTO t VALUES (2, 'while')");
  galera_ctl("start", 3);
  CHECK(cluster_size() == "3");
  CHECK(query_rows(node3, "SELECT CAST(id AS CHAR), v FROM t ORDER BY id") ==
        std::vector<std::vector<std::string>>{{"1", "before"}, {"2", "while"}});
}
