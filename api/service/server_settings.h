// The server's settings from the loaded configuration.
#ifndef EBILL_API_SERVICE_SERVER_SETTINGS_H_
#define EBILL_API_SERVICE_SERVER_SETTINGS_H_

#include <string>

#include "api/server/settings.h"
#include "common/base/result.h"
#include "common/config/settings.h"

namespace ebill::api {

// HOST, PORT, API_THREADS, WEB_ROOT, CORS_ORIGINS from `api`, plus the
// test-only EBILL_API_TEST_HEADER_TIMEOUT_MS and EBILL_API_TEST_IDLE_TIMEOUT_MS
// (milliseconds) from the environment. Error: one line naming the variable.
Result<ApiServerSettings, std::string> server_settings(const ApiSettings& api);

}  // namespace ebill::api

#endif  // EBILL_API_SERVICE_SERVER_SETTINGS_H_
