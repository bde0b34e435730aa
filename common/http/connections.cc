#include "common/http/connections.h"

#include <chrono>

namespace ebill::http {

Connections::Admit Connections::add(Connection* c, std::weak_ptr<Connection> weak) {
  std::lock_guard lock(mu_);
  if (stopping_) return Admit::kStopping;
  if (max_ != 0 && live_.size() >= max_) return Admit::kFull;
  live_.emplace(c, std::move(weak));
  return Admit::kAdmitted;
}

void Connections::remove(Connection* c) {
  std::lock_guard lock(mu_);
  live_.erase(c);
}

bool Connections::begin_stop(std::vector<std::shared_ptr<Connection>>* live) {
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  stopping_ = true;
  for (auto& [ptr, weak] : live_) {
    if (auto c = weak.lock()) live->push_back(std::move(c));
  }
  return true;
}

bool OncePerSecond::should_log() {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t before = last_.load();
  return before != now && last_.compare_exchange_strong(before, now);
}

}  // namespace ebill::http
