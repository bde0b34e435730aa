// parse_meter_page and classify_http against the fixture pages in
// tests/fixtures/. Every expected value is read off the fixture by hand.
#include <catch2/catch.hpp>

#include <string>

#include "common/source/block_page.h"
#include "common/source/meter_page.h"
#include "tests/support/test_paths.h"

namespace {

using ebill::source::classify_http;
using ebill::source::MeterPage;
using ebill::source::PageError;
using ebill::source::PageErrorCode;
using ebill::source::parse_meter_page;
using ebill::source::to_reading;

constexpr const char* kMeter = "19501609994";

std::string fixture(const std::string& name) {
  return ebill::test::read_file(ebill::test::fixture_path(name));
}

MeterPage parse_ok(const std::string& name, const char* meter = kMeter) {
  auto r = parse_meter_page(fixture(name), meter);
  INFO(name << ": " << (r.ok() ? "" : r.error().detail));
  REQUIRE(r.ok());
  return r.value();
}

PageError parse_error(const std::string& name, const char* meter = kMeter) {
  auto r = parse_meter_page(fixture(name), meter);
  INFO(name);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// The good page with the first `from` replaced by `to`.
std::string with(std::string_view from, std::string_view to) {
  std::string page = fixture("pay_ok.html");
  const std::size_t at = page.find(from);
  REQUIRE(at != std::string::npos);
  return page.replace(at, from.size(), to);
}

// The canonical page: 佳丰南苑5-1-501-1, 52.36 kWh, 31.42 yuan, 0.60 yuan/kWh.
const MeterPage kCanonical{"19501609994", "佳丰南苑5-1-501-1", 5236, 3142, 6000};

}  // namespace

TEST_CASE("the canonical page gives every field", "[source]") {
  CHECK(parse_ok("pay_ok.html") == kCanonical);
}

TEST_CASE("an empty expected meter number accepts the page's own", "[source]") {
  CHECK(parse_ok("pay_ok.html", "") == kCanonical);
}

TEST_CASE("reordered attributes and extra attributes do not matter", "[source]") {
  CHECK(parse_ok("pay_reordered_attrs.html", "19501609995") ==
        MeterPage{"19501609995", "佳丰南苑5-1-502-2", 705, 423, 6000});
}

TEST_CASE("single-quoted and unquoted attributes", "[source]") {
  // Price "0.6" is 0.6000; the title attribute holds a '>'.
  CHECK(parse_ok("pay_single_quotes.html") ==
        MeterPage{"19501609994", "佳丰南苑7-2-1101-1", 12000, 7200, 6000});
}

TEST_CASE("full-width colons, upper-case tags and newlines between tags",
          "[source]") {
  // A zero balance is a valid reading, not a missing one.
  CHECK(parse_ok("pay_fullwidth_colons.html") ==
        MeterPage{"19501609994", "佳丰南苑5-1-501-1", 0, 0, 6000});
}

TEST_CASE("colon and space entities in labels, entities in values", "[source]") {
  // &#20339; is 佳, &amp; is &, &#x20; a space; &#49; is the leading 1;
  // &nbsp; around 15.80 is trimmed; 元&#47;kWh is 元/kWh.
  CHECK(parse_ok("pay_colon_entities.html") ==
        MeterPage{"19501609994", "佳丰A&B座 3-201", 1580, 950, 6012});
}

TEST_CASE("blocks in scripts, comments and loose text are ignored", "[source]") {
  CHECK(parse_ok("pay_decoys.html") == kCanonical);
}

TEST_CASE("a price of 1 is 1.0000 yuan per kWh", "[source]") {
  CHECK(parse_ok("pay_price_one.html") ==
        MeterPage{"19501609994", "佳丰南苑5-1-501-1", 5236, 3142, 10000});
}

TEST_CASE("the name block may be absent", "[source]") {
  CHECK(parse_ok("pay_missing_name.html") ==
        MeterPage{"19501609994", "", 5236, 3142, 6000});
}

TEST_CASE("the remaining money block may be absent", "[source]") {
  CHECK(parse_ok("pay_missing_money.html") ==
        MeterPage{"19501609994", "佳丰南苑5-1-501-1", 5236, std::nullopt, 6000});
}

TEST_CASE("the unit price block may be absent", "[source]") {
  CHECK(parse_ok("pay_missing_price.html") ==
        MeterPage{"19501609994", "佳丰南苑5-1-501-1", 5236, 3142, std::nullopt});
}

TEST_CASE("the meter number block is required", "[source]") {
  CHECK(parse_error("pay_missing_meter_no.html") ==
        PageError{PageErrorCode::kMissingField, "missing field 表号"});
}

TEST_CASE("the remaining kWh block is required", "[source]") {
  CHECK(parse_error("pay_missing_remain.html") ==
        PageError{PageErrorCode::kMissingField, "missing field 剩余电量"});
}

TEST_CASE("a label without its value element is an error", "[source]") {
  CHECK(parse_error("pay_remain_no_value.html") ==
        PageError{PageErrorCode::kMissingField, "剩余电量 has no value"});
}

TEST_CASE("a page for another meter is refused", "[source]") {
  CHECK(parse_error("pay_other_meter.html") ==
        PageError{PageErrorCode::kMeterMismatch,
                  "page is for meter 19501609995, asked for 19501609994"});
  CHECK(parse_ok("pay_other_meter.html", "19501609995").meter_no ==
        "19501609995");
}

TEST_CASE("a negative balance is out of range", "[source]") {
  CHECK(parse_error("pay_negative_balance.html") ==
        PageError{PageErrorCode::kOutOfRange,
                  "剩余电量 -3.20 out of range 0..100000.00"});
}

TEST_CASE("an absurd balance is out of range", "[source]") {
  CHECK(parse_error("pay_absurd_remain.html") ==
        PageError{PageErrorCode::kOutOfRange,
                  "剩余电量 100000.01 out of range 0..100000.00"});
}

TEST_CASE("a value followed by another field's unit is refused", "[source]") {
  CHECK(parse_error("pay_wrong_unit.html") ==
        PageError{PageErrorCode::kWrongUnit,
                  "剩余电量 unit is \"元\", expected \"kWh\""});
  CHECK(parse_error("pay_unit_missing.html") ==
        PageError{PageErrorCode::kWrongUnit,
                  "剩余电量 has no unit, expected \"kWh\""});
}

TEST_CASE("a placeholder instead of the balance is not a number", "[source]") {
  CHECK(parse_error("pay_not_a_number.html") ==
        PageError{PageErrorCode::kNotANumber, "剩余电量 is not a number: \"--\""});
}

TEST_CASE("an empty money value is an error, not an absent block", "[source]") {
  CHECK(parse_error("pay_money_empty.html") ==
        PageError{PageErrorCode::kNotANumber, "剩余金额 is not a number: \"\""});
}

TEST_CASE("a price with five decimals is not rounded", "[source]") {
  CHECK(parse_error("pay_price_bad_decimals.html") ==
        PageError{PageErrorCode::kNotANumber,
                  "综合费用 is not a number: \"0.60125\""});
}

TEST_CASE("loose values inside the label are not numbers", "[source]") {
  CHECK(parse_meter_page(with(">52.36<", ">52.36 kWh<"), kMeter).error() ==
        PageError{PageErrorCode::kNotANumber,
                  "剩余电量 is not a number: \"52.36 kWh\""});
  CHECK(parse_meter_page(with(">31.42<", ">1,031.42<"), kMeter).error() ==
        PageError{PageErrorCode::kNotANumber,
                  "剩余金额 is not a number: \"1,031.42\""});
  CHECK(parse_meter_page(with(">52.36<", ">5e1<"), kMeter).error() ==
        PageError{PageErrorCode::kNotANumber,
                  "剩余电量 is not a number: \"5e1\""});
  // A value wrapped in an inline element is still the label's text.
  CHECK(parse_meter_page(with(">52.36<", "><b>52.36</b><"), kMeter).value() ==
        kCanonical);
}

TEST_CASE("money and price have their own bounds", "[source]") {
  CHECK(parse_meter_page(with(">31.42<", ">-0.01<"), kMeter).error() ==
        PageError{PageErrorCode::kOutOfRange,
                  "剩余金额 -0.01 out of range 0..1000000.00"});
  CHECK(parse_meter_page(with(">0.60<", ">12.5<"), kMeter).error() ==
        PageError{PageErrorCode::kOutOfRange,
                  "综合费用 12.5000 out of range 0..10.0000"});
  // The largest values still accepted.
  auto top = parse_meter_page(with(">52.36<", ">100000.00<"), kMeter);
  REQUIRE(top.ok());
  CHECK(top.value().remain == 10'000'000);
}

TEST_CASE("the same label twice is refused, not guessed", "[source]") {
  CHECK(parse_error("pay_duplicate_remain.html") ==
        PageError{PageErrorCode::kDuplicateField, "duplicate field 剩余电量"});
}

TEST_CASE("a truncated page is refused", "[source]") {
  const std::string html = fixture("pay_truncated.html");
  CHECK(parse_error("pay_truncated.html") ==
        PageError{PageErrorCode::kTruncated,
                  "page cut off: no </html> in " + std::to_string(html.size()) +
                      " bytes"});
}

TEST_CASE("a page titled 405 is a block page", "[source]") {
  CHECK(parse_error("block_405.html") ==
        PageError{PageErrorCode::kBlocked, "blocked: page title \"405\""});
  // White space around the title, as ASP.NET writes it, does not matter.
  CHECK(parse_meter_page("<html><title>\n\t405\n</title></html>", kMeter)
            .error() ==
        PageError{PageErrorCode::kBlocked, "blocked: page title \"405\""});
}

TEST_CASE("a page titled blocked is a block page", "[source]") {
  CHECK(parse_error("block_blocked.html") ==
        PageError{PageErrorCode::kBlocked,
                  "blocked: page title \"Request Blocked\""});
}

TEST_CASE("a page titled with 安全威胁 is a block page", "[source]") {
  CHECK(parse_error("block_threat.html") ==
        PageError{PageErrorCode::kBlocked, "blocked: page title \"检测到安全威胁\""});
}

TEST_CASE("a page titled with 被阻断 is a block page", "[source]") {
  CHECK(parse_error("block_interrupted.html") ==
        PageError{PageErrorCode::kBlocked, "blocked: page title \"访问被阻断\""});
}

TEST_CASE("an empty body is its own error", "[source]") {
  CHECK(parse_error("empty_body.html") ==
        PageError{PageErrorCode::kEmptyBody, "empty body"});
  CHECK(parse_meter_page("", kMeter).error() ==
        PageError{PageErrorCode::kEmptyBody, "empty body"});
}

TEST_CASE("a GBK-encoded page is refused as not UTF-8", "[source]") {
  const std::string html = fixture("pay_gbk.html");
  // The first non-ASCII text is the title 电费充值; 电 is B5 E7 in GBK.
  const std::size_t at = html.find("<title>") + 7;
  REQUIRE(static_cast<unsigned char>(html[at]) == 0xB5);
  CHECK(parse_error("pay_gbk.html") ==
        PageError{PageErrorCode::kNotUtf8,
                  "body is not UTF-8 (byte 0xB5 at offset " + std::to_string(at) +
                      ")"});
}

TEST_CASE("classify_http tells blocks from other HTTP failures", "[source]") {
  const std::string ok = fixture("pay_ok.html");
  CHECK_FALSE(classify_http(200, ok).has_value());
  CHECK(classify_http(405, "") ==
        PageError{PageErrorCode::kBlocked, "blocked: HTTP 405"});
  CHECK(classify_http(405, ok) ==
        PageError{PageErrorCode::kBlocked, "blocked: HTTP 405"});
  CHECK(classify_http(200, fixture("block_threat.html")) ==
        PageError{PageErrorCode::kBlocked, "blocked: page title \"检测到安全威胁\""});
  CHECK(classify_http(403, fixture("block_blocked.html")) ==
        PageError{PageErrorCode::kBlocked,
                  "blocked: page title \"Request Blocked\""});
  CHECK(classify_http(502, "<html><title>Bad Gateway</title></html>") ==
        PageError{PageErrorCode::kHttpStatus, "HTTP status 502"});
  CHECK(classify_http(500, "") ==
        PageError{PageErrorCode::kHttpStatus, "HTTP status 500"});
  CHECK(classify_http(301, "") ==
        PageError{PageErrorCode::kHttpStatus, "HTTP status 301"});
  // A title that merely mentions a number is not a block.
  CHECK_FALSE(classify_http(200, "<title>电费充值 405号楼</title>").has_value());
}

TEST_CASE("every truncation of the good page is refused or complete", "[source]") {
  const std::string html = fixture("pay_ok.html");
  const std::size_t complete = html.find("</html>") + 7;
  for (std::size_t n = 0; n <= html.size(); ++n) {
    auto r = parse_meter_page(std::string_view(html).substr(0, n), kMeter);
    INFO("prefix of " << n << " bytes");
    if (n < complete) {
      REQUIRE_FALSE(r.ok());
    } else {
      REQUIRE(r.ok());
      REQUIRE(r.value() == kCanonical);
    }
  }
}

TEST_CASE("random bytes and mangled pages never crash and never yield a number",
          "[source]") {
  // A fixed linear congruential generator: the same inputs on every run.
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (int round = 0; round < 2000; ++round) {
    std::string junk(next() % 600, '\0');
    for (char& c : junk) c = static_cast<char>(next() & 0xFF);
    auto r = parse_meter_page(junk, kMeter);
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(r.error().detail.empty());
  }
  // Mangle the good page: overwrite a few bytes with markup characters. The
  // parse may fail or succeed, but a success only holds what the page says:
  // in "52.36" only a space can replace a byte and leave a number, and it is
  // trimmed only at an end (" 2.36" -> 2.36, "52.3 " -> 52.30).
  const std::string good = fixture("pay_ok.html");
  const char kMarkup[] = {'<', '>', '/', '"', '\'', '&', ';', ':', ' ', '\0'};
  int parsed = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string page = good;
    for (int k = 0; k < 3; ++k) {
      page[next() % page.size()] = kMarkup[next() % sizeof(kMarkup)];
    }
    auto r = parse_meter_page(page, kMeter);
    if (!r.ok()) continue;
    ++parsed;
    CHECK(r.value().meter_no == kMeter);
    const auto remain = r.value().remain;
    CHECK((remain == 5236 || remain == 236 || remain == 5230));
  }
  CHECK(parsed > 0);
}

TEST_CASE("a parsed page becomes a reading at the time it was received",
          "[source]") {
  const ebill::LocalSeconds at = 1'795'599'000;  // any local second
  CHECK(to_reading(kCanonical, at) ==
        ebill::Reading{"19501609994", at, 5236, 3142, 6000});
  CHECK(to_reading(parse_ok("pay_missing_price.html"), at) ==
        ebill::Reading{"19501609994", at, 5236, 3142, std::nullopt});
}

TEST_CASE("other labelled rows are not ours to judge", "[source]") {
  // The good page already has a 充值金额 input row; two more rows with one
  // unknown label change nothing.
  const std::string extra =
      "<div><span>温馨提示:</span><label>a</label></div>"
      "<div><span>温馨提示:</span><label>b</label></div>";
  CHECK(parse_meter_page(with("<a class=\"btn-pay\"", extra + "<a class=\"btn-pay\""),
                         kMeter)
            .value() == kCanonical);
}

TEST_CASE("only white space may stand between a label and its value",
          "[source]") {
  CHECK(parse_meter_page(with("<label style=\"color:#f60;\">52.36",
                              "<br><label style=\"color:#f60;\">52.36"),
                         kMeter)
            .error() ==
        PageError{PageErrorCode::kMissingField, "剩余电量 has no value"});
  CHECK(parse_meter_page(with("<label style=\"color:#f60;\">52.36",
                              "\n &nbsp;\t<label style=\"color:#f60;\">52.36"),
                         kMeter)
            .value() == kCanonical);
}
