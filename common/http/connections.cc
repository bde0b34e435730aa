#include "common/http/connections.h"

#include <chrono>

namespace ebill::http {

Connections::Admit Connections::add(Connection* c, std::weak_ptr<Connection> weak,
                                    const std::string& address,
                                    std::chrono::milliseconds crowded_idle) {
  Admit admit = Admit::kAdmitted;
  std::vector<std::shared_ptr<Connection>> sweep;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Admit::kStopping;
    std::size_t& from_client = per_client_[address];
    if (max_ != 0 && live_.size() >= max_) {
      admit = Admit::kFull;
    } else if (max_per_client_ != 0 && from_client >= max_per_client_) {
      admit = Admit::kClientFull;
    } else {
      ++from_client;
      live_.emplace(c, Live{std::move(weak), address});
      update_crowded();
    }
    if (from_client == 0) per_client_.erase(address);
    if (crowded_ && sweeps_.should_log()) {
      for (auto& [ptr, entry] : live_) {
        if (auto live = entry.weak.lock()) sweep.push_back(std::move(live));
      }
    }
  }
  for (auto& live : sweep) live->close_if_idle(crowded_idle);
  return admit;
}

void Connections::remove(Connection* c) {
  std::lock_guard lock(mu_);
  auto it = live_.find(c);
  if (it == live_.end()) return;
  auto client = per_client_.find(it->second.address);
  if (client != per_client_.end() && --client->second == 0) per_client_.erase(client);
  live_.erase(it);
  update_crowded();
}

void Connections::update_crowded() {
  crowded_ = max_ != 0 && live_.size() * 5 > max_ * 4;
}

bool Connections::begin_stop(std::vector<std::shared_ptr<Connection>>* live) {
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  stopping_ = true;
  for (auto& [ptr, entry] : live_) {
    if (auto c = entry.weak.lock()) live->push_back(std::move(c));
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
