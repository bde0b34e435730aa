// Reads typed values of registry variables out of an Environment, for the
// loader. The first invalid value is kept as the error; later calls do
// nothing once one is recorded, so a loader reads like a table.
#ifndef EBILL_COMMON_CONFIG_CONFIG_READER_H_
#define EBILL_COMMON_CONFIG_CONFIG_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config/config_error.h"
#include "common/config/environment.h"
#include "common/domain/amount.h"

namespace ebill {

// `"value"` for the error line, shortened when long; "(value hidden)" for a
// secret variable.
std::string shown_value(std::string_view value, bool secret);

class ConfigReader {
 public:
  explicit ConfigReader(const Environment& env) : env_(env) {}

  // The value of `name`, or its registry default when unset or empty.
  // Throws std::logic_error when `name` is not in the registry (a bug).
  std::string get(std::string_view name) const;

  // Whole number lo..hi.
  void integer(std::string_view name, int lo, int hi, int* out);
  // Like integer(), but an unset/empty value leaves *out nullopt.
  void optional_integer(std::string_view name, int lo, int hi, std::optional<int>* out);
  // Decimal with at most two fraction digits, lo..hi in hundredths.
  void hundredths(std::string_view name, Hundredths lo, Hundredths hi, Hundredths* out);
  // Any text without control characters; empty allowed only if `allow_empty`.
  void text(std::string_view name, bool allow_empty, std::string* out);
  // An http:// or https:// URL with a host and no spaces.
  void http_url(std::string_view name, std::string* out);

  // Records `NAME: what (got "value")` unless an error is already recorded.
  void reject(std::string_view name, std::string_view what);
  // Records `message` as is unless an error is already recorded.
  void reject_raw(std::string message);

  bool failed() const { return error_.has_value(); }
  const ConfigError& error() const { return *error_; }

 private:
  const Environment& env_;
  std::optional<ConfigError> error_;
};

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

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_CONFIG_READER_H_
