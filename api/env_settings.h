// Reads ApiServerSettings from the environment (HOST, PORT, API_THREADS,
// WEB_ROOT, CORS_ORIGINS) until the configuration loader takes this over.
#ifndef EBILL_API_ENV_SETTINGS_H_
#define EBILL_API_ENV_SETTINGS_H_

#include <string>

#include "api/server/settings.h"
#include "common/base/result.h"

namespace ebill::api {

// The settings, or one line naming the bad setting ("PORT: not a port
// number: abc"). Test-only overrides: EBILL_API_TEST_HEADER_TIMEOUT_MS and
// EBILL_API_TEST_IDLE_TIMEOUT_MS (milliseconds).
Result<ApiServerSettings, std::string> settings_from_env();

}  // namespace ebill::api

#endif  // EBILL_API_ENV_SETTINGS_H_
