#include "tests/sim/sim_stats.h"

#include <fmt/format.h>

namespace ebill::sim {

void SimStats::count_request(std::string_view meter_no) {
  total_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(mu_);
  auto it = per_meter_.find(meter_no);
  if (it == per_meter_.end()) it = per_meter_.emplace(std::string(meter_no), 0).first;
  ++it->second;
}

void SimStats::enter() {
  const int now = in_flight_.fetch_add(1) + 1;
  int seen = max_in_flight_.load();
  while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
  }
}

void SimStats::leave() { in_flight_.fetch_sub(1); }

void SimStats::reset() {
  std::lock_guard lock(mu_);
  per_meter_.clear();
  total_ = 0;
  max_in_flight_ = in_flight_.load();
}

std::uint64_t SimStats::requests_for(std::string_view meter_no) const {
  std::lock_guard lock(mu_);
  auto it = per_meter_.find(meter_no);
  return it == per_meter_.end() ? 0 : it->second;
}

std::string SimStats::to_json() const {
  std::lock_guard lock(mu_);
  std::string out = fmt::format(R"({{"total":{},"in_flight":{},"max_concurrent":{},"meters":{{)",
                                total_.load(), in_flight_.load(), max_in_flight_.load());
  bool first = true;
  for (const auto& [meter, n] : per_meter_) {
    // Meter numbers are validated as [0-9A-Za-z-] before they are counted.
    out += fmt::format(R"({}"{}":{})", first ? "" : ",", meter, n);
    first = false;
  }
  out += "}}";
  return out;
}

}  // namespace ebill::sim
