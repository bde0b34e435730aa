// What one page request asks for and what became of it.
#ifndef EBILL_COMMON_FETCH_FETCH_OUTCOME_H_
#define EBILL_COMMON_FETCH_FETCH_OUTCOME_H_

#include <ctime>
#include <string>
#include <string_view>

namespace ebill {

struct FetchRequest {
  std::string meter_no;
  std::string url;
};

enum class FetchError {
  kNone,        // a 2xx answer; body holds the page
  kTimeout,     // connect or total timeout
  kConnect,     // connection refused, host not resolved, proxy unreachable
  kNetwork,     // reset, empty reply, broken transfer
  kHttpStatus,  // the final answer had a non-2xx status (see status), incl.
                // a 3xx after more than 5 redirects
  kTooLarge,    // body over FetcherOptions::max_body_bytes
  kCancelled,   // the stop flag was raised before it finished
};

// "none", "timeout", "connect", "network", "http_status", "too_large",
// "cancelled".
std::string_view fetch_error_name(FetchError error);

struct FetchOutcome {
  std::string meter_no;
  std::string url;
  long status = 0;        // final HTTP status; 0 when no answer came
  std::string body;       // decoded (gunzipped) body, at most max_body_bytes
  FetchError error = FetchError::kNone;
  std::string detail;     // short human text for logs, e.g. "HTTP 502"
  int attempts = 0;       // attempts started (1 + retries used)
  std::time_t received_at = 0;  // UTC instant the final answer arrived (or gave up)

  bool ok() const { return error == FetchError::kNone; }
};

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_FETCH_OUTCOME_H_
