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
// Thread-safe.
#ifndef EBILL_COLLECTOR_METRICS_H_
#define EBILL_COLLECTOR_METRICS_H_

#include <cstdint>
#include <ctime>
#include <map>
#include <mutex>
#include <string>

#include "collector/cycle_report.h"

namespace ebill::collector {

class Metrics {
 public:
  Metrics();
  // Counts each outcome that was an attempt (cancelled ones are not) and
  // takes the cycle's duration, spool depth and state, and `ended_at` (Unix
  // time); adds its quarantined and dropped readings.
  void record_cycle(const CycleReport& report, std::time_t ended_at);
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
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METRICS_H_
