#include "common/collect/judge.h"

#include <string>

#include "common/collect/plausibility.h"
#include "common/log/log.h"
#include "common/source/block_page.h"
#include "common/source/meter_page.h"
#include "common/time/time_zone.h"

namespace ebill::collect {

namespace {

PollError from_fetch_error(FetchError error) {
  switch (error) {
    case FetchError::kNone: return PollError::kNone;
    case FetchError::kTimeout: return PollError::kTimeout;
    case FetchError::kConnect:
    case FetchError::kNetwork: return PollError::kNetwork;
    case FetchError::kHttpStatus: return PollError::kHttpStatus;
    case FetchError::kTooLarge: return PollError::kPageChanged;
    case FetchError::kCancelled: return PollError::kCancelled;
  }
  return PollError::kNetwork;
}

PollError from_page_error(source::PageErrorCode code) {
  switch (code) {
    case source::PageErrorCode::kHttpStatus: return PollError::kHttpStatus;
    case source::PageErrorCode::kBlocked: return PollError::kBlocked;
    default: return PollError::kPageChanged;
  }
}

}  // namespace

PollOutcome judge(const FetchOutcome& fetched, const std::optional<Reading>& previous,
                  Hundredths max_jump) {
  PollOutcome out;
  out.meter_no = fetched.meter_no;
  out.attempted_at = to_local(fetched.received_at);
  auto fail = [&](PollError error, std::string reason) {
    out.error = error;
    out.reason = std::move(reason);
    return out;
  };

  if (!fetched.ok()) {
    // A 405 or a block page comes back from the fetcher as http_status with
    // its body; classify_http tells them apart.
    if (fetched.error == FetchError::kHttpStatus) {
      if (auto e = source::classify_http(static_cast<int>(fetched.status), fetched.body)) {
        return fail(from_page_error(e->code), e->detail);
      }
    }
    return fail(from_fetch_error(fetched.error),
                fetched.detail.empty() ? std::string(fetch_error_name(fetched.error)) : fetched.detail);
  }
  if (auto e = source::classify_http(static_cast<int>(fetched.status), fetched.body)) {
    return fail(from_page_error(e->code), e->detail);
  }
  auto page = source::parse_meter_page(fetched.body, fetched.meter_no);
  if (!page.ok()) return fail(from_page_error(page.error().code), page.error().detail);

  Reading reading = source::to_reading(*page, out.attempted_at);
  std::string why = impossibility(reading);
  if (why.empty() && previous) {
    why = jump_beyond(reading, *previous, max_jump);
    if (!why.empty()) out.jumped = reading;
  }
  if (!why.empty()) {
    log::warn("meter {}: reading rejected: {}", out.meter_no, why);
    return fail(PollError::kRejected, why);
  }
  out.reading = std::move(reading);
  return out;
}

}  // namespace ebill::collect
