// Fault modes of the simulator and the rules that pick one per request: a
// per-meter override (set through /_control/fault) wins, then a global mode
// (--fault), then the longest matching meter-number suffix rule (--faults
// "13:http500,99:slow"). Thread-safe.
#ifndef EBILL_TESTS_SIM_FAULT_MODE_H_
#define EBILL_TESTS_SIM_FAULT_MODE_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ebill::sim {

enum class FaultMode {
  kNone,        // the healthy page
  kSlow,        // the healthy page after the slow delay (longer than clients wait)
  kHttp500,
  kHttp502,
  kHttp405,     // how the real site answers blocked clients
  kBlock,       // 200 with a firewall page (<title> 安全威胁 / 被阻断)
  kTruncated,   // 200, the page cut mid-way (Content-Length matches the cut)
  kGarbled,     // 200, every non-ASCII byte replaced by invalid UTF-8
  kNoBalance,   // 200, the 剩余电量 block missing
  kOtherMeter,  // 200, a page for a different meter number
  kReset,       // connection closed (RST) without an answer
};

std::string_view fault_name(FaultMode mode);  // "none", "slow", "http500", ...
std::optional<FaultMode> parse_fault(std::string_view name);
std::vector<std::string_view> all_fault_names();

class FaultRules {
 public:
  // Parses "suffix:mode,suffix:mode"; returns an error text, or "" on success.
  std::string add_suffix_rules(std::string_view spec);
  void set_global(FaultMode mode);
  // mode kNone clears the override for `meter_no`.
  void set_override(const std::string& meter_no, FaultMode mode);
  FaultMode mode_for(std::string_view meter_no) const;

 private:
  mutable std::mutex mu_;
  FaultMode global_ = FaultMode::kNone;
  std::vector<std::pair<std::string, FaultMode>> suffixes_;  // longest first
  std::map<std::string, FaultMode, std::less<>> overrides_;
};

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_FAULT_MODE_H_
