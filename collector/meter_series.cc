#include "collector/meter_series.h"

#include <fmt/format.h>

#include <functional>
#include <optional>

#include "common/collect/poll_outcome.h"
#include "common/time/time_zone.h"

namespace ebill::collector {

namespace {

using collect::PollError;

std::string labels(const MeterSeries& m) {
  return fmt::format("meter=\"{}\",name=\"{}\"", escape_label_value(m.meter_no),
                     escape_label_value(m.name));
}

// One gauge or counter: its HELP and TYPE, then a sample per meter for which
// `value` gives one.
void add_family(std::string& out, const char* name, const char* type, const char* help,
                const std::vector<MeterSeries>& meters,
                const std::function<std::optional<std::string>(const MeterSeries&)>& value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  for (const MeterSeries& m : meters) {
    if (const std::optional<std::string> v = value(m)) {
      out += fmt::format("{}{{{}}} {}\n", name, labels(m), *v);
    }
  }
}

}  // namespace

std::span<const PollError> failure_reasons() {
  static constexpr PollError kReasons[] = {PollError::kTimeout,    PollError::kNetwork,
                                           PollError::kHttpStatus, PollError::kBlocked,
                                           PollError::kPageChanged, PollError::kRejected};
  return kReasons;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    if (ch == '\\') out += "\\\\";
    else if (ch == '"') out += "\\\"";
    else if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out;
}

std::string render_meter_series(const std::vector<MeterSeries>& meters,
                                const FailureCounts& failures) {
  using Value = std::optional<std::string>;
  std::string out;
  add_family(out, "ebill_meter_balance_kwh", "gauge", "Remaining energy of the newest reading.",
             meters, [](const MeterSeries& m) -> Value {
               if (!m.totals.latest) return std::nullopt;
               return format_hundredths(m.totals.latest->remain);
             });
  add_family(out, "ebill_meter_balance_yuan", "gauge", "Remaining money of the newest reading.",
             meters, [](const MeterSeries& m) -> Value {
               if (!m.totals.latest || !m.totals.latest->remain_money) return std::nullopt;
               return format_hundredths(*m.totals.latest->remain_money);
             });
  add_family(out, "ebill_meter_unit_price_yuan", "gauge",
             "Unit price (yuan per kWh) of the newest reading.", meters,
             [](const MeterSeries& m) -> Value {
               if (!m.totals.latest || !m.totals.latest->unit_price) return std::nullopt;
               return format_fixed(*m.totals.latest->unit_price, 4);
             });
  add_family(out, "ebill_meter_consumed_kwh_total", "counter",
             "Energy consumed since the first reading, by ebill's usage rules.", meters,
             [](const MeterSeries& m) -> Value {
               if (!m.totals.latest) return std::nullopt;
               return format_hundredths(m.totals.consumed);
             });
  add_family(out, "ebill_meter_last_reading_timestamp_seconds", "gauge",
             "Unix time of the newest reading.", meters, [](const MeterSeries& m) -> Value {
               if (!m.totals.latest) return std::nullopt;
               return fmt::format("{}", static_cast<long long>(to_utc(m.totals.latest->collected_at)));
             });
  out +=
      "# HELP ebill_meter_fetch_failures_total Failed polls since the collector started.\n"
      "# TYPE ebill_meter_fetch_failures_total counter\n";
  for (const MeterSeries& m : meters) {
    const auto counts = failures.find(m.meter_no);
    for (PollError e : failure_reasons()) {
      const std::string reason(collect::poll_error_name(e));
      std::uint64_t n = 0;
      if (counts != failures.end()) {
        if (const auto it = counts->second.find(reason); it != counts->second.end()) n = it->second;
      }
      out += fmt::format("ebill_meter_fetch_failures_total{{{},reason=\"{}\"}} {}\n", labels(m),
                         reason, n);
    }
  }
  return out;
}

}  // namespace ebill::collector
