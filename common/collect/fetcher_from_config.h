// The one place the configuration's fetch settings become the page
// fetcher's options.
#ifndef EBILL_COMMON_COLLECT_FETCHER_FROM_CONFIG_H_
#define EBILL_COMMON_COLLECT_FETCHER_FROM_CONFIG_H_

#include "common/config/settings.h"
#include "common/fetch/fetcher_options.h"

namespace ebill::collect {

// Timeouts (seconds → ms), retries, proxy and User-Agent from `fetch`;
// `concurrency` (>= 1) transfers at once and `max_rps` request starts per
// second to one host (0 = no cap). The collector passes FETCH_CONCURRENCY
// and FETCH_MAX_RPS; the API's /fetch of one meter passes 1 and 0.
FetcherOptions fetcher_options(const FetchSettings& fetch, int concurrency, int max_rps);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_FETCHER_FROM_CONFIG_H_
