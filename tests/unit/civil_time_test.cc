#include <catch2/catch.hpp>

#include "common/time/civil_time.h"
#include "common/time/time_zone.h"

using namespace ebill;

TEST_CASE("calendar round trip over four centuries of days", "[time]") {
  for (LocalDay d = day_from_date({1970, 1, 1}); d < day_from_date({2400, 1, 1}); d += 7) {
    REQUIRE(day_from_date(date_from_day(d)) == d);
  }
  CHECK(day_from_date({1970, 1, 1}) == 0);
  CHECK(day_from_date({2000, 3, 1}) - day_from_date({2000, 2, 28}) == 2);  // leap
  CHECK(day_from_date({2100, 3, 1}) - day_from_date({2100, 2, 28}) == 1);  // not leap
}

TEST_CASE("parse_date accepts only real dates", "[time]") {
  CHECK(parse_date("2024-02-29") == CivilDate{2024, 2, 29});
  for (const char* bad : {"2025-02-29", "2025-13-45", "2025-00-10", "abc", "",
                          "2025-1-01", "2025-01-01x", "20250101", "1969-12-31"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad).has_value());
  }
}

TEST_CASE("datetime text round trip", "[time]") {
  const auto s = parse_datetime("2025-03-07 08:05:09");
  REQUIRE(s);
  CHECK(format_datetime(*s) == "2025-03-07 08:05:09");
  CHECK(parse_datetime("2025-03-07T08:05:09") == s);
  CHECK_FALSE(parse_datetime("2025-03-07 24:00:00"));
  CHECK(day_of(*s) == day_from_date({2025, 3, 7}));
  CHECK(hour_floor(*s) == *parse_datetime("2025-03-07 08:00:00"));
  CHECK(day_of(-1) == -1);
}

TEST_CASE("the installed zone decides local time, not the server's TZ", "[time]") {
  REQUIRE(check_time_zone("Asia/Shanghai").empty());
  CHECK_FALSE(check_time_zone("Mars/Olympus").empty());
  CHECK_FALSE(check_time_zone("../etc/passwd").empty());
  install_time_zone("Asia/Shanghai");
  // 2025-01-01T00:00:00Z is 08:00 in Shanghai.
  CHECK(format_datetime(to_local(1735689600)) == "2025-01-01 08:00:00");
  CHECK(to_utc(*parse_datetime("2025-01-01 08:00:00")) == 1735689600);
  install_time_zone("America/New_York");
  CHECK(format_datetime(to_local(1735689600)) == "2024-12-31 19:00:00");
  install_time_zone("Asia/Shanghai");
}

TEST_CASE("a zone with daylight saving gets a caveat, a fixed one none", "[time]") {
  install_time_zone("Asia/Shanghai");
  CHECK(time_zone_caveat().empty());
  install_time_zone("Europe/Berlin");
  CHECK(time_zone_caveat().find("daylight saving") != std::string::npos);
  install_time_zone("Asia/Shanghai");
}
