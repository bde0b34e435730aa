// The view cache alone: an answer is served only under the marker it was
// stored with, and the least recently used answer goes first.
#include <catch2/catch.hpp>

#include "api/handlers/view_cache.h"

using ebill::api::ViewCache;

TEST_CASE("view cache: served only under the same change marker") {
  ViewCache cache(4);
  CHECK_FALSE(cache.find("/kpi?device_id=A1", 7));
  cache.put("/kpi?device_id=A1", 7, "{\"a\":1}");
  CHECK(cache.find("/kpi?device_id=A1", 7) == std::string("{\"a\":1}"));
  // A reading was added: the entry is gone, even for the old marker.
  CHECK_FALSE(cache.find("/kpi?device_id=A1", 8));
  CHECK_FALSE(cache.find("/kpi?device_id=A1", 7));
  cache.put("/kpi?device_id=A1", 8, "{\"a\":2}");
  cache.put("/kpi?device_id=A1", 9, "{\"a\":3}");  // replaces
  CHECK(cache.find("/kpi?device_id=A1", 9) == std::string("{\"a\":3}"));
}

TEST_CASE("view cache: the least recently used answer is dropped first") {
  ViewCache cache(2);
  cache.put("a", 1, "A");
  cache.put("b", 1, "B");
  CHECK(cache.find("a", 1) == std::string("A"));  // a is now the most recent
  cache.put("c", 1, "C");                          // drops b
  CHECK_FALSE(cache.find("b", 1));
  CHECK(cache.find("a", 1) == std::string("A"));
  CHECK(cache.find("c", 1) == std::string("C"));
  ViewCache none(0);
  none.put("a", 1, "A");
  CHECK_FALSE(none.find("a", 1));
}
