#include <catch2/catch.hpp>

#include "common/domain/amount.h"

using ebill::cost_of;
using ebill::format_fixed;
using ebill::parse_fixed;

TEST_CASE("parse_fixed reads exact decimals", "[amount]") {
  CHECK(parse_fixed("123.45", 2) == 12345);
  CHECK(parse_fixed("0.05", 2) == 5);
  CHECK(parse_fixed("-0.05", 2) == -5);
  CHECK(parse_fixed("+3.1", 2) == 310);
  CHECK(parse_fixed("100", 2) == 10000);
  CHECK(parse_fixed("1", 4) == 10000);
  CHECK(parse_fixed("0.6012", 4) == 6012);
  CHECK(parse_fixed(".5", 2) == 50);
}

TEST_CASE("parse_fixed rejects anything that is not a plain decimal", "[amount]") {
  for (const char* bad : {"", "-", ".", "1.234", "1e5", "12a", " 1", "1 ", "1,5",
                          "--1", "nan", "inf", "9999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(parse_fixed(bad, 2).has_value());
  }
}

TEST_CASE("format_fixed prints exactly scale digits", "[amount]") {
  CHECK(format_fixed(12345, 2) == "123.45");
  CHECK(format_fixed(5, 2) == "0.05");
  CHECK(format_fixed(-5, 2) == "-0.05");
  CHECK(format_fixed(0, 2) == "0.00");
  CHECK(format_fixed(10000, 4) == "1.0000");
  for (std::int64_t v : {-100001, -1, 0, 7, 99, 100, 123456789}) {
    CHECK(parse_fixed(format_fixed(v, 2), 2) == v);
  }
}

TEST_CASE("cost_of rounds half away from zero to the fen", "[amount]") {
  CHECK(cost_of(1000, 6000) == 600);   // 10.00 kWh at 0.6000 = 6.00 yuan
  CHECK(cost_of(125, 6012) == 75);     // 1.25 * 0.6012 = 0.7515 -> 0.75
  CHECK(cost_of(125, 6040) == 76);     // 0.755 -> 0.76
  CHECK(cost_of(-125, 6040) == -76);
}
