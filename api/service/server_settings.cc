#include "api/service/server_settings.h"

namespace ebill::api {

ApiServerSettings server_settings(const ApiSettings& api) {
  ApiServerSettings s;
  s.host = api.host;
  s.port = static_cast<std::uint16_t>(api.port);
  s.threads = static_cast<unsigned>(api.threads);
  s.web_root = api.web_root;
  s.cors_origins = api.cors_origins;
  s.workers = static_cast<unsigned>(api.workers);
  s.queue_limit = static_cast<std::size_t>(api.queue_limit);
  s.queue_deadline = std::chrono::seconds(api.queue_timeout_s);
  s.max_connections = static_cast<std::size_t>(api.max_connections);
  s.max_connections_per_client = static_cast<std::size_t>(api.max_connections_per_client);
  if (api.test_header_timeout_ms) s.header_timeout = std::chrono::milliseconds(*api.test_header_timeout_ms);
  if (api.test_idle_timeout_ms) s.idle_timeout = std::chrono::milliseconds(*api.test_idle_timeout_ms);
  return s;
}

}  // namespace ebill::api
