// Per-meter balance shifts set through /_control/balance: what a test uses
// to make a meter's balance jump (a large genuine top-up, a corrected
// account) on top of the model. Hundredths of a kWh; thread-safe.
#ifndef EBILL_TESTS_SIM_BALANCE_OFFSETS_H_
#define EBILL_TESTS_SIM_BALANCE_OFFSETS_H_

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/domain/amount.h"

namespace ebill::sim {

class BalanceOffsets {
 public:
  // Adds `delta` to the meter's shift; returns the new shift.
  Hundredths add(const std::string& meter_no, Hundredths delta);
  Hundredths of(std::string_view meter_no) const;  // 0 when none was set

 private:
  mutable std::mutex mu_;
  std::map<std::string, Hundredths, std::less<>> offsets_;
};

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_BALANCE_OFFSETS_H_
