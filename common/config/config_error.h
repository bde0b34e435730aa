// Why the configuration cannot be used: one line naming the variable (or the
// .env file and line), what is wrong, and the bad value unless it is secret.
// Programs print it and exit with status 2.
#ifndef EBILL_COMMON_CONFIG_CONFIG_ERROR_H_
#define EBILL_COMMON_CONFIG_CONFIG_ERROR_H_

#include <string>

namespace ebill {

struct ConfigError {
  std::string message;  // e.g. `PORT: must be a whole number from 0 to 65535 (got "x")`
};

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_CONFIG_ERROR_H_
