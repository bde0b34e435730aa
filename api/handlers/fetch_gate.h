// Who may trigger a manual fetch, and how often: the FETCH_TOKEN check and
// the per-meter cooldown (MANUAL_FETCH_COOLDOWN_SECONDS) of /fetch.
#ifndef EBILL_API_HANDLERS_FETCH_GATE_H_
#define EBILL_API_HANDLERS_FETCH_GATE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "api/server/http_types.h"

namespace ebill::api {

class FetchGate {
 public:
  // `token` empty: no authentication. `cooldown_s` >= 0. At most
  // `max_in_flight` (>= 1) fetches run at once, so manual fetches (each may
  // block a worker for FETCH_TIMEOUT × retries) never take every worker.
  FetchGate(std::string token, int cooldown_s, int max_in_flight);

  // True when no token is configured, or the request carries it as
  // "Authorization: Bearer <token>" or the `token` parameter. The comparison
  // takes the same time wherever the first difference is.
  bool authorized(const Request& request) const;

  // Reserves a fetch of `meter_no` now: 0 when allowed (the cooldown starts),
  // else the whole seconds to wait (>= 1). Thread-safe.
  int reserve(const std::string& meter_no);

  // Holds one of the max_in_flight places while it lives.
  class Slot {
   public:
    explicit Slot(FetchGate* gate) : gate_(gate) {}
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    explicit operator bool() const { return gate_ != nullptr; }

   private:
    FetchGate* gate_;
  };
  // A place for a fetch, or an empty Slot when max_in_flight are running.
  Slot enter();

 private:
  std::string token_;
  std::chrono::seconds cooldown_;
  int max_in_flight_;
  std::mutex mu_;
  int in_flight_ = 0;
  std::map<std::string, std::chrono::steady_clock::time_point> last_;
};

// The 401 answer for a request without the operator token.
Response unauthorized_response();
// The 429 answer when every manual-operation slot is taken.
Response busy_response();

// Equal strings, compared in time that depends only on their lengths.
bool constant_time_equals(const std::string& a, const std::string& b);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_FETCH_GATE_H_
