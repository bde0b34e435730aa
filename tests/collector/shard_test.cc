#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "collector/fnv1a.h"
#include "collector/shard.h"
#include "tests/collector/collector_harness.h"

using namespace ebill::collector;

TEST_CASE("fnv1a64 matches the published FNV-1a test vectors", "[shard]") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("a meter's shard is its FNV-1a hash modulo N", "[shard]") {
  // 0xaf63dc4c8601ec8c is even; mod 3: the digit sum rule does not apply to
  // hex, so compute with the hash itself.
  CHECK(shard_of("a", 2) == 0);
  CHECK(shard_of("a", 3) == static_cast<int>(0xaf63dc4c8601ec8cULL % 3));
  CHECK(shard_of("foobar", 1) == 0);
  for (const std::string& m : ebill::test::meter_numbers(50)) CHECK(shard_of(m, 1) == 0);
}

TEST_CASE("N shards split any meter list with no overlap and no gap", "[shard]") {
  const std::vector<std::string> meters = ebill::test::meter_numbers(10000);
  for (int n : {1, 2, 3, 7, 16}) {
    std::multiset<std::string> seen;
    for (int k = 0; k < n; ++k) {
      const std::vector<std::string> mine = in_shard(meters, k, n);
      // Every shard gets a fair part of 10,000 sequential meter numbers.
      CHECK(static_cast<int>(mine.size()) > 10000 / n * 8 / 10);
      CHECK(static_cast<int>(mine.size()) < 10000 / n * 12 / 10);
      seen.insert(mine.begin(), mine.end());
    }
    CHECK(seen.size() == meters.size());
    for (const std::string& m : meters) CHECK(seen.count(m) == 1);
  }
}

TEST_CASE("the split keeps each meter's shard whatever the order of the list", "[shard]") {
  std::vector<std::string> meters = ebill::test::meter_numbers(100);
  const std::vector<std::string> first = in_shard(meters, 1, 3);
  std::vector<std::string> reversed(meters.rbegin(), meters.rend());
  std::vector<std::string> second = in_shard(reversed, 1, 3);
  CHECK(std::set<std::string>(first.begin(), first.end()) ==
        std::set<std::string>(second.begin(), second.end()));
}
