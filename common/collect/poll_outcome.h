// What polling one meter gave: a reading to store, or why there is none.
// The collector's cycle and the API's /fetch both produce and record these.
#ifndef EBILL_COMMON_COLLECT_POLL_OUTCOME_H_
#define EBILL_COMMON_COLLECT_POLL_OUTCOME_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/domain/reading.h"
#include "common/time/civil_time.h"

namespace ebill::collect {

enum class PollError {
  kNone,         // `reading` holds the accepted reading
  kTimeout,      // connect or total timeout (after the retries)
  kNetwork,      // refused, reset, unresolvable, broken transfer
  kHttpStatus,   // a non-2xx answer that is not a block
  kBlocked,      // HTTP 405 or the site's block page
  kPageChanged,  // a 2xx page we cannot read (parse error, other meter, too large)
  kRejected,     // a readable but absurd value (negative, impossible jump)
  kCancelled,    // the stop flag was raised first; not an attempt
};

// "ok", "timeout", "network", "http_status", "blocked", "page_changed",
// "rejected", "cancelled": stable names for metrics, logs and JSON.
std::string_view poll_error_name(PollError error);

struct PollOutcome;

// "<kind>: <reason>" for a failed outcome ("http_status: HTTP status 502"),
// without repeating a kind the reason already starts with ("blocked: HTTP
// 405"); "" when ok. The text of the log line and of meter_status.last_error.
std::string failure_text(const PollOutcome& outcome);

struct PollOutcome {
  std::string meter_no;
  std::optional<Reading> reading;  // set iff error == kNone
  // kRejected for its jump alone (MAX_JUMP_KWH): the reading, a candidate
  // for the meter's new level (level_confirmation.h).
  std::optional<Reading> jumped;
  // ok: earlier readings of a new level accepted together with `reading`,
  // oldest first; they are stored before it.
  std::vector<Reading> confirmed;
  // ok: a remark kept in meter_status.last_error ("accepted new level ..."),
  // usually empty.
  std::string note;
  PollError error = PollError::kNone;
  std::string reason;              // one short English line; empty when ok
  LocalSeconds attempted_at = 0;   // when the answer arrived (or the attempt
                                   // gave up), APP_TZ wall clock, to the second
  bool ok() const { return error == PollError::kNone; }
};

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_POLL_OUTCOME_H_
