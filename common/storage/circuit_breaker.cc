#include "common/storage/circuit_breaker.h"

namespace ebill::storage {

CircuitBreaker::Admission CircuitBreaker::admit(Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (!open_) return Admission::kGo;
  if (probing_ || now < retry_at_) return Admission::kRefuse;
  probing_ = true;
  return Admission::kProbe;
}

bool CircuitBreaker::succeeded() {
  std::lock_guard lock(mu_);
  const bool was_open = open_;
  open_ = false;
  probing_ = false;
  return was_open;
}

bool CircuitBreaker::failed(Clock::time_point now) {
  std::lock_guard lock(mu_);
  const bool was_closed = !open_;
  if (was_closed) ++trips_;
  open_ = true;
  probing_ = false;
  retry_at_ = now + hold_off_;
  return was_closed;
}

std::uint64_t CircuitBreaker::trips() const {
  std::lock_guard lock(mu_);
  return trips_;
}

}  // namespace ebill::storage
