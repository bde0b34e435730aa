// Who may trigger the operator routes (/fetch, /test_notification), and how
// often: same-site requests only, the FETCH_TOKEN check with a limit on wrong
// tokens per client, and the per-meter cooldown.
#ifndef EBILL_API_HANDLERS_FETCH_GATE_H_
#define EBILL_API_HANDLERS_FETCH_GATE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "api/access/failure_limiter.h"
#include "api/server/http_types.h"

namespace ebill::api {

class FetchGate {
 public:
  // `token` empty: no authentication. `cooldown_s` >= 0. At most
  // `max_in_flight` (>= 1) fetches run at once, so manual fetches (each may
  // block a worker for FETCH_TIMEOUT × retries) never take every worker.
  // `test_cooldown_s` (>= 0) is /test_notification's per-meter cooldown.
  // Wrong tokens are counted in `failures` (shared with the sign-in), which
  // must outlive the gate.
  FetchGate(std::string token, int cooldown_s, int test_cooldown_s, int max_in_flight,
            FailureLimiter& failures);

  // The refusal for a request that may not trigger an operator route, or
  // nullopt: 403 cross_site (same_site() is false), 429 after 5 wrong
  // tokens from the client's address within a minute (FailureLimiter's
  // defaults: at most 4096 addresses remembered), 401 without the
  // token (only "Authorization: Bearer <token>" counts; the comparison takes
  // the same time wherever the first difference is). A request the access
  // gate admitted to operate (request.access.may_operate: the signed-in
  // admin, a share link with --allow-fetch) needs no token. Thread-safe.
  std::optional<Response> refuse(const Request& request);

  // Reserves a fetch of `meter_no` now: 0 when allowed (the cooldown starts),
  // else the whole seconds to wait (>= 1). Thread-safe.
  int reserve(const std::string& meter_no);
  // The same for a test notification of `meter_no` (its own cooldown).
  int reserve_test_notification(const std::string& meter_no);

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
  int reserve_key(const std::string& key, std::chrono::seconds cooldown);

  std::chrono::seconds cooldown_;
  std::chrono::seconds test_cooldown_;
  int max_in_flight_;
  std::mutex mu_;
  int in_flight_ = 0;
  std::map<std::string, std::chrono::steady_clock::time_point> last_;
  FailureLimiter& failures_;
};

// A request a page of this server made, or a script's: Sec-Fetch-Site is
// same-origin or none; without it, Origin (else Referer) names the Host
// header's host and port; with none of them (curl), true.
bool same_site(const Request& request);

// The token of "Authorization: Bearer <token>" (scheme case-insensitive),
// or nullopt.
std::optional<std::string> bearer_token(const Request& request);

// The 401 answer for a request without the operator token.
Response unauthorized_response();
// The 429 answer for a cooldown: "<why>; retry in N s" and Retry-After: N.
Response cooldown_response(const std::string& why, int wait_s);
// The 429 answer when every manual-operation slot is taken.
Response busy_response();

// Equal strings, compared in time that depends only on their lengths.
bool constant_time_equals(const std::string& a, const std::string& b);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_FETCH_GATE_H_
