// libcurl's process-wide initialisation.
#ifndef EBILL_COMMON_FETCH_CURL_GLOBAL_H_
#define EBILL_COMMON_FETCH_CURL_GLOBAL_H_

namespace ebill {

// Calls curl_global_init once per process (thread-safe; later calls do
// nothing). PageFetcher calls it itself; call it early in main() too, before
// other threads start, as libcurl recommends.
void ensure_curl_initialized();

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_CURL_GLOBAL_H_
