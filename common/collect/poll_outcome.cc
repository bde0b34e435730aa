#include "common/collect/poll_outcome.h"

namespace ebill::collect {

std::string_view poll_error_name(PollError error) {
  switch (error) {
    case PollError::kNone: return "ok";
    case PollError::kTimeout: return "timeout";
    case PollError::kNetwork: return "network";
    case PollError::kHttpStatus: return "http_status";
    case PollError::kBlocked: return "blocked";
    case PollError::kPageChanged: return "page_changed";
    case PollError::kRejected: return "rejected";
    case PollError::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string failure_text(const PollOutcome& outcome) {
  if (outcome.ok()) return "";
  const std::string kind(poll_error_name(outcome.error));
  if (outcome.reason.rfind(kind + ":", 0) == 0) return outcome.reason;
  return kind + ": " + outcome.reason;
}

}  // namespace ebill::collect
