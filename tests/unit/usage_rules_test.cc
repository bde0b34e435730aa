// The step rules of docs/usage-semantics.md, each with its worked example.
#include <catch2/catch.hpp>

#include <vector>

#include "common/usage/attribution.h"
#include "common/usage/sample.h"
#include "common/usage/step.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::usage;
using ebill::test::at;
using ebill::test::day;
using ebill::test::reading;

namespace {

const UsageSettings kSettings;

std::vector<Bucket> hours_of(const std::vector<Sample>& s, const char* date) {
  return attribute(s, hour_edges(day(date)), kSettings);
}

}  // namespace

TEST_CASE("rule 1: a normal drop is consumption in the hour of the later reading", "[usage]") {
  // Example 1 of the document.
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 10000),
                                 reading("2025-03-07 08:10:00", 9950),
                                 reading("2025-03-07 08:20:00", 9950),
                                 reading("2025-03-07 08:30:00", 9920)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[8].consumption == 80);
  CHECK(h[8].recharge == 0);
  CHECK_FALSE(h[8].estimated);
  CHECK(h[8].readings == 4);
  CHECK(h[8].first == s.front());
  CHECK(h[8].last == s.back());
  for (int k : {7, 9}) CHECK(h[static_cast<std::size_t>(k)].consumption == 0);
}

TEST_CASE("rule 2: a normal rise is a recharge with no consumption", "[usage]") {
  // Example 2: 50.00 -> 49.80 -> 149.80 -> 149.50.
  const std::vector<Sample> s = {reading("2025-03-07 10:00:00", 5000),
                                 reading("2025-03-07 10:15:00", 4980),
                                 reading("2025-03-07 10:30:00", 14980),
                                 reading("2025-03-07 10:45:00", 14950)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[10].consumption == 50);
  CHECK(h[10].recharge == 10000);
  CHECK_FALSE(h[10].estimated);
}

TEST_CASE("rule 3: a reading exactly on an hour or day edge belongs to the bucket it opens", "[usage]") {
  // Example 3a: the drop seen at 09:00:00 is hour 9's.
  const std::vector<Sample> s = {reading("2025-03-07 08:50:00", 1000),
                                 reading("2025-03-07 09:00:00", 980),
                                 reading("2025-03-07 09:10:00", 970)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[8].consumption == 0);
  CHECK(h[9].consumption == 30);
  CHECK(h[9].readings == 2);
  // Example 3b: the drop seen at 00:00:00 is the new day's.
  const std::vector<Sample> d = {reading("2025-03-06 23:50:00", 500),
                                 reading("2025-03-07 00:00:00", 490)};
  const auto days = attribute(d, day_edges(day("2025-03-06"), 2), kSettings);
  CHECK(days[0].consumption == 0);
  CHECK(days[1].consumption == 10);
  CHECK(days[1].first == d[1]);
}

TEST_CASE("rule 4: exactly GAP_MINUTES is still a normal step, one second more is a gap", "[usage]") {
  const std::vector<Sample> normal = {reading("2025-03-07 08:45:00", 1000),
                                      reading("2025-03-07 09:15:00", 940)};
  auto h = hours_of(normal, "2025-03-07");
  CHECK(h[8].consumption == 0);
  CHECK(h[9].consumption == 60);
  CHECK_FALSE(h[9].estimated);
  // 30 min 1 s: 60 over 1801 s, 900 s in hour 8 -> round(29.98) = 30.
  const std::vector<Sample> gap = {reading("2025-03-07 08:45:00", 1000),
                                   reading("2025-03-07 09:15:01", 940)};
  h = hours_of(gap, "2025-03-07");
  CHECK(h[8].consumption == 30);
  CHECK(h[9].consumption == 30);
  CHECK(h[8].estimated);
  CHECK(h[9].estimated);
}

TEST_CASE("rule 5: a gap's drop is spread by time and sums exactly", "[usage]") {
  // Example 5a: 1.00 kWh over 08:00..11:00 -> 0.33, 0.34, 0.33.
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 1000),
                                 reading("2025-03-07 11:00:00", 900)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[8].consumption == 33);
  CHECK(h[9].consumption == 34);
  CHECK(h[10].consumption == 33);
  CHECK(h[11].consumption == 0);
  CHECK(h[8].estimated);
  CHECK(h[10].estimated);
  CHECK_FALSE(h[11].estimated);
  CHECK_FALSE(h[7].estimated);
  // Example 5b: the cumulative rule is the same on any edges, so the three
  // hours and the whole day agree.
  CHECK(usage_between(s, at("2025-03-07 08:00:00"), at("2025-03-07 10:00:00"), kSettings) == 67);
  CHECK(usage_between(s, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"), kSettings) == 100);
}

TEST_CASE("rule 5: a gap across midnight splits between the days", "[usage]") {
  // Example 5c: 2.00 kWh from 23:00 to 01:00.
  const std::vector<Sample> s = {reading("2025-03-07 23:00:00", 1000),
                                 reading("2025-03-08 01:00:00", 800)};
  const auto days = attribute(s, day_edges(day("2025-03-07"), 2), kSettings);
  CHECK(days[0].consumption == 100);
  CHECK(days[1].consumption == 100);
  CHECK(days[0].estimated);
  CHECK(days[1].estimated);
  // The window of 2025-03-07 alone still gets its share from the step that
  // ends after it (the first reading at or after the window's end).
  CHECK(hours_of(s, "2025-03-07")[23].consumption == 100);
}

TEST_CASE("rule 6: the recent rate counts whole non-negative steps of the 24 h before", "[usage]") {
  // a = 2025-03-08 12:00; the step from a-25h is only partly inside, the
  // rise at a-22h is a recharge: both left out.
  const std::vector<Sample> s = {reading("2025-03-07 11:00:00", 10000),
                                 reading("2025-03-07 13:00:00", 9000),
                                 reading("2025-03-07 14:00:00", 9500),
                                 reading("2025-03-08 11:00:00", 8500),
                                 reading("2025-03-08 12:00:00", 8400)};
  const RecentRate rate = recent_rate(s, 4);
  CHECK(rate.drop == 1000 + 100);
  CHECK(rate.seconds == 21 * 3600 + 3600);
  CHECK(recent_rate(s, 0).seconds == 0);
}

TEST_CASE("rule 7: a recharge during a gap adds the consumption hidden in it", "[usage]") {
  // Example 7: rate 6.00 kWh over 6 h before 12:00 = 1.00 kWh/h; the
  // 2-hour outage hides 2.00 kWh; the meter rose 96.00, so 98.00 was bought.
  const std::vector<Sample> s = {reading("2025-03-07 06:00:00", 3000),
                                 reading("2025-03-07 09:00:00", 2700),
                                 reading("2025-03-07 12:00:00", 2400),
                                 reading("2025-03-07 14:00:00", 12000)};
  const StepEffect e = evaluate_step(s, 3, kSettings);
  CHECK(e.spread);
  CHECK(e.consumed == 200);
  CHECK(e.recharge == 9800);
  CHECK(e.estimated);
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[12].consumption == 100);
  CHECK(h[13].consumption == 100);
  CHECK(h[14].consumption == 0);
  CHECK(h[14].recharge == 9800);
  CHECK(h[14].estimated);
  CHECK(h[12].estimated);
}

TEST_CASE("rule 7: without a recent rate the hidden consumption is 0 but still estimated", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 12:00:00", 2400),
                                 reading("2025-03-07 14:00:00", 12000)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[14].recharge == 9600);
  CHECK(h[14].estimated);
  CHECK(h[12].consumption + h[13].consumption == 0);
  CHECK_FALSE(h[12].estimated);
}

TEST_CASE("rule 8: a zero drop is nothing, even across a gap", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 1000),
                                 reading("2025-03-07 12:00:00", 1000)};
  for (const Bucket& b : hours_of(s, "2025-03-07")) {
    CHECK(b.consumption == 0);
    CHECK(b.recharge == 0);
    CHECK_FALSE(b.estimated);
  }
}

TEST_CASE("rule 9: the anchor before the window is the first reading's predecessor", "[usage]") {
  // Example 9a: anchor 23:40 the day before, 50.00 -> 49.00 at 00:10.
  const std::vector<Sample> with = {reading("2025-03-06 23:40:00", 5000),
                                    reading("2025-03-07 00:10:00", 4900),
                                    reading("2025-03-07 00:20:00", 4850)};
  CHECK(hours_of(with, "2025-03-07")[0].consumption == 150);
  CHECK(hours_of(with, "2025-03-07")[0].readings == 2);
  // Example 9b: without it, the first reading of the window adds nothing.
  const std::vector<Sample> without(with.begin() + 1, with.end());
  CHECK(hours_of(without, "2025-03-07")[0].consumption == 50);
}

TEST_CASE("rule 10: duplicate timestamps keep the last reading", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 1000),
                                 reading("2025-03-07 08:10:00", 990),
                                 reading("2025-03-07 08:10:00", 980),
                                 reading("2025-03-07 08:20:00", 970)};
  CHECK(normalize_samples({s[3], s[1], s[0], s[2]}) ==
        std::vector<Sample>{s[0], s[2], s[3]});
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[8].consumption == 30);
  CHECK(h[8].readings == 3);
  CHECK(h[8].last == s[3]);
}

TEST_CASE("rule 11: a window before the first reading is empty", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 1000),
                                 reading("2025-03-07 08:10:00", 990)};
  for (const Bucket& b : hours_of(s, "2025-03-06")) {
    CHECK(b.consumption == 0);
    CHECK(b.readings == 0);
    CHECK_FALSE(b.first.has_value());
  }
  CHECK(attribute(std::vector<Sample>{}, day_edges(day("2025-03-07"), 1), kSettings)[0].readings == 0);
}

TEST_CASE("spread_until rounds the cumulative share half up", "[usage]") {
  CHECK(spread_until(100, 0, 3, 1) == 33);
  CHECK(spread_until(100, 0, 3, 2) == 67);
  CHECK(spread_until(100, 0, 3, 9) == 100);
  CHECK(spread_until(100, 0, 3, -5) == 0);
  CHECK(spread_until(1, 0, 2, 1) == 1);  // 0.5 rounds up
  // Huge values do not overflow.
  CHECK(spread_until(1'000'000'000'000, 0, 1'000'000'000, 500'000'000) == 500'000'000'000);
}

TEST_CASE("python difference 1: consumption across a gap is kept, to the hundredth", "[usage]") {
  // 08:50 -> 11:10 is 8,400 s: S(09:00) = round(100*600/8400) = 7,
  // S(10:00) = round(50) = 50, S(11:00) = round(92.86) = 93.
  const std::vector<Sample> s = {reading("2025-03-07 08:50:00", 1000),
                                 reading("2025-03-07 11:10:00", 900)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[8].consumption == 7);
  CHECK(h[9].consumption == 43);
  CHECK(h[10].consumption == 43);
  CHECK(h[11].consumption == 7);
  CHECK(usage_between(s, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"), kSettings) == 100);
}
