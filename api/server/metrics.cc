#include "api/server/metrics.h"

#include <fmt/format.h>

#include <mutex>

namespace ebill::api {

std::atomic<std::uint64_t>& Metrics::counter(std::string_view route, int status) {
  {
    std::shared_lock lock(mu_);
    auto r = routes_.find(route);
    if (r != routes_.end()) {
      auto s = r->second.by_status.find(status);
      if (s != r->second.by_status.end()) return s->second;
    }
  }
  std::unique_lock lock(mu_);
  auto r = routes_.find(route);
  if (r == routes_.end()) r = routes_.emplace(std::string(route), Route{}).first;
  return r->second.by_status[status];  // std::map nodes never move
}

void Metrics::record(std::string_view route, int status, std::chrono::nanoseconds elapsed) {
  counter(route, status).fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  latency_[bucket].fetch_add(1, std::memory_order_relaxed);
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  latency_sum_us_.fetch_add(static_cast<std::uint64_t>(us), std::memory_order_relaxed);
}

std::uint64_t Metrics::requests(std::string_view route, int status) const {
  std::shared_lock lock(mu_);
  auto r = routes_.find(route);
  if (r == routes_.end()) return 0;
  auto s = r->second.by_status.find(status);
  return s == r->second.by_status.end() ? 0 : s->second.load();
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP ebill_api_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE ebill_api_requests_total counter\n";
  {
    std::shared_lock lock(mu_);
    for (const auto& [route, r] : routes_) {
      for (const auto& [status, n] : r.by_status) {
        out += fmt::format("ebill_api_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                           route, status, n.load(std::memory_order_relaxed));
      }
    }
  }
  out += "# HELP ebill_api_request_duration_seconds Time from request read to answer written.\n";
  out += "# TYPE ebill_api_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += latency_[i].load(std::memory_order_relaxed);
    out += fmt::format("ebill_api_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[i], cumulative);
  }
  cumulative += latency_[kBuckets.size()].load(std::memory_order_relaxed);
  out += fmt::format("ebill_api_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("ebill_api_request_duration_seconds_sum {:.6f}\n",
                     static_cast<double>(latency_sum_us_.load()) / 1e6);
  out += fmt::format("ebill_api_request_duration_seconds_count {}\n", cumulative);
  out += "# HELP ebill_api_requests_in_flight Requests being answered now.\n";
  out += "# TYPE ebill_api_requests_in_flight gauge\n";
  out += fmt::format("ebill_api_requests_in_flight {}\n", in_flight_.load());
  out += "# HELP ebill_api_requests_at_once_total Requests answered on an I/O thread, "
         "without a worker (inline routes, cached views, refusals).\n";
  out += "# TYPE ebill_api_requests_at_once_total counter\n";
  out += fmt::format("ebill_api_requests_at_once_total {}\n", at_once_.load());
  out += "# HELP ebill_api_database_errors_total Failed database calls.\n";
  out += "# TYPE ebill_api_database_errors_total counter\n";
  out += fmt::format("ebill_api_database_errors_total {}\n", database_errors_.load());
  return out;
}

Metrics& metrics() {
  static Metrics instance;
  return instance;
}

}  // namespace ebill::api
