// What the simulator answers, independent of the HTTP library: routes a
// request line to the recharge page (with the meter's fault mode applied)
// or to the /_control endpoints.
//
//   GET  /nat/pay.aspx?mid=<n>            the page (n: 1..32 of [0-9A-Za-z-])
//   GET|POST /_control/fault?mid=X&mode=Y per-meter override (mode=none clears);
//                                         without mid: the global mode;
//                                         without mode: reads the current mode
//   GET|POST /_control/latency?ms=N       delay every page answer by N ms
//   GET  /_control/stats[?mid=X]          request counters as JSON
//   GET|POST /_control/reset              zero the counters
//   GET  /_control/time                   {"now":"YYYY-MM-DD HH:MM:SS"}
//   GET  /_control/redirect?mid=X&hops=N  N 302 redirects ending at X's page
//   GET|POST /_control/balance?mid=X&add=K shift X's balance by K kWh (e.g.
//                                         "700.00", "-12.5") from now on
// Absolute-form targets (http://any-host/nat/pay.aspx?...) are answered the
// same way, so the simulator also works as the fetcher's HTTP proxy.
#ifndef EBILL_TESTS_SIM_SIM_SERVICE_H_
#define EBILL_TESTS_SIM_SIM_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "tests/sim/balance_offsets.h"
#include "tests/sim/fault_mode.h"
#include "tests/sim/sim_clock.h"
#include "tests/sim/sim_stats.h"

namespace ebill::sim {

struct SimRequest {
  std::string_view method;  // "GET", "POST", ...
  std::string_view target;  // path and query
  bool accepts_gzip = false;
};

struct SimResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string content_encoding;  // "gzip" or empty
  std::string body;
  std::string location;     // Location header of a redirect
  int delay_ms = 0;         // answer only after this long
  bool reset = false;       // drop the connection (RST) instead of answering
  bool is_page = false;     // a page request: counts in the in-flight stats
  LocalSeconds sim_time = 0;  // sent as X-Sim-Time
};

struct SimOptions {
  std::uint64_t seed = 1;
  int slow_ms = 20000;  // delay of the "slow" fault
  int latency_ms = 0;   // added to every page answer
};

class SimService {
 public:
  SimService(const SimOptions& options, SimClock clock, FaultRules* faults)
      : seed_(options.seed), slow_ms_(options.slow_ms), latency_ms_(options.latency_ms),
        clock_(clock), faults_(faults) {}

  SimResponse handle(const SimRequest& request);
  SimStats& stats() { return stats_; }

 private:
  SimResponse page(std::string_view method, std::string_view mid, bool gzip);
  SimResponse control(std::string_view path, std::string_view query);

  std::uint64_t seed_;
  int slow_ms_;
  std::atomic<int> latency_ms_;
  SimClock clock_;
  FaultRules* faults_;
  BalanceOffsets offsets_;
  SimStats stats_;
};

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_SIM_SERVICE_H_
