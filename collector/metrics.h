// The collector's counters in Prometheus text format (version 0.0.4):
//   ebill_collector_fetches_total{outcome="ok|timeout|network|..."}  counter
//   ebill_collector_cycles_total                                      counter
//   ebill_collector_cycle_duration_seconds    gauge, the last cycle
//   ebill_collector_last_cycle_timestamp_seconds  gauge, Unix time it ended
//   ebill_collector_spool_depth               gauge, readings waiting
//   ebill_collector_spool_quarantined_total{reason="damaged|rejected"}  counter
//   ebill_collector_spool_writable            gauge, 1 or 0 (the last append failed)
//   ebill_collector_readings_held             gauge, readings only in memory
//   ebill_collector_readings_dropped_total    counter, held readings given up
// and the per-meter series of meter_series.h.
// Thread-safe.
#ifndef EBILL_COLLECTOR_METRICS_H_
#define EBILL_COLLECTOR_METRICS_H_

#include <cstdint>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "collector/cycle_report.h"
#include "collector/meter_series.h"

namespace ebill::collector {

class Metrics {
 public:
  Metrics();
  // Counts each outcome that was an attempt (cancelled ones are not) and
  // takes the cycle's duration, spool depth and state, and `ended_at` (Unix
  // time); adds its quarantined and dropped readings; counts each failed
  // attempt for its meter too.
  void record_cycle(const CycleReport& report, std::time_t ended_at);
  // The meters the per-meter series show from now on (their failure counts
  // are kept meanwhile, so a meter that comes back continues its counter).
  void set_meters(std::vector<MeterSeries> meters);
  void set_spool_depth(std::size_t depth);
  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> fetches_;
  std::uint64_t cycles_ = 0;
  double duration_s_ = 0;
  std::time_t last_cycle_ = 0;
  std::size_t spool_depth_ = 0;
  std::uint64_t damaged_ = 0;
  std::uint64_t rejected_ = 0;
  bool spool_writable_ = true;
  std::size_t held_ = 0;
  std::uint64_t dropped_ = 0;
  std::vector<MeterSeries> meters_;
  FailureCounts failures_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METRICS_H_
