#include "common/fetch/fetch_outcome.h"

namespace ebill {

std::string_view fetch_error_name(FetchError error) {
  switch (error) {
    case FetchError::kNone: return "none";
    case FetchError::kTimeout: return "timeout";
    case FetchError::kConnect: return "connect";
    case FetchError::kNetwork: return "network";
    case FetchError::kHttpStatus: return "http_status";
    case FetchError::kTooLarge: return "too_large";
    case FetchError::kCancelled: return "cancelled";
  }
  return "unknown";
}

}  // namespace ebill
