#include "api/env_settings.h"

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace ebill::api {
namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::optional<long long> parse_int(std::string_view text, long long min, long long max) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Result<ApiServerSettings, std::string> settings_from_env() {
  ApiServerSettings s;
  if (auto v = env("HOST")) s.host = *v;
  if (auto v = env("PORT")) {
    auto port = parse_int(*v, 0, 65535);
    if (!port) return fail("PORT: not a port number: " + *v);
    s.port = static_cast<std::uint16_t>(*port);
  }
  if (auto v = env("API_THREADS")) {
    auto n = parse_int(*v, 1, 256);
    if (!n) return fail("API_THREADS: not a thread count (1-256): " + *v);
    s.threads = static_cast<unsigned>(*n);
  }
  if (auto v = env("WEB_ROOT")) s.web_root = *v;
  if (auto v = env("CORS_ORIGINS")) {
    std::string_view rest = *v;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string origin = trim(rest.substr(0, comma));
      if (!origin.empty()) s.cors_origins.push_back(origin);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (auto v = env("EBILL_API_TEST_HEADER_TIMEOUT_MS")) {
    auto ms = parse_int(*v, 1, 3'600'000);
    if (!ms) return fail("EBILL_API_TEST_HEADER_TIMEOUT_MS: not milliseconds: " + *v);
    s.header_timeout = std::chrono::milliseconds(*ms);
  }
  if (auto v = env("EBILL_API_TEST_IDLE_TIMEOUT_MS")) {
    auto ms = parse_int(*v, 1, 3'600'000);
    if (!ms) return fail("EBILL_API_TEST_IDLE_TIMEOUT_MS: not milliseconds: " + *v);
    s.idle_timeout = std::chrono::milliseconds(*ms);
  }
  return s;
}

}  // namespace ebill::api
