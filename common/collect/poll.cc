#include "common/collect/poll.h"

#include "common/collect/judge.h"
#include "common/collect/source_url.h"

namespace ebill::collect {

std::vector<PollOutcome> poll_meters(PageFetcher& fetcher, const FetchSettings& fetch,
                                     const std::vector<std::string>& meters,
                                     const LatestReadings& latest,
                                     const std::atomic<bool>* stop) {
  std::vector<FetchRequest> requests;
  requests.reserve(meters.size());
  for (const std::string& m : meters) requests.push_back({m, meter_url(fetch.source_url, m)});
  const std::vector<FetchOutcome> fetched = fetcher.fetch(requests, stop);

  std::vector<PollOutcome> outcomes;
  outcomes.reserve(fetched.size());
  for (const FetchOutcome& f : fetched) {
    const auto it = latest.find(f.meter_no);
    outcomes.push_back(judge(f, it == latest.end() ? std::nullopt : std::optional<Reading>(it->second),
                             fetch.max_jump_kwh));
  }
  return outcomes;
}

PollOutcome poll_meter(PageFetcher& fetcher, const FetchSettings& fetch,
                       const std::string& meter_no, const std::optional<Reading>& latest) {
  LatestReadings map;
  if (latest) map.emplace(meter_no, *latest);
  return poll_meters(fetcher, fetch, {meter_no}, map).front();
}

}  // namespace ebill::collect
