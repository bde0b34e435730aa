#include "api/service/server_settings.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace ebill::api {
namespace {

// Sets `*out` from the test variable `name` when it is set; false when it is
// not a number of milliseconds.
bool test_timeout(const char* name, std::chrono::milliseconds* out) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return true;
  std::string_view text(v);
  long long ms = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec != std::errc() || end != text.data() + text.size() || ms < 1 || ms > 3'600'000) {
    return false;
  }
  *out = std::chrono::milliseconds(ms);
  return true;
}

}  // namespace

Result<ApiServerSettings, std::string> server_settings(const ApiSettings& api) {
  ApiServerSettings s;
  s.host = api.host;
  s.port = static_cast<std::uint16_t>(api.port);
  s.threads = static_cast<unsigned>(api.threads);
  s.web_root = api.web_root;
  s.cors_origins = api.cors_origins;
  if (!test_timeout("EBILL_API_TEST_HEADER_TIMEOUT_MS", &s.header_timeout)) {
    return fail(std::string("EBILL_API_TEST_HEADER_TIMEOUT_MS: not milliseconds"));
  }
  if (!test_timeout("EBILL_API_TEST_IDLE_TIMEOUT_MS", &s.idle_timeout)) {
    return fail(std::string("EBILL_API_TEST_IDLE_TIMEOUT_MS: not milliseconds"));
  }
  return s;
}

}  // namespace ebill::api
