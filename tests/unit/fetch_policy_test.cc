// The fetcher's pure parts: what is retried, backoff, the per-host cap.
#include <catch2/catch.hpp>

#include "common/fetch/fetch_outcome.h"
#include "common/fetch/host_rate_limiter.h"
#include "common/fetch/retry_policy.h"

using namespace ebill;
using std::chrono::milliseconds;

TEST_CASE("fetch: network errors and 5xx are retried, 4xx and the rest are not") {
  CHECK(is_retryable(FetchError::kTimeout, 0));
  CHECK(is_retryable(FetchError::kConnect, 0));
  CHECK(is_retryable(FetchError::kNetwork, 0));
  CHECK(is_retryable(FetchError::kHttpStatus, 500));
  CHECK(is_retryable(FetchError::kHttpStatus, 502));
  CHECK(is_retryable(FetchError::kHttpStatus, 599));
  CHECK_FALSE(is_retryable(FetchError::kHttpStatus, 405));
  CHECK_FALSE(is_retryable(FetchError::kHttpStatus, 404));
  CHECK_FALSE(is_retryable(FetchError::kHttpStatus, 302));
  CHECK_FALSE(is_retryable(FetchError::kNone, 200));
  CHECK_FALSE(is_retryable(FetchError::kTooLarge, 200));
  CHECK_FALSE(is_retryable(FetchError::kCancelled, 0));
  CHECK(fetch_error_name(FetchError::kHttpStatus) == "http_status");
  CHECK(fetch_error_name(FetchError::kTooLarge) == "too_large");
}

TEST_CASE("fetch: backoff doubles from the base, is capped, jitters in the upper half") {
  // First retry: d = 500, wait in [250, 500].
  CHECK(backoff_ms(2, 500, 8000, 0.0) == 250);
  CHECK(backoff_ms(2, 500, 8000, 1.0) == 500);
  CHECK(backoff_ms(2, 500, 8000, 0.5) == 375);
  // Second retry: d = 1000.
  CHECK(backoff_ms(3, 500, 8000, 0.0) == 500);
  // Tenth: 500 * 2^8 = 128000, capped at 8000: wait in [4000, 8000].
  CHECK(backoff_ms(10, 500, 8000, 0.0) == 4000);
  CHECK(backoff_ms(10, 500, 8000, 1.0) == 8000);
  CHECK(backoff_ms(2, 0, 8000, 0.7) == 0);
}

TEST_CASE("fetch: the host cap spaces request starts by 1/max_rps per host") {
  HostRateLimiter limiter(10);  // one start per 100 ms per host
  const auto t0 = std::chrono::steady_clock::time_point() + std::chrono::hours(1);
  CHECK(limiter.try_start("a", t0));
  CHECK_FALSE(limiter.try_start("a", t0 + milliseconds(50)));
  CHECK(limiter.next_start("a", t0 + milliseconds(50)) == t0 + milliseconds(100));
  CHECK(limiter.try_start("b", t0 + milliseconds(50)));  // hosts are independent
  CHECK(limiter.try_start("a", t0 + milliseconds(100)));
  CHECK_FALSE(limiter.try_start("a", t0 + milliseconds(199)));
  // After a long pause the next start is allowed at once, but only one.
  CHECK(limiter.try_start("a", t0 + milliseconds(5000)));
  CHECK_FALSE(limiter.try_start("a", t0 + milliseconds(5000)));

  HostRateLimiter unlimited(0);
  CHECK(unlimited.try_start("a", t0));
  CHECK(unlimited.try_start("a", t0));
  CHECK(unlimited.next_start("a", t0) == t0);
}
