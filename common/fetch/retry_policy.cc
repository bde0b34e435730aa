#include "common/fetch/retry_policy.h"

#include <algorithm>

namespace ebill {

bool is_retryable(FetchError error, long status) {
  switch (error) {
    case FetchError::kTimeout:
    case FetchError::kConnect:
    case FetchError::kNetwork:
      return true;
    case FetchError::kHttpStatus:
      return status >= 500 && status <= 599;
    default:
      return false;
  }
}

int backoff_ms(int next_attempt, int base_ms, int cap_ms, double unit) {
  long long d = std::max(0, base_ms);
  for (int i = 2; i < next_attempt && d < cap_ms; ++i) d *= 2;
  d = std::min<long long>(d, std::max(0, cap_ms));
  unit = std::clamp(unit, 0.0, 1.0);
  return static_cast<int>(d / 2 + static_cast<long long>(unit * static_cast<double>(d - d / 2)));
}

}  // namespace ebill
