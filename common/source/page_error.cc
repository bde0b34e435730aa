#include "common/source/page_error.h"

namespace ebill::source {

std::string_view code_name(PageErrorCode code) {
  switch (code) {
    case PageErrorCode::kHttpStatus: return "http_status";
    case PageErrorCode::kBlocked: return "blocked";
    case PageErrorCode::kEmptyBody: return "empty_body";
    case PageErrorCode::kNotUtf8: return "not_utf8";
    case PageErrorCode::kTruncated: return "truncated";
    case PageErrorCode::kMissingField: return "missing_field";
    case PageErrorCode::kDuplicateField: return "duplicate_field";
    case PageErrorCode::kNotANumber: return "not_a_number";
    case PageErrorCode::kWrongUnit: return "wrong_unit";
    case PageErrorCode::kOutOfRange: return "out_of_range";
    case PageErrorCode::kMeterMismatch: return "meter_mismatch";
  }
  return "unknown";
}

}  // namespace ebill::source
