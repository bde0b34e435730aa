#include "common/http/connections.h"

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

}  // namespace ebill::http
