// The politeness cap: request starts to one host are spaced at least
// 1/max_rps apart, so N requests to a host span at least (N-1)/max_rps.
// Time is passed in (steady clock), which keeps it testable. Not thread-safe.
#ifndef EBILL_COMMON_FETCH_HOST_RATE_LIMITER_H_
#define EBILL_COMMON_FETCH_HOST_RATE_LIMITER_H_

#include <chrono>
#include <map>
#include <string>

namespace ebill {

class HostRateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // max_rps <= 0 disables the cap.
  explicit HostRateLimiter(double max_rps);

  // True (and the start is recorded) when a request to `host` may start at `now`.
  bool try_start(const std::string& host, TimePoint now);
  // The earliest time a request to `host` may start (`now` if already allowed).
  TimePoint next_start(const std::string& host, TimePoint now) const;

 private:
  std::chrono::nanoseconds spacing_{0};
  std::map<std::string, TimePoint> next_;
};

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_HOST_RATE_LIMITER_H_
