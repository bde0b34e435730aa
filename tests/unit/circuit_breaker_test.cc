#include <catch2/catch.hpp>

#include "common/storage/circuit_breaker.h"

using ebill::storage::CircuitBreaker;
using Admission = CircuitBreaker::Admission;
using namespace std::chrono_literals;

namespace {
const CircuitBreaker::Clock::time_point t0{};
}  // namespace

TEST_CASE("a closed breaker lets every call through", "[circuit_breaker]") {
  CircuitBreaker b(1s);
  CHECK(b.admit(t0) == Admission::kGo);
  CHECK(b.admit(t0) == Admission::kGo);
  CHECK_FALSE(b.succeeded());
  CHECK(b.trips() == 0);
}

TEST_CASE("after a failure calls are refused until the hold-off ends", "[circuit_breaker]") {
  CircuitBreaker b(1s);
  CHECK(b.failed(t0 + 10s));
  CHECK(b.trips() == 1);
  CHECK(b.admit(t0 + 10s) == Admission::kRefuse);
  CHECK(b.admit(t0 + 10s + 999ms) == Admission::kRefuse);
  // Then exactly one probe; the others are still refused while it runs.
  CHECK(b.admit(t0 + 11s) == Admission::kProbe);
  CHECK(b.admit(t0 + 11s) == Admission::kRefuse);
  CHECK(b.admit(t0 + 30s) == Admission::kRefuse);
}

TEST_CASE("a probe that succeeds closes the breaker", "[circuit_breaker]") {
  CircuitBreaker b(1s);
  b.failed(t0);
  REQUIRE(b.admit(t0 + 1s) == Admission::kProbe);
  CHECK(b.succeeded());
  CHECK(b.admit(t0 + 1s) == Admission::kGo);
  CHECK(b.trips() == 1);
}

TEST_CASE("a probe that fails holds the breaker open for another hold-off", "[circuit_breaker]") {
  CircuitBreaker b(1s);
  b.failed(t0);
  REQUIRE(b.admit(t0 + 2s) == Admission::kProbe);
  // Failing again while open is not a new trip.
  CHECK_FALSE(b.failed(t0 + 5s));
  CHECK(b.trips() == 1);
  CHECK(b.admit(t0 + 5500ms) == Admission::kRefuse);
  CHECK(b.admit(t0 + 6s) == Admission::kProbe);
}

TEST_CASE("closing and failing again counts a second trip", "[circuit_breaker]") {
  CircuitBreaker b(1s);
  b.failed(t0);
  b.succeeded();
  CHECK(b.failed(t0 + 3s));
  CHECK(b.trips() == 2);
  CHECK(b.admit(t0 + 3s) == Admission::kRefuse);
}
