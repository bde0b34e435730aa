// Error text from libcurl made safe to log, store in meter_status and show
// in API answers: libcurl quotes the proxy string (which may carry a user
// and password) in some messages.
#ifndef EBILL_COMMON_FETCH_ERROR_TEXT_H_
#define EBILL_COMMON_FETCH_ERROR_TEXT_H_

#include <string>
#include <string_view>

namespace ebill {

// `text` with every occurrence of `proxy` (when not empty) replaced by
// `placeholder`, and the user:password part of any "scheme://user:pass@host"
// replaced by "***". (The notification channels pass their URL, which may
// hold a token, as `proxy`.)
std::string scrub_error_text(std::string text, const std::string& proxy,
                             std::string_view placeholder = "<proxy>");

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_ERROR_TEXT_H_
