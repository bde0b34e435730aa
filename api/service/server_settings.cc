#include "api/service/server_settings.h"

namespace ebill::api {

ApiServerSettings server_settings(const ApiSettings& api) {
  ApiServerSettings s;
  s.host = api.host;
  s.port = static_cast<std::uint16_t>(api.port);
  s.threads = static_cast<unsigned>(api.threads);
  s.web_root = api.web_root;
  s.cors_origins = api.cors_origins;
  if (api.test_header_timeout_ms) s.header_timeout = std::chrono::milliseconds(*api.test_header_timeout_ms);
  if (api.test_idle_timeout_ms) s.idle_timeout = std::chrono::milliseconds(*api.test_idle_timeout_ms);
  return s;
}

}  // namespace ebill::api
