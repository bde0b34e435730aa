#include "tests/sim/balance_offsets.h"

namespace ebill::sim {

Hundredths BalanceOffsets::add(const std::string& meter_no, Hundredths delta) {
  std::lock_guard lock(mu_);
  return offsets_[meter_no] += delta;
}

Hundredths BalanceOffsets::of(std::string_view meter_no) const {
  std::lock_guard lock(mu_);
  const auto it = offsets_.find(meter_no);
  return it == offsets_.end() ? 0 : it->second;
}

}  // namespace ebill::sim
