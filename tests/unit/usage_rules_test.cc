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

TEST_CASE("rule 2: a normal rise is a recharge plus the consumption its step hid", "[usage]") {
  // Example 2: 6 h 15 min of history at 0.20 per 15 min (0.80 kWh/h), then a
  // 100.00 top-up inside the 10:15 -> 10:30 step, which hid 0.20 of use.
  std::vector<Sample> s;
  for (int k = 0; k <= 25; ++k) {
    s.push_back({at("2025-03-07 04:00:00") + k * 900, 5480 - 20 * k});  // .. 10:15 49.80
  }
  s.push_back(reading("2025-03-07 10:30:00", 14960));
  s.push_back(reading("2025-03-07 10:45:00", 14940));
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[10].recharge == 10000);  // 149.60 - 49.80 + 0.20: the amount bought
  CHECK(h[10].consumption == 20 + 20 + 20 + 20);  // 10:00, 10:15, the hidden 0.20, 10:45
  CHECK_FALSE(h[10].estimated);
  const StepEffect e = evaluate_step(s, 26, kSettings);
  CHECK_FALSE(e.spread);
  CHECK(e.consumed == 20);
  CHECK(e.recharge == 10000);
  // Top-ups arrive net of fees (充100到账99.4): never rounded to a nice amount.
  s[26].remain = 14900;
  s[27].remain = 14880;
  CHECK(hours_of(s, "2025-03-07")[10].recharge == 9940);
}

TEST_CASE("rule 2: without a trusted rate a normal recharge is the rise", "[usage]") {
  // The first readings of a meter: 50.00 -> 49.80 -> 149.80 -> 149.50.
  const std::vector<Sample> s = {reading("2025-03-07 10:00:00", 5000),
                                 reading("2025-03-07 10:15:00", 4980),
                                 reading("2025-03-07 10:30:00", 14980),
                                 reading("2025-03-07 10:45:00", 14950)};
  const auto h = hours_of(s, "2025-03-07");
  CHECK(h[10].consumption == 50);
  CHECK(h[10].recharge == 10000);
  CHECK_FALSE(h[10].estimated);
  CHECK_FALSE(evaluate_step(s, 2, kSettings).spread);
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
  // Example 6, a = 2025-03-08 12:00; the step from a-25h is only partly
  // inside, the rise at a-22h is a recharge: both left out. 22 h >= 6 h.
  const std::vector<Sample> s = {reading("2025-03-07 11:00:00", 10000),
                                 reading("2025-03-07 13:00:00", 9000),
                                 reading("2025-03-07 14:00:00", 9500),
                                 reading("2025-03-08 11:00:00", 8500),
                                 reading("2025-03-08 12:00:00", 8400)};
  CHECK(recent_rate(s, 4) == RecentRate{1000 + 100, 21 * 3600 + 3600});
  CHECK_FALSE(recent_rate(s, 0).known());
}

TEST_CASE("rule 6: an hour of history is too little to trust", "[usage]") {
  // Example 6b: the collector started at 11:00; its first hour held a 5.00
  // drop; then an 8-hour outage ending in a 100.00 top-up. Under the old
  // rule, 5.20 kWh/h x 8 h = 41.60 kWh would have hidden in the outage.
  const std::vector<Sample> s = {reading("2025-03-07 11:00:00", 5000),
                                 reading("2025-03-07 11:30:00", 4980),
                                 reading("2025-03-07 12:00:00", 4480),
                                 reading("2025-03-07 20:00:00", 14000)};
  CHECK_FALSE(recent_rate(s, 2).known());
  const StepEffect e = evaluate_step(s, 3, kSettings);
  CHECK(e.consumed == 0);
  CHECK(e.recharge == 9520);
  CHECK(e.estimated);
  const Bucket whole = attribute(s, day_edges(day("2025-03-07"), 1), kSettings).front();
  CHECK(whole.consumption == 520);
  CHECK(whole.recharge == 9520);
  CHECK(whole.estimated);
}

TEST_CASE("rule 6: too little in the last 24 h falls back to the 7 days", "[usage]") {
  // Example 6c, a = 2025-03-08 12:00: the last 24 h hold one whole step of
  // 1 h; the 7 days hold 18.00 kWh in 36 h; the 4-hour outage hides 2.00.
  const std::vector<Sample> s = {reading("2025-03-07 00:00:00", 10000),
                                 reading("2025-03-07 11:00:00", 9450),
                                 reading("2025-03-08 11:00:00", 8250),
                                 reading("2025-03-08 12:00:00", 8200),
                                 reading("2025-03-08 16:00:00", 18000)};
  CHECK(recent_rate(s, 3) == RecentRate{1800, 36 * 3600});
  const StepEffect e = evaluate_step(s, 4, kSettings);
  CHECK(e.consumed == 200);
  CHECK(e.recharge == 10000);
  // A step starting more than 7 days before a is left out.
  const std::vector<Sample> old = {reading("2025-03-01 11:59:59", 20000),
                                   reading("2025-03-08 11:00:00", 8250),
                                   reading("2025-03-08 12:00:00", 8200)};
  CHECK_FALSE(recent_rate(old, 2).known());
}

namespace {

// Hourly readings for the 7 days before 2025-03-08 12:00, 0.50 kWh each,
// with `extra` more dropped by the step ending at 2025-03-08 06:00.
std::vector<Sample> steady_week(Hundredths extra) {
  std::vector<Sample> s;
  const LocalSeconds a = at("2025-03-08 12:00:00");
  Hundredths remain = 50000;
  for (LocalSeconds t = a - 7 * kSecondsPerDay; t <= a; t += kSecondsPerHour) {
    s.push_back({t, remain});
    remain -= 50 + (t + kSecondsPerHour == at("2025-03-08 06:00:00") ? extra : 0);
  }
  return s;
}

}  // namespace

TEST_CASE("rule 6: a rate above 4 times the typical daily rate is absurd", "[usage]") {
  // Example 6d: seven days at 0.50 kWh/h; the last 24 h also hold one drop
  // of 60.00 -> 3.00 kWh/h, 6 times the median 0.50: unknown, so the
  // 2-hour outage ending in a recharge hides nothing.
  std::vector<Sample> s = steady_week(6000);
  const std::size_t a = s.size() - 1;
  CHECK_FALSE(recent_rate(s, a).known());
  s.push_back({s[a].at + 2 * kSecondsPerHour, s[a].remain + 10000});
  CHECK(evaluate_step(s, a + 1, kSettings).recharge == 10000);
  CHECK(evaluate_step(s, a + 1, kSettings).estimated);
  // 1.50 kWh/h is 3 times the median: trusted, 3.00 hidden.
  std::vector<Sample> t = steady_week(2400);
  CHECK(recent_rate(t, a) == RecentRate{1200 + 2400, kSecondsPerDay});
  t.push_back({t[a].at + 2 * kSecondsPerHour, t[a].remain + 10000});
  CHECK(evaluate_step(t, a + 1, kSettings).recharge == 10300);
  // Without the drop: 1.00 hidden.
  std::vector<Sample> u = steady_week(0);
  u.push_back({u[a].at + 2 * kSecondsPerHour, u[a].remain + 10000});
  CHECK(evaluate_step(u, a + 1, kSettings).recharge == 10100);
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
