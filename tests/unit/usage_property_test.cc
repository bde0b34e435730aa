// Invariants of the usage math over 1,000+ random seeded series (issue 2,
// section 4): hours sum to days, days sum to periods, usage is never
// negative, the balance is conserved; and what the real read path
// (storage::UsageReader on SQLite and MariaDB: stored day summaries, windows
// loaded by their load plan) gives equals the pure functions on all of the
// same readings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

#include "common/storage/reading_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"
#include "common/usage/day_summary.h"
#include "common/usage/load_plan.h"
#include "common/usage/open_day.h"
#include "common/usage/rate.h"
#include "common/usage/recharges.h"
#include "common/usage/step.h"
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

// The write path keeps each meter's open day by extend_open_day: cut a
// series at a random reading of its newest day, and the summary of the head
// extended by the rest is the day's summary from all readings — whenever no
// step of the rest rises (then nothing is extended: the caller recomputes).
TEST_CASE("property: an open day extended by later readings equals its summary from all",
          "[usage][property]") {
  int extended = 0, refused = 0;
  for_each_series(7, [&](const std::vector<Sample>& raw, std::mt19937_64& rng) {
    const std::vector<Sample> s = normalize_samples(raw);
    const LocalDay day = day_of(s.back().at);
    std::size_t first = s.size() - 1;
    while (first > 0 && day_of(s[first - 1].at) == day) --first;
    const std::size_t cut = std::uniform_int_distribution<std::size_t>(first, s.size() - 1)(rng);
    const std::vector<Sample> head(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(cut) + 1);
    const std::vector<Sample> rest(s.begin() + static_cast<std::ptrdiff_t>(cut) + 1, s.end());
    const DaySummary open = summarize_days(head, day, 1, kSettings).front();
    const std::optional<DaySummary> out = extend_open_day(open, rest, kSettings);
    bool rises = false;
    for (std::size_t i = cut + 1; i < s.size(); ++i) rises = rises || s[i].remain > s[i - 1].remain;
    REQUIRE(out.has_value() == !rises);
    if (!out) {
      ++refused;
      return;
    }
    ++extended;
    REQUIRE(*out == summarize_days(s, day, 1, kSettings).front());
  });
  // Both outcomes were tried (the series have recharges and plain days).
  CHECK(extended > 100);
  CHECK(refused > 10);
}

TEST_CASE("an open day is not extended by a reading out of order or on another day",
          "[usage]") {
  const LocalSeconds t = day_start(kFirstDay) + 10 * kSecondsPerHour;
  const std::vector<Sample> head = {{t, 1000}, {t + 600, 990}};
  const DaySummary open = summarize_days(head, kFirstDay, 1, kSettings).front();
  const std::vector<Sample> same_time = {{t + 600, 980}};
  const std::vector<Sample> earlier = {{t + 300, 995}};
  const std::vector<Sample> next_day = {{day_start(kFirstDay + 1), 980}};
  CHECK_FALSE(extend_open_day(open, same_time, kSettings));
  CHECK_FALSE(extend_open_day(open, earlier, kSettings));
  CHECK_FALSE(extend_open_day(open, next_day, kSettings));
  // A gap inside the day: spread, all of it this day's, estimated.
  const std::vector<Sample> gap = {{t + 600 + 2 * kSecondsPerHour, 950}};
  const std::optional<DaySummary> out = extend_open_day(open, gap, kSettings);
  REQUIRE(out);
  CHECK(out->consumption == 50);
  CHECK(out->estimated);
  CHECK(out->readings == 3);
  CHECK(out->first == head.front());
  CHECK(out->last == gap.back());
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

TEST_CASE("property: a steady meter's top-ups read as the amount bought", "[usage][property]") {
  // A meter using r hundredths per hour exactly (the page shows the floor),
  // read every 1..30 min with some outages of up to 3 h, topped up by odd
  // amounts (net of fees) after at least 7 h of readings. Every recharge
  // with a trusted rate reads as the amount bought: within 0.02 in a normal
  // step; across a gap the measured rate's error (a few hundredths over
  // >= 6 h) scales with the gap.
  std::mt19937_64 rng(6);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int checked = 0;
  for (int n = 0; n < kSeries; ++n) {
    INFO("series " << n);
    const std::int64_t r = pick(10, 300);
    const LocalSeconds t0 = day_start(kFirstDay) + pick(0, kSecondsPerDay);
    const Hundredths initial = pick(20000, 60000);
    std::vector<Sample> s;
    std::vector<Hundredths> bought_in_step = {0};
    Hundredths bought = 0;
    for (LocalSeconds t = t0; t < t0 + 4 * kSecondsPerDay;) {
      s.push_back({t, initial - r * (t - t0) / kSecondsPerHour + bought});
      t += pick(0, 19) == 0 ? pick(31 * 60, 3 * kSecondsPerHour) : pick(60, 30 * 60);
      const bool top_up = s.back().at - t0 >= 7 * kSecondsPerHour && pick(0, 29) == 0;
      const Hundredths amount = top_up ? pick(1000, 30000) : 0;
      bought += amount;
      bought_in_step.push_back(amount);
    }
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (bought_in_step[i] == 0) continue;
      const StepEffect e = evaluate_step(s, i, kSettings);
      const std::int64_t length = s[i].at - s[i - 1].at;
      const Hundredths tolerance = 2 + 4 * length / kMinCoveredSeconds;
      INFO("step " << i << " length " << length << " bought " << bought_in_step[i] << " r " << r);
      REQUIRE(e.estimated == (length > kSettings.gap_seconds));
      if (!recent_rate(s, i - 1).known()) {
        // Recharge steps are no rate steps: several close together can
        // leave under 6 h covered. Then the rise is all that is known.
        REQUIRE(e.recharge == s[i].remain - s[i - 1].remain);
        continue;
      }
      REQUIRE(std::abs(e.recharge - bought_in_step[i]) <= tolerance);
      ++checked;
    }
  }
  CHECK(checked > 5 * kSeries);  // most top-ups had a trusted rate
}

TEST_CASE("property: with under 6 h of history a recharge hides nothing", "[usage][property]") {
  // Any drops at all (however absurd) in less than 6 h of readings, then a
  // rise after a normal step or a gap: the rise is the recharge, exactly.
  std::mt19937_64 rng(7);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  for (int n = 0; n < kSeries; ++n) {
    INFO("series " << n);
    const LocalSeconds t0 = day_start(kFirstDay) + pick(0, kSecondsPerDay);
    std::vector<Sample> s;
    Hundredths remain = pick(50000, 90000);
    for (LocalSeconds t = t0; t < t0 + kMinCoveredSeconds; t += pick(60, 2 * kSecondsPerHour)) {
      s.push_back({t, remain});
      remain -= pick(0, 9) == 0 ? pick(1000, 20000) : pick(0, 100);
    }
    const Hundredths rise = pick(1, 30000);
    s.push_back({s.back().at + pick(60, 2 * kSettings.gap_seconds), s.back().remain + rise});
    const StepEffect e = evaluate_step(s, s.size() - 1, kSettings);
    REQUIRE(e.consumed == 0);
    REQUIRE(e.recharge == rise);
    REQUIRE(e.estimated == (s.back().at - s[s.size() - 2].at > kSettings.gap_seconds));
  }
}
