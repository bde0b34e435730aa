// The wrong-token limiter of the operator routes: 5 wrong tokens per address
// within a minute, then refused until the minute is over; the table of
// addresses stays bounded under a flood of distinct addresses.
#include <catch2/catch.hpp>

#include <string>

#include "api/access/failure_table.h"

using ebill::api::FailureTable;
using namespace std::chrono_literals;

namespace {
const FailureTable::Clock::time_point t0{1000s};
}

TEST_CASE("wrong tokens: the sixth try of an address within the window is refused", "[token]") {
  FailureTable limiter;
  for (int i = 0; i < 5; ++i) {
    CHECK(limiter.wait_s("10.0.0.1", t0 + 1s) == 0);
    limiter.failed("10.0.0.1", t0 + 1s);
  }
  CHECK(limiter.wait_s("10.0.0.1", t0 + 1s) == 60);
  CHECK(limiter.wait_s("10.0.0.1", t0 + 30500ms) == 31);  // rounded up
  CHECK(limiter.wait_s("10.0.0.2", t0 + 2s) == 0);         // another address
  // The window began with the first wrong token and lasts a minute.
  CHECK(limiter.wait_s("10.0.0.1", t0 + 60999ms) == 1);
  CHECK(limiter.wait_s("10.0.0.1", t0 + 61s) == 0);
  limiter.failed("10.0.0.1", t0 + 61s);  // a new window with one failure
  CHECK(limiter.wait_s("10.0.0.1", t0 + 61s) == 0);
}

TEST_CASE("wrong tokens: expired windows are forgotten", "[token]") {
  FailureTable limiter;
  limiter.failed("10.0.0.1", t0);
  limiter.failed("10.0.0.2", t0 + 30s);
  CHECK(limiter.addresses() == 2);
  limiter.failed("10.0.0.3", t0 + 60s);  // 10.0.0.1's window is over
  CHECK(limiter.addresses() == 2);
  CHECK(limiter.wait_s("10.0.0.3", t0 + 120s) == 0);
  CHECK(limiter.addresses() == 0);
}

TEST_CASE("wrong tokens: a full table drops its oldest window, never grows", "[token]") {
  FailureTable limiter({5, std::chrono::minutes(1), 3});
  for (int i = 0; i < 5; ++i) limiter.failed("blocked", t0);
  limiter.failed("b", t0 + 1s);
  limiter.failed("c", t0 + 2s);
  CHECK(limiter.wait_s("blocked", t0 + 3s) > 0);
  limiter.failed("d", t0 + 3s);  // full: "blocked" is the oldest
  CHECK(limiter.addresses() == 3);
  CHECK(limiter.wait_s("blocked", t0 + 3s) == 0);
  // A known address counts on and evicts nothing.
  for (int i = 0; i < 4; ++i) limiter.failed("b", t0 + 4s);
  CHECK(limiter.wait_s("b", t0 + 4s) == 57);
  CHECK(limiter.addresses() == 3);

  // A flood of distinct addresses within one window.
  FailureTable flooded;
  for (int i = 0; i < 100'000; ++i) {
    flooded.failed("2001:db8::" + std::to_string(i), t0 + std::chrono::microseconds(i));
  }
  CHECK(flooded.addresses() == 4096);
  // The newest are the ones kept.
  for (int i = 0; i < 4; ++i) flooded.failed("2001:db8::99999", t0 + 1s);
  CHECK(flooded.wait_s("2001:db8::99999", t0 + 1s) > 0);
  CHECK(flooded.addresses() == 4096);
}
