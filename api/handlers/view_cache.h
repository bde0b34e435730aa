// Computed answers of the usage routes, reused while no reading was added:
// each is stored with its meter's change marker (storage::ChangeMarker) read
// before it was computed, and served only while the marker is unchanged.
// The markers of all meters are read at most once per `marker_refresh`
// (VIEW_MARKER_REFRESH_MS) into a snapshot that requests compare with, no
// query per request: a write by another process is seen within
// marker_refresh (plus one read of the markers); this process's own writes
// at once (invalidate_markers()). Least recently used answers are dropped
// first. Thread-safe.
#ifndef EBILL_API_HANDLERS_VIEW_CACHE_H_
#define EBILL_API_HANDLERS_VIEW_CACHE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/storage/reading_store.h"

namespace ebill::api {

class ViewCache {
 public:
  // marker_refresh 0: the markers are read for every request.
  ViewCache(std::size_t capacity, std::chrono::milliseconds marker_refresh)
      : capacity_(capacity), marker_refresh_(marker_refresh) {}

  // The body stored for `key` under `marker`, if any (an entry stored under
  // another marker is dropped).
  std::optional<std::string> find(const std::string& key, storage::ChangeMarker marker);
  // Stores `body` for `key`, computed from readings at least as new as
  // `marker`.
  void put(const std::string& key, storage::ChangeMarker marker, std::string body);

  // `meter_no`'s marker from the snapshot, first replaced by `load()` when
  // it is older than marker_refresh or invalidated (one caller loads, the
  // others meanwhile use the old snapshot; with none yet, they wait).
  // Exceptions of `load` propagate.
  storage::ChangeMarker marker(const std::string& meter_no,
                               const std::function<storage::ChangeMarkers()>& load);
  // `meter_no`'s marker when the snapshot is fresh (younger than
  // marker_refresh, not invalidated), so marker() would load nothing;
  // nullopt otherwise. Never loads, never waits on a load.
  std::optional<storage::ChangeMarker> fresh_marker(const std::string& meter_no) const;
  // This process wrote readings: the next marker() loads again.
  void invalidate_markers() { generation_.fetch_add(1); }

 private:
  struct Entry {
    std::string key;
    storage::ChangeMarker marker;
    std::string body;
  };
  struct Snapshot {
    storage::ChangeMarkers markers;
    std::chrono::steady_clock::time_point read_at;  // when its read began
    std::uint64_t generation = 0;                   // generation_ then
  };
  bool fresh(const Snapshot* s) const;

  const std::size_t capacity_;
  const std::chrono::milliseconds marker_refresh_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  // The current snapshot, copied out under a mutex held for nothing else
  // (libstdc++ 12's atomic<shared_ptr> unlocks a load with a relaxed store,
  // which ThreadSanitizer reports as a race with the next store).
  std::shared_ptr<const Snapshot> current() const;
  void publish(std::shared_ptr<const Snapshot> next);
  mutable std::mutex snapshot_mu_;
  std::shared_ptr<const Snapshot> snapshot_;  // under snapshot_mu_
  std::atomic<std::uint64_t> generation_{0};
  std::mutex load_mu_;  // one load at a time
};

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_VIEW_CACHE_H_
