// The view cache alone: an answer is served only under the marker it was
// stored with, the least recently used answer goes first, and the markers
// are loaded at most once per interval unless invalidated.
#include <catch2/catch.hpp>

#include "api/handlers/view_cache.h"

#include <atomic>
#include <thread>

using ebill::api::ViewCache;
using ebill::storage::ChangeMarker;

namespace {
constexpr std::chrono::milliseconds kNoSnapshot{0};
// A marker after `version` ebill writes of the meter, the highest row id 100.
ChangeMarker at(std::int64_t version) { return {version, 100}; }
}  // namespace

TEST_CASE("view cache: served only under the same change marker") {
  ViewCache cache(4, kNoSnapshot);
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
  ViewCache cache(2, kNoSnapshot);
  cache.put("a", at(1), "A");
  cache.put("b", at(1), "B");
  CHECK(cache.find("a", at(1)) == std::string("A"));  // a is now the most recent
  cache.put("c", at(1), "C");                          // drops b
  CHECK_FALSE(cache.find("b", at(1)));
  CHECK(cache.find("a", at(1)) == std::string("A"));
  CHECK(cache.find("c", at(1)) == std::string("C"));
  ViewCache none(0, kNoSnapshot);
  none.put("a", at(1), "A");
  CHECK_FALSE(none.find("a", at(1)));
}

TEST_CASE("view cache: the markers are loaded once per interval, at once after our own write") {
  int loads = 0;
  std::int64_t version = 1;
  auto load = [&] {
    ++loads;
    ebill::storage::ChangeMarkers m;
    m.versions["A1"] = version;
    m.max_id = 10;
    return m;
  };
  ViewCache cache(4, std::chrono::milliseconds(60000));
  CHECK(cache.marker("A1", load) == ChangeMarker{1, 10});
  CHECK(cache.marker("B2", load) == ChangeMarker{0, 10});  // no row: version 0
  version = 2;  // another process wrote: not seen within the interval
  CHECK(cache.marker("A1", load) == ChangeMarker{1, 10});
  CHECK(loads == 1);
  cache.invalidate_markers();  // this process wrote
  CHECK(cache.marker("A1", load) == ChangeMarker{2, 10});
  CHECK(loads == 2);

  ViewCache every(4, kNoSnapshot);
  every.marker("A1", load);
  every.marker("A1", load);
  CHECK(loads == 4);

  ViewCache short_interval(4, std::chrono::milliseconds(20));
  short_interval.marker("A1", load);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  version = 3;
  CHECK(short_interval.marker("A1", load) == ChangeMarker{3, 10});
  CHECK(loads == 6);
}

TEST_CASE("view cache: answers from the snapshot while another thread loads a new one") {
  // The I/O threads ask fresh_marker() while workers load new snapshots
  // (run under ThreadSanitizer in build-tsan). Every marker seen is one a
  // load returned, and a thread never sees a version older than one it saw.
  ViewCache cache(4, std::chrono::milliseconds(1));
  std::atomic<std::int64_t> version{1};
  auto load = [&] {
    ebill::storage::ChangeMarkers m;
    m.versions["A1"] = version.fetch_add(1) + 1;
    m.max_id = 10;
    return m;
  };
  cache.marker("A1", load);
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::atomic<long> seen{0};
  auto reader = [&] {
    std::int64_t last = 0;
    while (!stop.load()) {
      if (auto m = cache.fresh_marker("A1")) {
        if (m->version < last || m->version > version.load() || m->max_id != 10) ++bad;
        last = m->version;
        ++seen;
      }
    }
  };
  std::thread r1(reader), r2(reader);
  std::thread loader([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (int i = 0; (i < 2000 || seen.load() < 1000) && std::chrono::steady_clock::now() < deadline; ++i) {
      if (i % 3 == 0) cache.invalidate_markers();
      cache.marker("A1", load);
    }
    stop = true;
  });
  loader.join();
  r1.join();
  r2.join();
  CHECK(bad.load() == 0);
  CHECK(seen.load() >= 1000);
  CHECK(version.load() > 1);
}
