// parse_fixed, format_fixed and cost_of on hostile values: the digits,
// exponents and extremes a broken or malicious page can show. Every bound
// is checked before a multiplication, so none of these is undefined
// behaviour (the ASan+UBSan tree of scripts/test aborts on any overflow).
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "common/domain/amount.h"
#include "common/source/meter_page.h"
#include "tests/support/test_paths.h"

namespace {

using ebill::cost_of;
using ebill::format_fixed;
using ebill::kMaxFixedMagnitude;
using ebill::parse_fixed;

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_CASE("parse_fixed refuses a 15-digit unit price instead of overflowing", "[amount]") {
  // 999999999999999 * 10^4 does not fit in 64 bits.
  CHECK_FALSE(parse_fixed("999999999999999", 4).has_value());
  CHECK_FALSE(parse_fixed("-999999999999999", 4).has_value());
  CHECK_FALSE(parse_fixed("999999999999999.9999", 4).has_value());
  CHECK_FALSE(parse_fixed("922337203685477", 4).has_value());  // just above INT64_MAX / 10^4
  CHECK_FALSE(parse_fixed("9999999999999999", 2).has_value());
}

TEST_CASE("parse_fixed accepts exactly up to 10^15 units of the scale", "[amount]") {
  CHECK(parse_fixed("100000000000", 4) == kMaxFixedMagnitude);
  CHECK(parse_fixed("-100000000000", 4) == -kMaxFixedMagnitude);
  CHECK_FALSE(parse_fixed("100000000000.0001", 4).has_value());
  CHECK_FALSE(parse_fixed("100000000001", 4).has_value());
  CHECK(parse_fixed("10000000000000", 2) == kMaxFixedMagnitude);
  CHECK(parse_fixed("9999999999999.99", 2) == kMaxFixedMagnitude - 1);
  CHECK_FALSE(parse_fixed("10000000000000.01", 2).has_value());
  CHECK(parse_fixed("1000000000000000", 0) == kMaxFixedMagnitude);
  CHECK_FALSE(parse_fixed("1000000000000001", 0).has_value());
}

TEST_CASE("parse_fixed survives thousands of digits", "[amount]") {
  CHECK_FALSE(parse_fixed("1" + std::string(400, '0'), 2).has_value());
  CHECK_FALSE(parse_fixed("-" + std::string(400, '9'), 4).has_value());
  CHECK(parse_fixed(std::string(400, '0') + "1.5", 2) == 150);
  CHECK_FALSE(parse_fixed("0." + std::string(400, '0'), 2).has_value());
}

TEST_CASE("parse_fixed refuses exponents, signs and scales it cannot hold", "[amount]") {
  for (const char* bad : {"1e400", "1E5", "-1e-400", "9e18", "0x10", "+-1", "-+1", "1-",
                          "1..2", "1.2.3", "\xef\xbc\x91"}) {
    INFO(bad);
    CHECK_FALSE(parse_fixed(bad, 4).has_value());
  }
  CHECK_FALSE(parse_fixed("1", -1).has_value());
  CHECK_FALSE(parse_fixed("1", 16).has_value());
  CHECK_FALSE(parse_fixed("1", 1000).has_value());
  CHECK_FALSE(parse_fixed("1", std::numeric_limits<int>::min()).has_value());
  CHECK(parse_fixed("1", 15) == kMaxFixedMagnitude);
  CHECK(parse_fixed("-0", 2) == 0);
}

TEST_CASE("format_fixed prints the 64-bit extremes", "[amount]") {
  CHECK(format_fixed(kMax, 2) == "92233720368547758.07");
  CHECK(format_fixed(kMin, 2) == "-92233720368547758.08");
  CHECK(format_fixed(kMin, 0) == "-9223372036854775808");
}

TEST_CASE("cost_of refuses a product beyond a trillion yuan instead of overflowing",
          "[amount]") {
  CHECK_FALSE(cost_of(kMax, kMax).has_value());
  CHECK_FALSE(cost_of(kMin, kMin).has_value());
  CHECK_FALSE(cost_of(kMin, 1).has_value());
  CHECK_FALSE(cost_of(-1, kMin).has_value());
  // The largest DECIMAL(10,2) balance at the largest DECIMAL(10,4) price:
  // 99999999.99 kWh * 999999.9999 yuan/kWh ~ 10^14 yuan.
  CHECK_FALSE(cost_of(9'999'999'999, 9'999'999'999).has_value());
  // 10^12 kWh at 1 yuan is exactly the bound; one hundredth more is over.
  CHECK(cost_of(100'000'000'000'000, 10'000) == 100'000'000'000'000);
  CHECK(cost_of(-100'000'000'000'000, 10'000) == -100'000'000'000'000);
  CHECK_FALSE(cost_of(100'000'000'000'001, 10'000).has_value());
}

TEST_CASE("cost_of is exact and signed at the edges of its range", "[amount]") {
  CHECK(cost_of(0, kMin) == 0);
  CHECK(cost_of(kMin, 0) == 0);
  CHECK(cost_of(kMax, 0) == 0);
  CHECK(cost_of(-125, -6040) == 76);   // -1.25 kWh * -0.6040 = 0.755 -> 0.76
  CHECK(cost_of(125, -6040) == -76);
  CHECK(cost_of(1, 4999) == 0);        // 0.004999 yuan -> 0.00
  CHECK(cost_of(1, 5000) == 1);        // 0.005 -> 0.01
  CHECK(cost_of(-1, 5000) == -1);
  // 99999999.99 kWh (the DECIMAL(10,2) maximum) at 0.9999 yuan:
  // 9999999999 * 9999 = 99989999990001 millionths = 99989999.990001 yuan.
  CHECK(cost_of(9'999'999'999, 9'999) == 9'998'999'999);
}

TEST_CASE("a page with a 15-digit unit price is refused, not overflowed", "[amount][source]") {
  const std::string html =
      ebill::test::read_file(ebill::test::fixture_path("pay_price_15_digits.html"));
  const auto r = ebill::source::parse_meter_page(html, "19501609994");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == ebill::source::PageError{ebill::source::PageErrorCode::kNotANumber,
                                              "综合费用 is not a number: \"999999999999999\""});
}
