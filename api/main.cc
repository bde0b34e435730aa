// ebill-api: the HTTP server for the page, scripts and operators.
// Usage: ebill-api [--port N]   (N = 0 picks a free port)
// The first stdout line is "listening on HOST:PORT".
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/env_settings.h"
#include "api/server/app.h"
#include "api/server/server.h"
#include "api/test_routes.h"
#include "common/log/log.h"

int main(int argc, char** argv) {
  using namespace ebill;
  auto settings = api::settings_from_env();
  if (!settings) {
    std::fprintf(stderr, "ebill-api: %s\n", settings.error().c_str());
    return 2;
  }
  api::ApiServerSettings s = *settings;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--port" && i + 1 < argc) {
      char* end = nullptr;
      long port = std::strtol(argv[++i], &end, 10);
      if (!end || *end != '\0' || port < 0 || port > 65535) {
        std::fprintf(stderr, "ebill-api: --port: not a port number: %s\n", argv[i]);
        return 2;
      }
      s.port = static_cast<std::uint16_t>(port);
    } else {
      std::fprintf(stderr, "ebill-api: unknown argument: %s\n", argv[i]);
      return 2;
    }
  }

  api::App app(s);
  const char* test_routes = std::getenv("EBILL_API_TEST_ROUTES");
  if (test_routes && std::string_view(test_routes) == "1") api::add_test_routes(app.router());

  api::Server server(s, app);
  auto port = server.listen();
  if (!port) {
    log::error("api: {}", port.error());
    return 1;
  }
  server.stop_on_signals();
  std::printf("listening on %s:%u\n", s.host.c_str(), static_cast<unsigned>(*port));
  std::fflush(stdout);
  log::info("api: listening on {}:{} web_root={}", s.host, *port, s.web_root);
  server.run();
  log::info("api: stopped");
  return 0;
}
