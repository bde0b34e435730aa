#include "common/fetch/host_rate_limiter.h"

#include <algorithm>

namespace ebill {

HostRateLimiter::HostRateLimiter(double max_rps) {
  if (max_rps > 0) spacing_ = std::chrono::nanoseconds(static_cast<long long>(1e9 / max_rps));
}

bool HostRateLimiter::try_start(const std::string& host, TimePoint now) {
  if (spacing_.count() == 0) return true;
  auto it = next_.find(host);
  if (it != next_.end() && now < it->second) return false;
  next_[host] = now + spacing_;  // now >= any earlier slot
  return true;
}

HostRateLimiter::TimePoint HostRateLimiter::next_start(const std::string& host,
                                                       TimePoint now) const {
  auto it = next_.find(host);
  if (spacing_.count() == 0 || it == next_.end()) return now;
  return std::max(now, it->second);
}

}  // namespace ebill
