#include "api/access/failure_limiter.h"

namespace ebill::api {

std::optional<Response> FailureLimiter::refusal(const std::string& address, std::string_view what) {
  int wait = 0;
  {
    std::lock_guard lock(mu_);
    wait = table_.wait_s(address, std::chrono::steady_clock::now());
  }
  if (wait == 0) return std::nullopt;
  Response r = error_response(429, "too_many_requests",
                              "too many wrong " + std::string(what) + " from this address");
  r.set_header("Retry-After", std::to_string(wait));
  return r;
}

void FailureLimiter::failed(const std::string& address) {
  std::lock_guard lock(mu_);
  table_.failed(address, std::chrono::steady_clock::now());
}

}  // namespace ebill::api
