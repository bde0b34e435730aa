// A secret given by the name of the variable that holds it: `<key>_env` in
// DEVICES_JSON and `<NAME>_env` for a setting marked so in the registry
// (MQTT_PASSWORD_env=EBILL_MQTT_SECRET). Pure; the errors never hold the
// secret, only (the first 80 bytes of) the name.
#ifndef EBILL_COMMON_CONFIG_NAMED_SECRET_H_
#define EBILL_COMMON_CONFIG_NAMED_SECRET_H_

#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/config/environment.h"

namespace ebill {

// The value of the variable `name` in `env`, or what is wrong:
// "must name a variable" (empty name) or "names X, which is not set"
// (absent or empty).
Result<std::string, std::string> secret_named_by(const Environment& env, std::string_view name);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_NAMED_SECRET_H_
