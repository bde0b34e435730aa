// Day and period views, day summaries and recharge events, with worked
// examples from docs/usage-semantics.md.
#include <catch2/catch.hpp>

#include <vector>

#include "common/usage/day_summary.h"
#include "common/usage/recharges.h"
#include "common/usage/views.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::usage;
using ebill::test::at;
using ebill::test::day;
using ebill::test::reading;

namespace {
const UsageSettings kSettings;
}  // namespace

TEST_CASE("day view: hour 0 shows its first reading, other hours their last", "[usage]") {
  // Example 12.
  const std::vector<Sample> s = {reading("2025-03-06 23:55:00", 2010),
                                 reading("2025-03-07 00:05:00", 2000),
                                 reading("2025-03-07 00:35:00", 1990),
                                 reading("2025-03-07 00:55:00", 1980),
                                 reading("2025-03-07 01:05:00", 1970),
                                 reading("2025-03-07 01:25:00", 1960)};
  const auto v = day_view(s, day("2025-03-07"), kSettings);
  REQUIRE(v.size() == 24);
  CHECK(v[0].label == "00点");
  CHECK(v[23].label == "23点");
  CHECK(v[0].balance == 2000);
  CHECK(v[0].usage == 10 + 10 + 10);
  CHECK(v[1].balance == 1960);
  CHECK(v[1].usage == 20);
  CHECK_FALSE(v[2].balance.has_value());
  CHECK(v[2].usage == 0);
}

TEST_CASE("day view: recharges and gaps are shown per hour", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 08:00:00", 1000),
                                 reading("2025-03-07 11:00:00", 900),
                                 reading("2025-03-07 11:10:00", 5900)};
  const auto v = day_view(s, day("2025-03-07"), kSettings);
  CHECK(v[8].usage == 33);
  CHECK(v[9].usage == 34);
  CHECK(v[9].estimated);
  CHECK_FALSE(v[9].balance.has_value());
  // 3 h of history are too little for a rate (rule 6): nothing is taken as
  // hidden in 11:00 -> 11:10, and a normal step is not estimated (rule 2).
  CHECK(v[11].recharge == 5000);
  CHECK_FALSE(v[11].estimated);
  CHECK(v[11].balance == 5900);
}

TEST_CASE("period view: last balance and usage per day, nothing before the first reading", "[usage]") {
  // Example 13: data starts on 03-06 at 22:00; view 03-05..03-07.
  const std::vector<Sample> s = {reading("2025-03-06 22:00:00", 5000),
                                 reading("2025-03-06 22:10:00", 4990),
                                 reading("2025-03-06 23:50:00", 4900),
                                 reading("2025-03-07 00:10:00", 4880),
                                 reading("2025-03-07 09:00:00", 14880)};
  const auto v = period_view(s, day("2025-03-07"), 3, kSettings);
  REQUIRE(v.size() == 3);
  CHECK(v[0].label == "2025-03-05");
  CHECK_FALSE(v[0].balance.has_value());
  CHECK(v[0].usage == 0);
  CHECK(v[1].label == "2025-03-06");
  CHECK(v[1].balance == 4900);
  CHECK(v[1].usage == 10 + 90);  // 22:10 normal, 22:10 -> 23:50 gap wholly inside the day
  CHECK(v[1].estimated);
  CHECK(v[2].balance == 14880);
  // 00:10 -> 09:00 is an outage of 31,800 s ending in a rise of 100.00. The
  // history before 00:10 covers only 7,800 s (< 6 h): no trusted rate, so
  // nothing is taken as hidden (the old 24-h rule made it 4.89 kWh).
  CHECK(v[2].usage == 20);
  CHECK(v[2].recharge == 10000);
  CHECK(v[2].estimated);
}

TEST_CASE("period view from stored day summaries equals the view from readings", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-05 23:00:00", 3000),
                                 reading("2025-03-06 01:00:00", 2800),
                                 reading("2025-03-06 12:00:00", 2700),
                                 reading("2025-03-07 12:00:00", 2500)};
  // The API stores one summary per day, each computed on its own.
  std::vector<DaySummary> stored;
  for (const char* d : {"2025-03-06", "2025-03-07"}) {
    stored.push_back(summarize_days(s, day(d), 1, kSettings).front());
  }
  CHECK(stored[0].consumption == 100 + 100 + 100);  // half of 23:00->01:00, 01:00->12:00, half of 12:00->12:00
  CHECK(stored[0].settled);
  CHECK_FALSE(stored[1].settled);
  const auto from_rows = period_view(std::span<const DaySummary>(stored), day("2025-03-07"), 2);
  const auto from_samples = period_view(std::span<const Sample>(s), day("2025-03-07"), 2, kSettings);
  REQUIRE(from_rows.size() == from_samples.size());
  for (std::size_t k = 0; k < from_rows.size(); ++k) {
    CHECK(from_rows[k].usage == from_samples[k].usage);
    CHECK(from_rows[k].balance == from_samples[k].balance);
    CHECK(from_rows[k].recharge == from_samples[k].recharge);
  }
}

TEST_CASE("day summary carries first and last reading and the count", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 00:00:00", 900),
                                 reading("2025-03-07 00:10:00", 890),
                                 reading("2025-03-07 23:59:59", 800),
                                 reading("2025-03-08 00:00:00", 790)};
  const DaySummary d = summarize_days(s, day("2025-03-07"), 1, kSettings).front();
  CHECK(d.day == day("2025-03-07"));
  CHECK(d.readings == 3);
  CHECK(d.first == s[0]);
  CHECK(d.last == s[2]);
  CHECK(d.consumption == 10 + 90);  // 00:10 -> 23:59:59 is a gap inside the day
  CHECK(d.settled);
}

TEST_CASE("recharge events: normal rise and rise across an outage", "[usage]") {
  const std::vector<Sample> s = {reading("2025-03-07 06:00:00", 3000),
                                 reading("2025-03-07 09:00:00", 2700),
                                 reading("2025-03-07 12:00:00", 2400),
                                 reading("2025-03-07 14:00:00", 12000),
                                 reading("2025-03-07 14:10:00", 11990),
                                 reading("2025-03-07 14:20:00", 12040),
                                 reading("2025-03-07 14:30:00", 22040)};
  const auto events = recharge_events(s, at("2025-03-07 00:00:00"), at("2025-03-08 00:00:00"), kSettings);
  REQUIRE(events.size() == 3);
  CHECK(events[0] == RechargeEvent{at("2025-03-07 14:00:00"), 2400, 12000, 9800, true});
  // The normal rises add what their 10 minutes hid: the 6 h 10 min before
  // them dropped 6.10, so round(610 * 600 / 22200) = 0.16 (rule 2).
  CHECK(events[1] == RechargeEvent{at("2025-03-07 14:20:00"), 11990, 12040, 66, false});
  CHECK(events[2] == RechargeEvent{at("2025-03-07 14:30:00"), 12040, 22040, 10016, false});
  const auto listed = without_jitter(events, 100);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].amount == 9800);
  CHECK(listed[1].amount == 10016);
  // The window is [from, to): the event at 14:30 is outside [.., 14:30).
  CHECK(recharge_events(s, at("2025-03-07 14:00:00"), at("2025-03-07 14:30:00"), kSettings).size() == 2);
}
