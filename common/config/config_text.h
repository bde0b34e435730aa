// Text rules shared by the setting kinds and the meter list: how a rejected
// value is shown, trimming and splitting, whole numbers and http(s) URLs.
// Pure functions; no environment access.
#ifndef EBILL_COMMON_CONFIG_CONFIG_TEXT_H_
#define EBILL_COMMON_CONFIG_CONFIG_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ebill {

// `(got "value")` for the error line, shortened when long and with control
// characters escaped; "(value hidden)" for a secret variable.
std::string shown_value(std::string_view value, bool secret);

// True when `text` holds a control character (below 0x20, or 0x7f).
bool has_control(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string trim(std::string_view text);

// The parts of `text` between `sep`s, each trimmed; empty parts are kept
// (so positions can be reported), and "" gives no parts.
std::vector<std::string> split_trimmed(std::string_view text, char sep);

// A decimal whole number lo..hi with nothing around it ("+1", " 1", "1e3"
// rejected).
std::optional<int> parse_whole(std::string_view text, int lo, int hi);

// True for "http://host..." or "https://host..." with no whitespace or
// control characters.
bool is_http_url(std::string_view text);

// `url` with any user:password@ part replaced by "***@".
std::string redact_url_credentials(const std::string& url);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_CONFIG_TEXT_H_
