#include "api/handlers/view_cache.h"

namespace ebill::api {

std::optional<std::string> ViewCache::find(const std::string& key, storage::ChangeMarker marker) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  if (it->second->marker != marker) {
    order_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->body;
}

void ViewCache::put(const std::string& key, storage::ChangeMarker marker, std::string body) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto it = index_.find(key); it != index_.end()) {
    order_.erase(it->second);
    index_.erase(it);
  }
  order_.push_front(Entry{key, marker, std::move(body)});
  index_[key] = order_.begin();
  while (order_.size() > capacity_) {
    index_.erase(order_.back().key);
    order_.pop_back();
  }
}

}  // namespace ebill::api
