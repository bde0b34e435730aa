#include "api/access/failure_table.h"

namespace ebill::api {

bool FailureTable::expired(const Window& w, Clock::time_point now) const {
  return now - w.since >= limits_.window;
}

void FailureTable::forget(Windows::iterator it) {
  index_.erase(it->address);
  windows_.erase(it);
}

void FailureTable::forget_expired(Clock::time_point now) {
  while (!windows_.empty() && expired(windows_.front(), now)) forget(windows_.begin());
}

int FailureTable::wait_s(const std::string& address, Clock::time_point now) {
  forget_expired(now);
  const auto found = index_.find(address);
  if (found == index_.end() || found->second->failures < limits_.max_failures) return 0;
  const auto wait =
      std::chrono::ceil<std::chrono::seconds>(found->second->since + limits_.window - now).count();
  return wait < 1 ? 1 : static_cast<int>(wait);
}

void FailureTable::failed(const std::string& address, Clock::time_point now) {
  forget_expired(now);
  if (const auto found = index_.find(address); found != index_.end()) {
    ++found->second->failures;
    return;
  }
  if (index_.size() >= limits_.max_addresses && !windows_.empty()) forget(windows_.begin());
  windows_.push_back(Window{address, 1, now});
  index_.emplace(address, std::prev(windows_.end()));
}

}  // namespace ebill::api
