// Invariants of the usage math over 1,000+ random seeded series (issue 2,
// section 4): hours sum to days, days sum to periods, usage is never
// negative, the balance is conserved; and what the real read path
// (storage::UsageReader on SQLite and MariaDB: stored day summaries, windows
// loaded by their load plan) gives equals the pure functions on all of the
// same readings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "common/storage/reading_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"
#include "common/usage/day_summary.h"
#include "common/usage/load_plan.h"
#include "common/usage/recharges.h"
#include "common/usage/views.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::usage;

namespace {

constexpr int kSeries = 1000;
const UsageSettings kSettings;
const LocalDay kFirstDay = day_from_date({2025, 3, 1});

// A random meter history: normal steps, gaps from minutes to days, readings
// on hour and day edges, repeated values, duplicates, recharges in and out of
// gaps. Returned normalized (duplicates resolved) when `normalized`.
std::vector<Sample> random_series(std::mt19937_64& rng) {
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  std::vector<Sample> s;
  LocalSeconds t = day_start(kFirstDay) + pick(0, 2 * kSecondsPerDay);
  Hundredths remain = pick(0, 50000);
  const int steps = static_cast<int>(pick(5, 200));
  for (int i = 0; i < steps; ++i) {
    s.push_back({t, remain});
    switch (pick(0, 9)) {
      case 0: t += pick(31 * 60, 3 * kSecondsPerDay); break;              // gap
      case 1: t += pick(1, 30 * 60); break;                                // short
      case 2: t = hour_floor(t) + kSecondsPerHour; break;                  // on an hour edge
      case 3: t = day_start(day_of(t) + 1); break;                         // on a day edge
      case 4: t += 30 * 60; break;                                         // exactly the limit
      case 5: if (i % 7 == 0) { break; } [[fallthrough]];                  // duplicate time
      default: t += 5 * 60; break;
    }
    switch (pick(0, 9)) {
      case 0: remain += pick(1, 20000); break;  // recharge (in or out of a gap)
      case 1: case 2: break;                    // repeated value
      default: remain -= pick(0, 150); break;
    }
  }
  return s;
}

constexpr int kStoredSeries = 150;

// Stores kStoredSeries random series of `seed` as meters "p0", "p1", ... in
// one fresh database on `backend` (the write path keeps their day
// summaries), then runs `check(reader, meter, its stored readings, rng)` for
// each: what the store kept (duplicate times resolved as it resolves them) is
// what the pure functions get.
template <typename F>
void for_each_stored_series(test::Backend backend, std::uint64_t seed, F&& check) {
  const test::TestDatabase t(backend);
  const std::unique_ptr<storage::Database> db = t.open();
  auto meter = [](int n) { return "p" + std::to_string(n); };
  std::mt19937_64 rng(seed);
  std::vector<Reading> all;
  for (int n = 0; n < kStoredSeries; ++n) {
    for (const Sample& x : random_series(rng)) all.push_back(test::reading_at(meter(n), x.at, x.remain));
  }
  storage::ReadingStore store(*db);
  store.insert(all);
  storage::UsageReader reader(*db);
  for (int n = 0; n < kStoredSeries; ++n) {
    INFO("stored series " << n << " of seed " << seed);
    std::vector<Sample> s;
    for (const Reading& r :
         store.between(meter(n), day_start(kFirstDay - 10), day_start(kFirstDay + 3660))) {
      s.push_back({r.collected_at, r.remain});
    }
    check(reader, meter(n), s, rng);
  }
}

bool same(const Bucket& x, const Bucket& y) {
  return x.start == y.start && x.end == y.end && x.consumption == y.consumption &&
         x.recharge == y.recharge && x.estimated == y.estimated && x.readings == y.readings &&
         x.first == y.first && x.last == y.last;
}

template <typename F>
void for_each_series(std::uint64_t seed, F&& check) {
  std::mt19937_64 rng(seed);
  for (int n = 0; n < kSeries; ++n) {
    const std::vector<Sample> s = random_series(rng);
    INFO("series " << n << " of seed " << seed);
    check(s, rng);
  }
}

LocalDay random_day(const std::vector<Sample>& s, std::mt19937_64& rng) {
  // Anywhere from two days before the first reading to one after the last.
  const LocalDay lo = day_of(s.front().at) - 2;
  const LocalDay hi = day_of(s.back().at) + 1;
  return std::uniform_int_distribution<LocalDay>(lo, hi)(rng);
}

}  // namespace

TEST_CASE("property: the hours of a day sum to the day, never negative", "[usage][property]") {
  for_each_series(1, [](const std::vector<Sample>& s, std::mt19937_64& rng) {
    const LocalDay d = random_day(s, rng);
    const auto hours = attribute(s, hour_edges(d), kSettings);
    const Bucket whole = attribute(s, day_edges(d, 1), kSettings).front();
    Hundredths used = 0, recharged = 0;
    int readings = 0;
    bool estimated = false;
    for (const Bucket& h : hours) {
      REQUIRE(h.consumption >= 0);
      REQUIRE(h.recharge >= 0);
      used += h.consumption;
      recharged += h.recharge;
      readings += h.readings;
      estimated = estimated || h.estimated;
    }
    REQUIRE(used == whole.consumption);
    REQUIRE(recharged == whole.recharge);
    REQUIRE(readings == whole.readings);
    REQUIRE(estimated == whole.estimated);
  });
}

TEST_CASE("property: the days of a period sum to the period", "[usage][property]") {
  for_each_series(2, [](const std::vector<Sample>& s, std::mt19937_64& rng) {
    const LocalDay last = random_day(s, rng);
    const int days = static_cast<int>(std::uniform_int_distribution<int>(1, 30)(rng));
    const auto view = period_view(s, last, days, kSettings);
    Hundredths sum = 0;
    for (const ViewPoint& p : view) {
      REQUIRE(p.usage >= 0);
      sum += p.usage;
    }
    REQUIRE(sum == usage_between(s, day_start(last - days + 1), day_start(last + 1), kSettings));
  });
}

TEST_CASE("property: consumption minus recharges is the balance's fall", "[usage][property]") {
  for_each_series(3, [](const std::vector<Sample>& raw, std::mt19937_64&) {
    const std::vector<Sample> s = normalize_samples(raw);
    const LocalDay first = day_of(s.front().at);
    const int days = static_cast<int>(day_of(s.back().at) - first + 1);
    Hundredths used = 0, recharged = 0;
    for (const Bucket& b : attribute(raw, day_edges(first, days), kSettings)) {
      REQUIRE(b.consumption >= 0);
      used += b.consumption;
      recharged += b.recharge;
    }
    REQUIRE(used - recharged == s.front().remain - s.back().remain);
    Hundredths event_total = 0;
    for (const RechargeEvent& e :
         recharge_events(raw, day_start(first), day_start(first + days), kSettings)) {
      event_total += e.amount;
    }
    REQUIRE(event_total == recharged);
  });
}

TEST_CASE("property: a window read through UsageReader gives what all readings give",
          "[usage][property]") {
  EBILL_ON_EACH_BACKEND(backend);
  for_each_stored_series(backend, 4, [](storage::UsageReader& reader, const std::string& meter,
                                         const std::vector<Sample>& s, std::mt19937_64& rng) {
    const LocalDay d = random_day(s, rng);
    const int days = static_cast<int>(std::uniform_int_distribution<int>(1, 3)(rng));
    const LocalSeconds from = day_start(d), to = day_start(d + days);
    storage::UsageRequest request;
    request.windows.push_back({from, to});
    request.days.push_back({d, d + days - 1});
    const storage::UsageData read = reader.read(meter, request);
    const std::vector<Sample>& part = read.windows.at(0).samples;
    for (LocalDay k = d; k < d + days; ++k) {
      const auto full = attribute(s, hour_edges(k), kSettings);
      const auto cut = attribute(part, hour_edges(k), kSettings);
      for (std::size_t h = 0; h < full.size(); ++h) REQUIRE(same(full[h], cut[h]));
    }
    REQUIRE(summarize_days(s, d, days, kSettings) == summarize_days(part, d, days, kSettings));
    REQUIRE(read.days == summarize_days(s, d, days, kSettings));
    REQUIRE(recharge_events(s, from, to, kSettings) == recharge_events(part, from, to, kSettings));
  });
}

TEST_CASE("property: a period from UsageReader's day summaries equals one built from readings",
          "[usage][property]") {
  EBILL_ON_EACH_BACKEND(backend);
  for_each_stored_series(backend, 5, [](storage::UsageReader& reader, const std::string& meter,
                                         const std::vector<Sample>& s, std::mt19937_64& rng) {
    const LocalDay last = random_day(s, rng);
    const int days = static_cast<int>(std::uniform_int_distribution<int>(1, 30)(rng));
    storage::UsageRequest request;
    request.days.push_back({last - days + 1, last});
    const std::vector<DaySummary> stored = reader.read(meter, request).days;
    const auto a = period_view(std::span<const DaySummary>(stored), last, days);
    const auto b = period_view(std::span<const Sample>(s), last, days, kSettings);
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      REQUIRE(a[k].label == b[k].label);
      REQUIRE(a[k].usage == b[k].usage);
      REQUIRE(a[k].recharge == b[k].recharge);
      REQUIRE(a[k].balance == b[k].balance);
      REQUIRE(a[k].estimated == b[k].estimated);
    }
  });
}
