// Wrong secrets per client address: after 5 within a minute, that address
// is refused (429) until the minute since its first failure is over (a
// right secret meanwhile does not reset the count). One
// limiter counts every secret the API checks (FETCH_TOKEN, ADMIN_TOKEN, share
// links), so guesses of one never add tries for another; at most 4096
// addresses are remembered (FailureTable). Thread-safe.
#ifndef EBILL_API_ACCESS_FAILURE_LIMITER_H_
#define EBILL_API_ACCESS_FAILURE_LIMITER_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "api/access/failure_table.h"
#include "api/server/http_types.h"

namespace ebill::api {

class FailureLimiter {
 public:
  // The 429 answer (Retry-After: whole seconds left) while `address` is
  // refused, else nullopt. `what` names the secret: "too many wrong <what>
  // from this address".
  std::optional<Response> refusal(const std::string& address, std::string_view what);
  // Counts one wrong secret from `address`.
  void failed(const std::string& address);

 private:
  std::mutex mu_;
  FailureTable table_;
};

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_FAILURE_LIMITER_H_
