// The shared poll pipeline: fetch the source page of each meter through one
// PageFetcher and judge every answer (judge.h). Used by the collector's cycle
// and by the API's /fetch. Nothing is stored here: see record.h.
#ifndef EBILL_COMMON_COLLECT_POLL_H_
#define EBILL_COMMON_COLLECT_POLL_H_

#include <atomic>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/collect/poll_outcome.h"
#include "common/config/settings.h"
#include "common/domain/reading.h"
#include "common/fetch/page_fetcher.h"

namespace ebill::collect {

// Each meter's latest stored reading, by meter number (the jump check's
// reference). A meter without an entry gets no jump check.
using LatestReadings = std::unordered_map<std::string, Reading>;

// Polls `meters` (URLs from fetch.source_url) with the fetcher's concurrency,
// rate cap and retries; returns one outcome per meter, in the order given.
// When `*stop` turns true it returns within ~100 ms, unfinished meters as
// kCancelled. Blocks the calling thread; one call at a time per fetcher.
std::vector<PollOutcome> poll_meters(PageFetcher& fetcher, const FetchSettings& fetch,
                                     const std::vector<std::string>& meters,
                                     const LatestReadings& latest,
                                     const std::atomic<bool>* stop = nullptr);

// poll_meters for a single meter (the API's /fetch).
PollOutcome poll_meter(PageFetcher& fetcher, const FetchSettings& fetch,
                       const std::string& meter_no, const std::optional<Reading>& latest);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_POLL_H_
