// ebill-api: the HTTP server for the page, scripts and operators.
// Usage: ebill-api [--port N] | --help | --help-markdown | --version
//        (N = 0 picks a free port; --help-markdown prints the settings table)
//        ebill-api rebuild-summaries [--meter X]
//        ebill-api share create|list|revoke ... (api/access/share_cli.h)
// The first stdout line is "listening on HOST:PORT". A bad setting prints one
// line naming it and exits 2. The database opens in the background (the
// server answers at once); /readyz answers 503 until it is open.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "api/access/access_gate.h"
#include "api/access/access_routes.h"
#include "api/access/share_cli.h"
#include "api/extra_routes.h"
#include "api/handlers/summary_keeper.h"
#include "api/rebuild_summaries.h"
#include "api/handlers/handlers.h"
#include "api/server/app.h"
#include "api/server/server.h"
#include "api/handlers/api_clock.h"
#include "api/service/server_settings.h"
#include "common/config/config.h"
#include "common/config/process_setup.h"
#include "common/config/describe.h"
#include "common/config/help.h"
#include "common/fetch/curl_global.h"
#include "common/log/log.h"
#include "common/time/time_zone.h"

namespace {

constexpr const char* kUsage =
    "Usage: ebill-api [--port N]\n"
    "       ebill-api rebuild-summaries [--meter METER_NO]\n"
    "       ebill-api share create METER [--label NAME] [--expires 90d|12h|never] [--allow-fetch]\n"
    "       ebill-api share list | share revoke ID\n"
    "       ebill-api --version | --help | --help-markdown\n"
    "Serves the JSON API and the page. --port overrides PORT (0 = any free port).\n"
    "--help-markdown prints the settings table of docs/configuration.md.\n"
    "rebuild-summaries recomputes the stored day summaries from the readings.\n"
    "share makes, lists and revokes share links (docs/access.md).\n\n";

// Computed views kept for repeated requests (a few KiB each).
constexpr std::size_t kCachedViews = 2048;

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int bad_setting(const std::string& message) {
  std::fprintf(stderr, "ebill-api: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ebill;
  if (argc >= 2 && std::string_view(argv[1]) == "rebuild-summaries") {
    return api::rebuild_summaries_main(argc - 2, argv + 2);
  }
  if (argc >= 2 && std::string_view(argv[1]) == "share") {
    return api::share_main(argc - 2, argv + 2);
  }
  std::optional<long> port_override;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help") {
      fmt::print("{}{}", kUsage, help_text(Program::kApi));
      return 0;
    }
    if (arg == "--help-markdown") {
      fmt::print("{}", reference_markdown());
      return 0;
    }
    if (arg == "--version") {
      fmt::print("ebill-api {}\n", EBILL_VERSION);
      return 0;
    }
    if (arg == "--port" && i + 1 < argc) {
      char* end = nullptr;
      long port = std::strtol(argv[++i], &end, 10);
      if (!end || *end != '\0' || port < 0 || port > 65535) {
        return bad_setting(std::string("--port: not a port number: ") + argv[i]);
      }
      port_override = port;
    } else {
      return bad_setting(std::string("unknown argument: ") + argv[i]);
    }
  }

  auto config = load_config_from_process();
  if (!config) return bad_setting(config.error().message);
  apply_general_settings(config->general);
  ensure_curl_initialized();
  auto clock = api::make_api_clock();
  if (!clock) return bad_setting(clock.error());
  api::ApiServerSettings s = api::server_settings(config->api);
  if (port_override) s.port = static_cast<std::uint16_t>(*port_override);
  for (const std::string& line : describe(*config)) log::info("api: setting {}", line);
  for (const std::string& line : config->warnings) log::warn("api: {}", line);

  std::vector<Meter> configured;
  std::vector<std::string> order;
  const LocalSeconds started = (*clock)->now();
  for (const MeterConfig& m : config->meters) {
    configured.push_back(Meter{m.id, m.name, true, started});
    order.push_back(m.id);
  }
  api::DatabaseHandle database(config->database, std::move(configured));
  api::MeterDirectory meters(std::move(order));
  api::ViewCache views(kCachedViews,
                       std::chrono::milliseconds(config->api.view_marker_refresh_ms));
  const api::ApiContext context{*config, database, meters, **clock, views};

  api::App app(s);
  api::add_usage_routes(app.router(), context);
  api::add_meter_routes(app.router(), context);
  api::add_overview_route(app.router(), context);
  api::add_ops_routes(app.router(), context);
  api::FailureLimiter failures;
  api::FetchGate fetch_gate(config->api.fetch_token, config->api.manual_fetch_cooldown_s,
                            config->api.test_notification_cooldown_s,
                            static_cast<int>(s.operator_workers), failures);
  const api::AccessGate access(config->api, database, failures);
  api::add_access_routes(app.router(), access);
  if (access.mode() != AccessMode::kOpen) {
    app.set_gate([&access](api::Request& request, bool route, bool may_block) {
      return access.admit(request, route, may_block);
    });
  }
  if (config->api.fetch_token.empty() && !is_loopback_host(s.host)) {
    log::warn("api: FETCH_TOKEN is unset and HOST is {}: /fetch and /test_notification are open to the network",
              s.host);
  }
  api::add_fetch_route(app.router(), context, fetch_gate);
  api::add_notify_route(app.router(), context, fetch_gate);
  api::add_extra_routes(app.router());
  app.router().set_lane("/fetch", api::Lane::kOperator);
  app.router().set_lane("/test_notification", api::Lane::kOperator);

  api::Workers workers(s);
  api::AppHandler handler(app, workers);
  http::Server server(api::server_options(s), handler);
  auto port = server.listen();
  if (!port) {
    log::error("api: HOST/PORT: {}", port.error());  // names the settings
    return 1;
  }
  server.stop_on_signals();
  std::printf("listening on %s:%u\n", s.host.c_str(), static_cast<unsigned>(*port));
  std::fflush(stdout);
  log::info("api: listening on {}:{} web_root={}", s.host, *port, s.web_root);
  database.open_in_background();
  api::SummaryKeeper summaries(database, std::chrono::seconds(config->api.summary_check_s));
  summaries.start();
  server.run();
  // Replies still owed point into the server: the workers end first. One
  // still blocking 0.5 s on (a fetch) does not hold the exit.
  if (!workers.stop(std::chrono::milliseconds(500))) {
    log::warn("api: handlers still busy after the stop, exiting");
    std::_Exit(0);
  }
  log::info("api: stopped");
  return 0;
}
