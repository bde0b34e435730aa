// Fetches many pages at once with libcurl's multi interface, driven by its
// own poll loop on the calling thread: at most `concurrency` transfers in
// flight, request starts to one host spaced by the max_rps cap, retries with
// exponential backoff and jitter for network errors and 5xx (never for 4xx),
// gzip, a mobile User-Agent, up to 5 redirects, an optional proxy. The
// fetcher keeps its connections open between calls, so reuse one instance.
#ifndef EBILL_COMMON_FETCH_PAGE_FETCHER_H_
#define EBILL_COMMON_FETCH_PAGE_FETCHER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "common/fetch/fetch_outcome.h"
#include "common/fetch/fetcher_options.h"

namespace ebill {

class PageFetcher {
 public:
  using OnOutcome = std::function<void(const FetchOutcome&)>;

  explicit PageFetcher(FetcherOptions settings);
  ~PageFetcher();
  PageFetcher(const PageFetcher&) = delete;
  PageFetcher& operator=(const PageFetcher&) = delete;

  // Fetches every request and returns one outcome per request, in request
  // order. `on_outcome`, if set, is called on this thread as each request
  // reaches its final outcome (after its last attempt). When `*stop` turns
  // true the call returns within ~100 ms: in-flight transfers are abandoned
  // and every unfinished request comes back as kCancelled. One call at a
  // time per instance.
  std::vector<FetchOutcome> fetch(const std::vector<FetchRequest>& requests,
                                  const std::atomic<bool>* stop = nullptr,
                                  const OnOutcome& on_outcome = {});

  // Wakes a fetch() blocked in its poll at once (e.g. right after setting
  // the stop flag). Safe from any thread, not from a signal handler.
  void wake();

  const FetcherOptions& settings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_PAGE_FETCHER_H_
