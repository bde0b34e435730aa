// One balance reading of one meter: a row of electricity_balance.
#ifndef EBILL_COMMON_DOMAIN_READING_H_
#define EBILL_COMMON_DOMAIN_READING_H_

#include <optional>
#include <string>

#include "common/domain/amount.h"
#include "common/time/civil_time.h"

namespace ebill {

struct Reading {
  std::string meter_no;
  LocalSeconds collected_at = 0;  // local wall clock (APP_TZ), to the second
  Hundredths remain = 0;          // remaining kWh
  std::optional<Hundredths> remain_money;     // remaining yuan, if shown
  std::optional<TenThousandths> unit_price;   // yuan per kWh, if shown
  friend bool operator==(const Reading&, const Reading&) = default;
};

}  // namespace ebill

#endif  // EBILL_COMMON_DOMAIN_READING_H_
