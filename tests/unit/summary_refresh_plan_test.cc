// Which stored day summaries a batch makes stale (common/summary/refresh_plan.h).
#include <catch2/catch.hpp>

#include <vector>

#include "common/summary/refresh_plan.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::summary;
using ebill::test::at;
using ebill::test::day;

TEST_CASE("refresh plan: a new reading on the meter's current day touches nothing", "[summary]") {
  const MeterExtent extent{at("2025-03-01 00:05:00"), at("2025-03-07 10:00:00"), day("2025-03-06")};
  const std::vector<LocalSeconds> batch = {at("2025-03-07 10:05:00")};
  CHECK_FALSE(late_reading(extent, batch));
  CHECK_FALSE(days_to_refresh(extent, batch, std::nullopt));
}

TEST_CASE("refresh plan: the first reading after midnight settles the previous day", "[summary]") {
  const MeterExtent extent{at("2025-03-01 00:05:00"), at("2025-03-07 23:55:00"), day("2025-03-06")};
  const std::vector<LocalSeconds> batch = {at("2025-03-08 00:00:00")};
  CHECK(days_to_refresh(extent, batch, std::nullopt) == DayRange{day("2025-03-07"), day("2025-03-07")});
  // After an outage of three days, every day from the last stored reading's.
  const std::vector<LocalSeconds> later = {at("2025-03-10 08:00:00"), at("2025-03-10 08:05:00")};
  CHECK(days_to_refresh(extent, later, std::nullopt) == DayRange{day("2025-03-07"), day("2025-03-09")});
}

TEST_CASE("refresh plan: a late reading starts at its predecessor's day", "[summary]") {
  const MeterExtent extent{at("2025-03-01 00:05:00"), at("2025-03-07 10:00:00"), day("2025-03-06")};
  const std::vector<LocalSeconds> batch = {at("2025-03-07 10:05:00"), at("2025-03-04 01:00:00")};
  REQUIRE(late_reading(extent, batch) == at("2025-03-04 01:00:00"));
  // The stored reading before it is two days older (an outage).
  CHECK(days_to_refresh(extent, batch, at("2025-03-02 22:00:00")) ==
        DayRange{day("2025-03-02"), day("2025-03-06")});
  // Before the meter's first reading: no predecessor.
  const std::vector<LocalSeconds> early = {at("2025-02-27 12:00:00")};
  CHECK(days_to_refresh(extent, early, std::nullopt) ==
        DayRange{day("2025-02-27"), day("2025-03-06")});
}

TEST_CASE("refresh plan: duplicates of stored readings are not late", "[summary]") {
  const MeterExtent extent{at("2025-03-01 00:05:00"), at("2025-03-07 10:00:00"), day("2025-03-06")};
  const std::vector<LocalSeconds> batch = {at("2025-03-07 10:00:00"), at("2025-03-01 00:05:00")};
  CHECK_FALSE(late_reading(extent, batch));
  CHECK_FALSE(days_to_refresh(extent, batch, std::nullopt));
}

TEST_CASE("refresh plan: days another writer settled are caught up", "[summary]") {
  // Summaries through 03-03, readings through 03-07: 03-04 .. 03-06 missing.
  const MeterExtent extent{at("2025-03-01 00:05:00"), at("2025-03-07 10:00:00"), day("2025-03-03")};
  const std::vector<LocalSeconds> batch = {at("2025-03-07 10:05:00")};
  CHECK(days_to_refresh(extent, batch, std::nullopt) == DayRange{day("2025-03-04"), day("2025-03-06")});
  // A meter with readings and no summaries at all starts at its first day.
  const MeterExtent none{at("2025-03-01 00:05:00"), at("2025-03-07 10:00:00"), std::nullopt};
  CHECK(days_to_refresh(none, batch, std::nullopt) == DayRange{day("2025-03-01"), day("2025-03-06")});
  // A new meter: nothing stored, nothing settled by one day of readings.
  CHECK_FALSE(days_to_refresh(MeterExtent{}, batch, std::nullopt));
}
