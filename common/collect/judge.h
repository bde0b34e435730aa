// From one fetched answer to a PollOutcome: classify the HTTP answer, parse
// the page for the meter asked for, check plausibility, stamp the time.
// Pure apart from reading the installed zone (to_local).
#ifndef EBILL_COMMON_COLLECT_JUDGE_H_
#define EBILL_COMMON_COLLECT_JUDGE_H_

#include <optional>

#include "common/collect/poll_outcome.h"
#include "common/domain/amount.h"
#include "common/domain/reading.h"
#include "common/fetch/fetch_outcome.h"

namespace ebill::collect {

// `fetched` is the fetcher's final outcome for `fetched.meter_no`;
// `previous` that meter's latest stored reading (for the jump check).
// attempted_at and the reading's collected_at are to_local(received_at),
// i.e. APP_TZ wall clock to the second. A failed outcome always has a
// non-empty reason. Rejections are logged (warn) here.
PollOutcome judge(const FetchOutcome& fetched, const std::optional<Reading>& previous,
                  Hundredths max_jump);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_JUDGE_H_
