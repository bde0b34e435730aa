// Which failed attempts are tried again, and how long to wait first.
// Pure functions: the caller supplies the randomness.
#ifndef EBILL_COMMON_FETCH_RETRY_POLICY_H_
#define EBILL_COMMON_FETCH_RETRY_POLICY_H_

#include "common/fetch/fetch_outcome.h"

namespace ebill {

// Network trouble (timeout, connect, network) and 5xx answers are worth
// another try; 4xx (incl. 405), too_large and cancelled are not.
bool is_retryable(FetchError error, long status);

// Wait before attempt number `next_attempt` (2 = the first retry), in ms:
// d = min(cap, base * 2^(next_attempt-2)), then "equal jitter": d/2 + unit * d/2,
// where `unit` in [0, 1) comes from the caller's random source.
int backoff_ms(int next_attempt, int base_ms, int cap_ms, double unit);

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_RETRY_POLICY_H_
