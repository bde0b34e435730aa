// The view cache alone: an answer is served only under the marker it was
// stored with, and the least recently used answer goes first.
#include <catch2/catch.hpp>

#include "api/data/view_cache.h"

using ebill::api::data::ViewCache;
using Marker = ebill::storage::ReadingStore::ChangeMarker;

namespace {
// A marker after `writes` of ebill's writes, the newest row being `max_id`.
Marker m(std::int64_t writes, std::int64_t max_id = 100) { return Marker{writes, max_id}; }
}  // namespace

TEST_CASE("view cache: served only under the same change marker") {
  ViewCache cache(4);
  CHECK_FALSE(cache.find("/kpi?device_id=A1", m(7)));
  cache.put("/kpi?device_id=A1", m(7), "{\"a\":1}");
  CHECK(cache.find("/kpi?device_id=A1", m(7)) == std::string("{\"a\":1}"));
  // A reading was added: the entry is gone, even for the old marker.
  CHECK_FALSE(cache.find("/kpi?device_id=A1", m(8)));
  CHECK_FALSE(cache.find("/kpi?device_id=A1", m(7)));
  cache.put("/kpi?device_id=A1", m(8), "{\"a\":2}");
  cache.put("/kpi?device_id=A1", m(9), "{\"a\":3}");  // replaces
  CHECK(cache.find("/kpi?device_id=A1", m(9)) == std::string("{\"a\":3}"));
  // Another program added a row (only the highest id moved): gone too.
  CHECK_FALSE(cache.find("/kpi?device_id=A1", m(9, 101)));
}

TEST_CASE("view cache: the least recently used answer is dropped first") {
  ViewCache cache(2);
  cache.put("a", m(1), "A");
  cache.put("b", m(1), "B");
  CHECK(cache.find("a", m(1)) == std::string("A"));  // a is now the most recent
  cache.put("c", m(1), "C");                          // drops b
  CHECK_FALSE(cache.find("b", m(1)));
  CHECK(cache.find("a", m(1)) == std::string("A"));
  CHECK(cache.find("c", m(1)) == std::string("C"));
  ViewCache none(0);
  none.put("a", m(1), "A");
  CHECK_FALSE(none.find("a", m(1)));
}
