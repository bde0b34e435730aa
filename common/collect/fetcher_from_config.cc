#include "common/collect/fetcher_from_config.h"

#include <algorithm>

namespace ebill::collect {

FetcherOptions fetcher_options(const FetchSettings& fetch, int concurrency, int max_rps) {
  FetcherOptions o;
  o.concurrency = std::max(1, concurrency);
  o.max_rps = std::max(0, max_rps);
  o.connect_timeout_ms = fetch.connect_timeout_s * 1000;
  o.total_timeout_ms = fetch.timeout_s * 1000;
  o.retries = fetch.retries;
  o.user_agent = fetch.user_agent;
  o.proxy = fetch.proxy;
  return o;
}

}  // namespace ebill::collect
