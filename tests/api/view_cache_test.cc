// The view cache alone: an answer is served only under the marker it was
// stored with, and the least recently used answer goes first.
#include <catch2/catch.hpp>

#include "api/handlers/view_cache.h"

using ebill::api::ViewCache;
using ebill::storage::ChangeMarker;

namespace {
// A marker after `version` ebill writes of the meter, the highest row id 100.
ChangeMarker at(std::int64_t version) { return {version, 100}; }
}  // namespace

TEST_CASE("view cache: served only under the same change marker") {
  ViewCache cache(4);
  CHECK_FALSE(cache.find("/kpi?device_id=A1", at(7)));
  cache.put("/kpi?device_id=A1", at(7), "{\"a\":1}");
  CHECK(cache.find("/kpi?device_id=A1", at(7)) == std::string("{\"a\":1}"));
  // A reading was added: the entry is gone, even for the old marker.
  CHECK_FALSE(cache.find("/kpi?device_id=A1", at(8)));
  CHECK_FALSE(cache.find("/kpi?device_id=A1", at(7)));
  cache.put("/kpi?device_id=A1", at(8), "{\"a\":2}");
  cache.put("/kpi?device_id=A1", at(9), "{\"a\":3}");  // replaces
  CHECK(cache.find("/kpi?device_id=A1", at(9)) == std::string("{\"a\":3}"));
  // Another program inserted a row (a higher id, the same version).
  CHECK_FALSE(cache.find("/kpi?device_id=A1", ChangeMarker{9, 101}));
}

TEST_CASE("view cache: the least recently used answer is dropped first") {
  ViewCache cache(2);
  cache.put("a", at(1), "A");
  cache.put("b", at(1), "B");
  CHECK(cache.find("a", at(1)) == std::string("A"));  // a is now the most recent
  cache.put("c", at(1), "C");                          // drops b
  CHECK_FALSE(cache.find("b", at(1)));
  CHECK(cache.find("a", at(1)) == std::string("A"));
  CHECK(cache.find("c", at(1)) == std::string("C"));
  ViewCache none(0);
  none.put("a", at(1), "A");
  CHECK_FALSE(none.find("a", at(1)));
}
