// Process-wide request metrics in Prometheus text format. Counting is
// lock-free (atomics); only the first sighting of a route label takes a
// lock. Safe from any thread.
#ifndef EBILL_API_SERVER_METRICS_H_
#define EBILL_API_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace ebill::api {

class Metrics {
 public:
  // One finished request: `route` is the registered path or a fixed label
  // ("static", "not_found", "invalid"); `status` the HTTP status sent.
  void record(std::string_view route, int status, std::chrono::nanoseconds elapsed);

  // Requests being handled right now (incremented when a request has been
  // read, decremented once its answer is written).
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // A request answered on the session's strand (App::handle_at_once):
  // inline routes, cached views, refusals; the rest ran on a worker.
  void count_answered_at_once() { at_once_.fetch_add(1, std::memory_order_relaxed); }

  // A failed database call (storage layers call this for every error).
  void count_database_error() { database_errors_.fetch_add(1, std::memory_order_relaxed); }

  std::uint64_t requests(std::string_view route, int status) const;
  std::uint64_t database_errors() const { return database_errors_.load(); }

  // The exposition text served at /metrics (text/plain; version=0.0.4).
  std::string render() const;

  // Latency bucket upper bounds, seconds.
  static constexpr std::array<double, 12> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

 private:
  struct Route {
    std::map<int, std::atomic<std::uint64_t>> by_status;  // guarded insert
  };
  std::atomic<std::uint64_t>& counter(std::string_view route, int status);

  mutable std::shared_mutex mu_;  // guards the maps' shape, not the counts
  std::map<std::string, Route, std::less<>> routes_;
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> latency_{};
  std::atomic<std::uint64_t> latency_sum_us_{0};
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::uint64_t> at_once_{0};
  std::atomic<std::uint64_t> database_errors_{0};
};

// The process's metrics (one server per process).
Metrics& metrics();

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_METRICS_H_
