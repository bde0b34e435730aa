// Request counters of the simulator, read by tests through /_control/stats:
// page requests per meter, in total, in flight now, and the most ever in
// flight at once (to check a client's concurrency bound). Thread-safe.
#ifndef EBILL_TESTS_SIM_SIM_STATS_H_
#define EBILL_TESTS_SIM_SIM_STATS_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ebill::sim {

class SimStats {
 public:
  void count_request(std::string_view meter_no);
  // Bracket a page request from the moment it is read until its answer is
  // written (or the connection drops).
  void enter();
  void leave();
  void reset();

  std::uint64_t requests_for(std::string_view meter_no) const;
  // {"total":N,"in_flight":N,"max_concurrent":N,"meters":{"<no>":N,...}}
  std::string to_json() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t, std::less<>> per_meter_;
  std::atomic<std::uint64_t> total_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_SIM_STATS_H_
