// Fuzz target: the source-page parser (parse_meter_page, classify_http) on
// any bytes. A page it accepts has every value inside the documented bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/source/block_page.h"
#include "common/source/meter_page.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void check_accepted(const ebill::source::MeterPage& page) {
  using namespace ebill::source;
  FUZZ_CHECK(!page.meter_no.empty());
  FUZZ_CHECK(page.remain >= 0 && page.remain <= kMaxRemainKwh);
  FUZZ_CHECK(!page.remain_money || (*page.remain_money >= 0 && *page.remain_money <= kMaxRemainMoney));
  FUZZ_CHECK(!page.unit_price || (*page.unit_price >= 0 && *page.unit_price <= kMaxUnitPrice));
  const ebill::Reading r = to_reading(page, 0);
  FUZZ_CHECK(r.meter_no == page.meter_no && r.remain == page.remain);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const auto any = ebill::source::parse_meter_page(html, "");
  if (any.ok()) check_accepted(any.value());
  const auto mine = ebill::source::parse_meter_page(html, "19501609994");
  if (mine.ok()) {
    check_accepted(mine.value());
    FUZZ_CHECK(mine.value().meter_no == "19501609994");
    FUZZ_CHECK(any.ok() && any.value() == mine.value());
  }
  (void)ebill::source::classify_http(200, html);
  return 0;
}
