// The variables the configuration is read from: the process environment
// merged over an optional .env file. Tests build an Environment by hand and
// never touch the real process environment.
#ifndef EBILL_COMMON_CONFIG_ENVIRONMENT_H_
#define EBILL_COMMON_CONFIG_ENVIRONMENT_H_

#include <map>
#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/config/config_error.h"

namespace ebill {

using Environment = std::map<std::string, std::string, std::less<>>;

// Parses .env text as existing installations write it: `KEY=value` lines,
// optional `export `, blank lines, full-line `#` comments, single quotes
// (literal), double quotes (\n \t \" \\ escapes), quoted values spanning
// lines, and ` # comment` after an unquoted value. A later line for the same
// key wins. A malformed line is an error naming `file_name` and the line.
Result<Environment, ConfigError> parse_dotenv(std::string_view text,
                                              const std::string& file_name);

// Reads the .env file at `path`; a missing file is an empty Environment, an
// unreadable one an error.
Result<Environment, ConfigError> read_dotenv_file(const std::string& path);

// Every variable of this process's environment (environ).
Environment process_environment();

// `file` overlaid by `process`: a variable set to a non-empty value in the
// process environment wins; an empty one does not hide the file's value.
Environment merge_environment(const Environment& process,
                              const Environment& file);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_ENVIRONMENT_H_
