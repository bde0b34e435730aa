// Two ebill writers of different meters, each through another Galera node,
// committing at the same moments (issue 12: "Writers for different meters
// on different nodes never conflict"): no transaction of either is aborted
// by the other (the nodes' certification-failure and brute-force-abort
// counters stay put, so no 1213 was raised and hidden by the retry), and
// every reading is stored on every node.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/storage/reading_store.h"
#include "tests/cluster/galera_cluster.h"
#include "tests/cluster/programs.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr int kWritesEach = 150;  // 5-minute readings: past one midnight

// Transactions aborted by a conflict with another node, on `node`.
long long conflict_aborts(const DatabaseSettings& node) {
  long long total = 0;
  for (const auto& row :
       query_rows(node, "SHOW GLOBAL STATUS WHERE Variable_name IN"
                        " ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')")) {
    total += std::stoll(row.at(1));
  }
  return total;
}

}  // namespace

TEST_CASE("writers of different meters on two Galera nodes commit concurrently without conflicts",
          "[cluster][galera]") {
  const std::optional<GaleraCluster> cluster = galera_cluster();
  if (!cluster) return;
  TestDatabase db(cluster->nodes[0]);
  std::vector<DatabaseSettings> via;
  for (int k = 0; k < 2; ++k) {
    via.push_back(cluster->nodes[k]);
    via.back().name = db.settings().name;
  }
  // Opened (and migrated) before counting: two opens at once may meet on
  // the migration lock row, which is not what this test is about.
  std::vector<std::unique_ptr<storage::Database>> dbs;
  for (const DatabaseSettings& node : via) {
    REQUIRE(wait_until([&] {
      auto opened = storage::Database::open(node);
      if (!opened.ok()) return false;
      dbs.push_back(std::move(opened).value());
      return true;
    }, 30s));
  }
  const long long aborts_before = conflict_aborts(via[0]) + conflict_aborts(via[1]);

  std::atomic<int> ready{0};
  std::vector<std::string> errors(2);
  std::vector<std::thread> writers;
  for (int k = 0; k < 2; ++k) {
    writers.emplace_back([&, k] {
      try {
        storage::ReadingStore store(*dbs[k]);
        ++ready;
        while (ready.load() < 2) std::this_thread::yield();  // start together
        const std::string meter = "GW" + std::to_string(k);
        for (int i = 0; i < kWritesEach; ++i) {
          store.insert({reading_at(meter, at("2025-03-07 20:00:00") + 300 * i, 10000 - i)});
        }
      } catch (const std::exception& e) {
        errors[k] = e.what();
      }
    });
  }
  for (std::thread& t : writers) t.join();
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  INFO(errors[0] << " | " << errors[1]);
  CHECK(conflict_aborts(via[0]) + conflict_aborts(via[1]) == aborts_before);
  // Each node has both meters' readings, and each meter its version.
  for (const DatabaseSettings& node : via) {
    REQUIRE(wait_until([&] {
      return query_rows(node, "SELECT CAST(COUNT(*) AS CHAR) FROM electricity_balance")
                 .at(0)
                 .at(0) == std::to_string(2 * kWritesEach);
    }, 30s));
    CHECK(query_rows(node, "SELECT CAST(MIN(version) AS CHAR), CAST(MAX(version) AS CHAR)"
                           " FROM meter_change")
              .at(0) == std::vector<std::string>{std::to_string(kWritesEach),
                                                 std::to_string(kWritesEach)});
  }
}
