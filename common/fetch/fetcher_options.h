// How pages are fetched. Filled by the configuration loader from FETCH_*
// variables; consumed by PageFetcher. Plain data.
#ifndef EBILL_COMMON_FETCH_FETCHER_OPTIONS_H_
#define EBILL_COMMON_FETCH_FETCHER_OPTIONS_H_

#include <cstddef>
#include <string>

namespace ebill {

struct FetcherOptions {
  int concurrency = 8;              // FETCH_CONCURRENCY: transfers in flight at once (>= 1)
  double max_rps = 10;              // FETCH_MAX_RPS: request starts per second to one host; 0 = no cap
  int connect_timeout_ms = 5000;    // FETCH_CONNECT_TIMEOUT_MS
  int total_timeout_ms = 15000;     // FETCH_TIMEOUT_MS: whole transfer, per attempt
  int retries = 2;                  // FETCH_RETRIES: extra attempts after a retryable failure
  int backoff_base_ms = 500;        // FETCH_BACKOFF_BASE_MS: first retry waits ~this long
  int backoff_cap_ms = 8000;        // longest wait between attempts
  std::string user_agent =          // FETCH_USER_AGENT: a mobile browser
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
      "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
  std::string proxy;                // FETCH_PROXY: e.g. "http://host:3128"; empty = direct
                                    // (http_proxy and friends are ignored)
  std::size_t max_body_bytes = 1 << 20;  // larger answers fail as too_large
};

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_FETCHER_OPTIONS_H_
