#include "collector/metrics.h"

#include <fmt/format.h>

namespace ebill::collector {

using collect::PollError;

Metrics::Metrics() {
  fetches_[std::string(collect::poll_error_name(PollError::kNone))] = 0;
  for (PollError e : failure_reasons()) fetches_[std::string(collect::poll_error_name(e))] = 0;
}

void Metrics::record_cycle(const CycleReport& report, std::time_t ended_at) {
  std::lock_guard lock(mu_);
  for (const auto& o : report.outcomes) {
    if (o.error == PollError::kCancelled) continue;
    const std::string outcome(collect::poll_error_name(o.error));
    ++fetches_[outcome];
    if (!o.ok()) ++failures_[o.meter_no][outcome];
  }
  ++cycles_;
  duration_s_ = report.duration_s;
  last_cycle_ = ended_at;
  spool_depth_ = report.spool_depth;
  damaged_ += report.damaged;
  rejected_ += report.rejected;
  spool_writable_ = report.spool_writable;
  held_ = report.held;
  dropped_ += report.dropped;
}

void Metrics::set_meters(std::vector<MeterSeries> meters) {
  std::lock_guard lock(mu_);
  meters_ = std::move(meters);
}

void Metrics::set_spool_depth(std::size_t depth) {
  std::lock_guard lock(mu_);
  spool_depth_ = depth;
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out =
      "# HELP ebill_collector_fetches_total Meter polls by outcome.\n"
      "# TYPE ebill_collector_fetches_total counter\n";
  for (const auto& [outcome, n] : fetches_) {
    out += fmt::format("ebill_collector_fetches_total{{outcome=\"{}\"}} {}\n", outcome, n);
  }
  out += fmt::format(
      "# HELP ebill_collector_cycles_total Polling cycles completed.\n"
      "# TYPE ebill_collector_cycles_total counter\n"
      "ebill_collector_cycles_total {}\n"
      "# HELP ebill_collector_cycle_duration_seconds Wall time of the last cycle.\n"
      "# TYPE ebill_collector_cycle_duration_seconds gauge\n"
      "ebill_collector_cycle_duration_seconds {:.3f}\n"
      "# HELP ebill_collector_last_cycle_timestamp_seconds Unix time the last cycle ended.\n"
      "# TYPE ebill_collector_last_cycle_timestamp_seconds gauge\n"
      "ebill_collector_last_cycle_timestamp_seconds {}\n"
      "# HELP ebill_collector_spool_depth Readings in the spool waiting for the database.\n"
      "# TYPE ebill_collector_spool_depth gauge\n"
      "ebill_collector_spool_depth {}\n"
      "# HELP ebill_collector_spool_quarantined_total Spool readings moved to quarantine.\n"
      "# TYPE ebill_collector_spool_quarantined_total counter\n"
      "ebill_collector_spool_quarantined_total{{reason=\"damaged\"}} {}\n"
      "ebill_collector_spool_quarantined_total{{reason=\"rejected\"}} {}\n"
      "# HELP ebill_collector_spool_writable 0 while the spool cannot be written.\n"
      "# TYPE ebill_collector_spool_writable gauge\n"
      "ebill_collector_spool_writable {}\n"
      "# HELP ebill_collector_readings_held Readings only in memory: not spooled, not stored.\n"
      "# TYPE ebill_collector_readings_held gauge\n"
      "ebill_collector_readings_held {}\n"
      "# HELP ebill_collector_readings_dropped_total Held readings given up (hold full).\n"
      "# TYPE ebill_collector_readings_dropped_total counter\n"
      "ebill_collector_readings_dropped_total {}\n",
      cycles_, duration_s_, static_cast<long long>(last_cycle_), spool_depth_, damaged_,
      rejected_, spool_writable_ ? 1 : 0, held_, dropped_);
  out += render_meter_series(meters_, failures_);
  return out;
}

}  // namespace ebill::collector
