// COLLECTOR_SHARD's split, by the properties collector/shard.h promises:
// every meter in exactly one shard for any N, the same shard in every run
// whatever the list, and shards of about equal size.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "collector/fnv1a.h"
#include "collector/shard.h"
#include "tests/collector/collector_harness.h"

using namespace ebill::collector;

namespace {

// Meter ids as cnyiot hands them out (11 digits), but not sequential.
std::vector<std::string> random_meter_numbers(int count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<long long> digits(10000000000LL, 99999999999LL);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(std::to_string(digits(rng)));
  return out;
}

// The shard of each meter, computed in a separate child process.
std::vector<int> shards_in_child(const std::vector<std::string>& meters, int count) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    std::vector<int> shards;
    for (const std::string& m : meters) shards.push_back(shard_of(m, count));
    const char* p = reinterpret_cast<const char*>(shards.data());
    std::size_t left = shards.size() * sizeof(int);
    while (left > 0) {
      const ssize_t n = write(fds[1], p, left);
      if (n <= 0) _exit(1);
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::vector<int> shards(meters.size());
  char* p = reinterpret_cast<char*>(shards.data());
  std::size_t left = shards.size() * sizeof(int);
  while (left > 0) {
    const ssize_t n = read(fds[0], p, left);
    REQUIRE(n > 0);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return shards;
}

}  // namespace

TEST_CASE("fnv1a64 matches the published FNV-1a test vectors", "[shard]") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("one shard holds every meter", "[shard]") {
  CHECK(shard_of("foobar", 1) == 0);
  for (const std::string& m : ebill::test::meter_numbers(50)) CHECK(shard_of(m, 1) == 0);
}

TEST_CASE("N shards split any meter list with no overlap, no gap and a fair part each",
          "[shard]") {
  for (const std::vector<std::string>& meters :
       {ebill::test::meter_numbers(10000), random_meter_numbers(10000, 7)}) {
    for (int n : {1, 2, 3, 7, 16}) {
      INFO("N = " << n);
      std::vector<int> size(static_cast<std::size_t>(n), 0);
      for (const std::string& m : meters) {
        // Exactly one of the N shards claims the meter.
        int claimed = 0;
        for (int k = 0; k < n; ++k) claimed += shard_of(m, n) == k ? 1 : 0;
        REQUIRE(claimed == 1);
        ++size[static_cast<std::size_t>(shard_of(m, n))];
      }
      // Balanced: every shard within 20% of an equal part.
      for (int s : size) {
        CHECK(s > 10000 / n * 8 / 10);
        CHECK(s < 10000 / n * 12 / 10);
      }
    }
  }
}

TEST_CASE("a meter keeps its shard in every run, whatever the list", "[shard]") {
  std::vector<std::string> meters = random_meter_numbers(2000, 11);
  std::vector<int> here;
  for (const std::string& m : meters) here.push_back(shard_of(m, 7));
  // Another process (another run of the same program) agrees on every meter.
  CHECK(shards_in_child(meters, 7) == here);
  // The order and the other meters of the list do not matter.
  std::vector<std::string> shuffled(meters.begin(), meters.begin() + 500);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(3));
  for (const std::string& m : shuffled) {
    const auto i = std::find(meters.begin(), meters.end(), m) - meters.begin();
    CHECK(shard_of(m, 7) == here[static_cast<std::size_t>(i)]);
  }
}
