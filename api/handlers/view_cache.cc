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

namespace ebill::api {

std::shared_ptr<const ViewCache::Snapshot> ViewCache::current() const {
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  return snapshot_;
}

void ViewCache::publish(std::shared_ptr<const Snapshot> next) {
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  snapshot_ = std::move(next);
}

bool ViewCache::fresh(const Snapshot* s) const {
  return s != nullptr && s->generation == generation_.load() &&
         std::chrono::steady_clock::now() - s->read_at < marker_refresh_;
}

std::optional<storage::ChangeMarker> ViewCache::fresh_marker(const std::string& meter_no) const {
  const std::shared_ptr<const Snapshot> s = current();
  if (!fresh(s.get())) return std::nullopt;
  return s->markers.of(meter_no);
}

storage::ChangeMarker ViewCache::marker(const std::string& meter_no,
                                        const std::function<storage::ChangeMarkers()>& load) {
  if (std::optional<storage::ChangeMarker> m = fresh_marker(meter_no)) return *m;
  std::shared_ptr<const Snapshot> s = current();
  std::unique_lock<std::mutex> lock(load_mu_, std::defer_lock);
  // Invalidated (our own write) or none yet: wait for a load; merely old:
  // serve the old snapshot while another caller loads.
  const bool must_wait = s == nullptr || s->generation != generation_.load() ||
                         marker_refresh_.count() == 0;
  if (must_wait) lock.lock();
  else if (!lock.try_lock()) return s->markers.of(meter_no);
  s = current();  // another caller may have loaded meanwhile
  if (fresh(s.get())) return s->markers.of(meter_no);
  auto next = std::make_shared<Snapshot>();
  next->generation = generation_.load();
  next->read_at = std::chrono::steady_clock::now();
  next->markers = load();
  const storage::ChangeMarker m = next->markers.of(meter_no);
  publish(std::move(next));
  return m;
}

}  // namespace ebill::api
