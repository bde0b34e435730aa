#include "api/access/failure_limiter.h"

namespace ebill::api {

std::optional<Response> FailureLimiter::refusal(const std::string& address, std::string_view what) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return std::nullopt;
  Failures& f = it->second;
  if (now - f.since >= kWindow) {
    failures_.erase(it);
    return std::nullopt;
  }
  if (f.count < kMaxFailures) return std::nullopt;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(f.since + kWindow - now).count();
  Response r = error_response(429, "too_many_requests",
                              "too many wrong " + std::string(what) + " from this address");
  r.set_header("Retry-After", std::to_string(wait < 1 ? 1 : wait));
  return r;
}

void FailureLimiter::failed(const std::string& address) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  Failures& f = failures_[address];
  if (f.count == 0 || now - f.since >= kWindow) f = Failures{0, now};
  ++f.count;
}

}  // namespace ebill::api
