// Computed answers of the usage routes, reused while no reading was added:
// each is stored with its meter's change marker
// (storage::ReadingStore::change_marker) read before it was computed, and
// served only while the marker is unchanged, so a cached answer is never
// older than ebill's committed writes of that meter. Least recently used answers are dropped first.
// Thread-safe.
#ifndef EBILL_API_HANDLERS_VIEW_CACHE_H_
#define EBILL_API_HANDLERS_VIEW_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/storage/reading_store.h"

namespace ebill::api {

class ViewCache {
 public:
  explicit ViewCache(std::size_t capacity) : capacity_(capacity) {}

  // The body stored for `key` under `marker`, if any (an entry stored under
  // another marker is dropped).
  std::optional<std::string> find(const std::string& key, storage::ChangeMarker marker);
  // Stores `body` for `key`, computed from readings at least as new as
  // `marker`.
  void put(const std::string& key, storage::ChangeMarker marker, std::string body);

 private:
  struct Entry {
    std::string key;
    storage::ChangeMarker marker;
    std::string body;
  };
  const std::size_t capacity_;
  std::mutex mu_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_VIEW_CACHE_H_
