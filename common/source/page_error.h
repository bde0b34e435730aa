// Why a fetched source page gave no reading. The code is for programs
// (retry decisions, metrics); the detail is one short English line for
// people (meter_status.last_error, the /fetch answer, the log).
#ifndef EBILL_COMMON_SOURCE_PAGE_ERROR_H_
#define EBILL_COMMON_SOURCE_PAGE_ERROR_H_

#include <string>
#include <string_view>

namespace ebill::source {

enum class PageErrorCode {
  kHttpStatus,     // a non-2xx answer that is not a block (e.g. 500, 502)
  kBlocked,        // HTTP 405 or the site's block page
  kEmptyBody,      // nothing but white space
  kNotUtf8,        // bytes that are not UTF-8 (e.g. a GBK-encoded page)
  kTruncated,      // the page ends before its closing </html>
  kMissingField,   // a required block is absent, or a label has no value
  kDuplicateField, // the same label twice: we will not pick one
  kNotANumber,     // a value that is not a plain decimal
  kWrongUnit,      // the unit after a value is not the field's unit
  kOutOfRange,     // negative or beyond what a meter can show
  kMeterMismatch,  // the page is for another meter number
};

struct PageError {
  PageErrorCode code;
  std::string detail;  // e.g. "剩余电量 unit is \"元\", expected \"kWh\""
  friend bool operator==(const PageError&, const PageError&) = default;
};

// Stable snake_case name of `code` ("not_a_number"), for metrics and logs.
std::string_view code_name(PageErrorCode code);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_PAGE_ERROR_H_
