#include "tests/sim/fault_mode.h"

#include <algorithm>
#include <array>

namespace ebill::sim {

namespace {

constexpr std::array<std::pair<FaultMode, std::string_view>, 11> kNames{{
    {FaultMode::kNone, "none"},
    {FaultMode::kSlow, "slow"},
    {FaultMode::kHttp500, "http500"},
    {FaultMode::kHttp502, "http502"},
    {FaultMode::kHttp405, "http405"},
    {FaultMode::kBlock, "block"},
    {FaultMode::kTruncated, "truncated"},
    {FaultMode::kGarbled, "garbled"},
    {FaultMode::kNoBalance, "nobalance"},
    {FaultMode::kOtherMeter, "othermeter"},
    {FaultMode::kReset, "reset"},
}};

}  // namespace

std::string_view fault_name(FaultMode mode) {
  for (const auto& [m, name] : kNames) {
    if (m == mode) return name;
  }
  return "none";
}

std::optional<FaultMode> parse_fault(std::string_view name) {
  for (const auto& [m, n] : kNames) {
    if (n == name) return m;
  }
  return std::nullopt;
}

std::vector<std::string_view> all_fault_names() {
  std::vector<std::string_view> out;
  for (const auto& entry : kNames) out.push_back(entry.second);
  return out;
}

std::string FaultRules::add_suffix_rules(std::string_view spec) {
  std::lock_guard lock(mu_);
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return "bad fault rule '" + std::string(item) + "' (want suffix:mode)";
    }
    const auto mode = parse_fault(item.substr(colon + 1));
    if (!mode) return "unknown fault mode in '" + std::string(item) + "'";
    suffixes_.emplace_back(std::string(item.substr(0, colon)), *mode);
  }
  std::stable_sort(suffixes_.begin(), suffixes_.end(), [](const auto& a, const auto& b) {
    return a.first.size() > b.first.size();
  });
  return "";
}

void FaultRules::set_global(FaultMode mode) {
  std::lock_guard lock(mu_);
  global_ = mode;
}

void FaultRules::set_override(const std::string& meter_no, FaultMode mode) {
  std::lock_guard lock(mu_);
  if (mode == FaultMode::kNone) {
    overrides_.erase(meter_no);
  } else {
    overrides_[meter_no] = mode;
  }
}

FaultMode FaultRules::mode_for(std::string_view meter_no) const {
  std::lock_guard lock(mu_);
  if (auto it = overrides_.find(meter_no); it != overrides_.end()) return it->second;
  if (global_ != FaultMode::kNone) return global_;
  for (const auto& [suffix, mode] : suffixes_) {
    if (meter_no.size() >= suffix.size() &&
        meter_no.substr(meter_no.size() - suffix.size()) == suffix) {
      return mode;
    }
  }
  return FaultMode::kNone;
}

}  // namespace ebill::sim
