// The server's settings from the loaded configuration.
#ifndef EBILL_API_SERVICE_SERVER_SETTINGS_H_
#define EBILL_API_SERVICE_SERVER_SETTINGS_H_

#include "api/server/settings.h"
#include "common/config/settings.h"

namespace ebill::api {

// The listener part of `api` (already checked by the configuration loader),
// with the test hooks' timeouts in place of the server's own when set.
ApiServerSettings server_settings(const ApiSettings& api);

}  // namespace ebill::api

#endif  // EBILL_API_SERVICE_SERVER_SETTINGS_H_
