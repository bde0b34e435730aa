// The cnyiot recharge page (pay.aspx?mid=<meter>) as typed values. Every
// number comes from one labelled block whose unit is checked; nothing is
// guessed from loose text. See docs/source-page.md for the page's shape.
#ifndef EBILL_COMMON_SOURCE_METER_PAGE_H_
#define EBILL_COMMON_SOURCE_METER_PAGE_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/domain/amount.h"
#include "common/domain/reading.h"
#include "common/source/page_error.h"

namespace ebill::source {

struct MeterPage {
  std::string meter_no;  // 表号, e.g. "19501609994"
  std::string name;      // 表名称, e.g. "佳丰南苑5-1-501-1"; empty if absent
  Hundredths remain = 0; // 剩余电量, kWh
  std::optional<Hundredths> remain_money;    // 剩余金额, yuan
  std::optional<TenThousandths> unit_price;  // 综合费用, yuan per kWh
  friend bool operator==(const MeterPage&, const MeterPage&) = default;
};

// Bounds beyond which a value is absurd (inclusive upper limits; all
// values must be >= 0).
inline constexpr Hundredths kMaxRemainKwh = 10'000'000;      // 100000.00 kWh
inline constexpr Hundredths kMaxRemainMoney = 100'000'000;   // 1000000.00 yuan
inline constexpr TenThousandths kMaxUnitPrice = 100'000;     // 10.0000 yuan/kWh

// Parses the UTF-8 body of the page fetched for `expected_meter_no`.
// Meter number and remaining kWh are required; remaining money, unit price
// and name are optional only when their whole block is absent. Fails with
// kEmptyBody, kBlocked (block title), kNotUtf8, kTruncated (no </html>),
// kMissingField, kDuplicateField, kWrongUnit, kNotANumber, kOutOfRange, or
// kMeterMismatch (skipped when `expected_meter_no` is empty). HTTP status is
// the caller's to check first (classify_http). Safe on any bytes.
Result<MeterPage, PageError> parse_meter_page(
    std::string_view html, std::string_view expected_meter_no);

// The reading `page` gives when received at `collected_at` (local wall
// clock in APP_TZ): meter number, remaining kWh, money and price as shown.
Reading to_reading(const MeterPage& page, LocalSeconds collected_at);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_METER_PAGE_H_
