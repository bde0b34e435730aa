#include "common/config/describe.h"

#include <fmt/format.h>

#include "common/config/registry.h"
#include "common/domain/amount.h"

namespace ebill {

namespace {

// The summary text of `v`'s value in `c`: secrets as "(set)"/"(unset)"
// unless their kind can redact them.
std::string summary_value(const ConfigVariable& v, const Config& c) {
  const std::string shown = v.value.show(c);
  if (v.secret && v.value.redact == nullptr) return shown.empty() ? "(unset)" : "(set)";
  if (shown.empty()) return std::string(v.value.unset_shown);
  return v.value.redact ? v.value.redact(shown) : shown;
}

std::string meter_line(const MeterConfig& m) {
  std::string channels;
  for (const NotifyTarget& t : m.notify) {
    channels += (channels.empty() ? "" : ",") + std::string(channel_name(t.type));
  }
  std::string line = fmt::format("meter {} name={} notify={}", m.id, m.name,
                                 channels.empty() ? "none" : channels);
  if (m.alert_balance_kwh) line += " alert_balance_kwh=" + format_hundredths(*m.alert_balance_kwh);
  return line;
}

}  // namespace

std::vector<std::string> describe(const Config& c) {
  std::vector<std::string> lines;
  for (const ConfigVariable& v : config_variables()) {
    if (!v.listed || !v.value.read) continue;  // test hooks; the meters come below
    if (v.value.summarised && !v.value.summarised(c)) continue;
    lines.push_back(fmt::format("{}={}", v.name, summary_value(v, c)));
  }
  for (const MeterConfig& m : c.meters) lines.push_back(meter_line(m));
  if (c.meters.empty()) lines.emplace_back("meters: none configured");
  return lines;
}

}  // namespace ebill
