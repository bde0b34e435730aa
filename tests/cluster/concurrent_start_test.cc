// Several real programs started at the same moment on one fresh database:
// every one of them runs, and each migration is applied exactly once
// (issue 12: "Two programs starting together against one fresh server").
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "tests/cluster/programs.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr int kRounds = 4;
constexpr int kCollectors = 3;
constexpr int kApis = 2;

}  // namespace

TEST_CASE("collectors and APIs started together on a fresh database all run, each migration applied once",
          "[cluster][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  SimProcess sim;
  const std::vector<std::string> meters = meter_numbers(12);
  for (int round = 1; round <= kRounds; ++round) {
    INFO("round " << round);
    TestDatabase db(backend);
    const std::string dir = make_temp_dir("ebill-together");
    Programs programs;
    for (int k = 0; k < kCollectors; ++k) {
      programs.push_back(start_collector(sim, db.settings(), meters, k, kCollectors, 3600, dir));
    }
    for (int k = 0; k < kApis; ++k) programs.push_back(start_api(db.settings(), dir, k));

    check_each_shard_polled(programs, kCollectors, meters, 30s);
    for (int k = kCollectors; k < kCollectors + kApis; ++k) {
      Program& p = *programs[k];
      const bool ready = wait_until([&] { return api_ready(p) || !p.running(); }, 30s);
      INFO(describe(programs));
      CHECK(ready);
    }
    check_all_running(programs);
    INFO(describe(programs));
    check_versions_recorded(db.settings());
    check_each_migration_applied_once(programs, backend == Backend::kMariadb);
    CHECK(db.scalar("SELECT COUNT(DISTINCT meter_no) FROM electricity_balance") == "12");
    programs.clear();  // killed before their database goes
    std::filesystem::remove_all(dir);
  }
}
