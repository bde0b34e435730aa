// ebill-collector: polls every meter's balance on a schedule and keeps every
// reading. See docs/collector.md.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "collector/cycle_runner.h"
#include "collector/export_observer.h"
#include "collector/import_command.h"
#include "collector/meter_metrics_observer.h"
#include "collector/meters_command.h"
#include "collector/metrics.h"
#include "collector/metrics_server.h"
#include "collector/mqtt_client.h"
#include "collector/mqtt_observer.h"
#include "collector/notify_observer.h"
#include "collector/schedule.h"
#include "collector/spool.h"
#include "collector/stop_signal.h"
#include "common/collect/fetcher_from_config.h"
#include "common/config/config.h"
#include "common/config/process_setup.h"
#include "common/config/describe.h"
#include "common/config/help.h"
#include "common/fetch/curl_global.h"
#include "common/fetch/page_fetcher.h"
#include "common/log/log.h"
#include "common/storage/database.h"
#include "common/time/time_zone.h"

namespace ebill::collector {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  ebill-collector [--once] [--interval-seconds N]\n"
    "  ebill-collector --version | --help\n";

struct Options {
  bool once = false;
  std::optional<int> interval_s;  // --interval-seconds: overrides FETCH_INTERVAL_SECONDS
};

// Parses the daemon's flags; nullopt on anything unknown.
std::optional<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--once") {
      o.once = true;
    } else if (args[i] == "--interval-seconds" && i + 1 < args.size()) {
      char* end = nullptr;
      const long v = std::strtol(args[++i].c_str(), &end, 10);
      if (*end != '\0' || v < 1 || v > 86400) return std::nullopt;
      o.interval_s = static_cast<int>(v);
    } else {
      return std::nullopt;
    }
  }
  return o;
}

int run_daemon(const Config& config, const Options& options) {
  ensure_curl_initialized();
  StopSignal stop;  // before any other thread starts
  log::info("ebill-collector {} starting", EBILL_VERSION);
  for (const std::string& line : describe(config)) log::info("config {}", line);

  auto spool = Spool::open(config.collector.spool_dir);
  if (!spool.ok()) {
    log::error("spool: {}", spool.error());
    return 1;
  }
  if ((*spool)->depth() > 0) log::info("spool: {} readings waiting to be replayed", (*spool)->depth());

  std::unique_ptr<storage::Database> db;
  auto opened = storage::Database::open(config.database);
  if (opened.ok()) {
    db = std::move(opened).value();
    log::info("database {} open", db->describe());
  } else if (opened.error().unavailable) {
    log::warn("database unavailable at start, readings will be spooled: {}", opened.error().message);
  } else {
    log::error("database: {}", opened.error().message);
    return 1;
  }

  PageFetcher fetcher(collect::fetcher_options(config.fetch, config.collector.concurrency,
                                               config.collector.max_rps));
  stop.set_wake([&fetcher] { fetcher.wake(); });
  struct ClearWake {
    StopSignal& stop;
    ~ClearWake() { stop.set_wake({}); }
  } clear_wake{stop};  // before the fetcher goes away
  Metrics metrics;
  metrics.set_spool_depth((*spool)->depth());
  std::unique_ptr<MetricsServer> metrics_server;
  if (config.collector.metrics_port) {
    auto started = MetricsServer::start(config.collector.metrics_host, *config.collector.metrics_port, metrics);
    if (!started.ok()) {
      log::error("{}", started.error());
      return 1;
    }
    metrics_server = std::move(started).value();
    log::info("metrics on http://{}:{}/metrics", config.collector.metrics_host, metrics_server->port());
  }

  SystemClock clock;
  CycleRunner runner(config, std::move(db), **spool, fetcher, clock, metrics);
  NotifyObserver notifications(config);
  runner.add_observer(&notifications);
  ExportObserver exports(config);  // one snapshot per cycle for /metrics and MQTT
  MeterMetricsObserver meter_metrics(metrics);
  if (metrics_server) exports.add(&meter_metrics);
  std::unique_ptr<MqttClient> mqtt;
  std::optional<MqttObserver> mqtt_observer;
  if (!config.collector.mqtt_url.empty()) {
    auto started = MqttClient::start(config.collector);
    if (!started.ok()) {
      log::error("{}", started.error());
      return 1;
    }
    mqtt = std::move(started).value();
    exports.add(&mqtt_observer.emplace(config, *mqtt));
  }
  if (!exports.empty()) runner.add_observer(&exports);
  const auto report_lost = [&] {
    if (runner.held() > 0) {
      log::error("{} readings held in memory are lost: neither the spool nor the database took them",
                 runner.held());
    }
  };
  if (options.once) {
    const bool ok = runner.run(stop.flag()).all_succeeded();
    report_lost();
    return ok ? 0 : 1;
  }
  const int interval = options.interval_s.value_or(config.collector.interval_s);
  log::info("polling every {}s, shard {}/{}", interval, config.collector.shard_index,
            config.collector.shard_count);
  run_schedule(std::chrono::seconds(interval), stop, [&] { runner.run(stop.flag()); });
  report_lost();
  log::info("stopped");
  return 0;
}

int main_impl(const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "--version") {
    fmt::print("ebill-collector {}\n", EBILL_VERSION);
    return 0;
  }
  if (args.size() == 1 && args[0] == "--help") {
    fmt::print("{}{}{}\n{}", kUsage, meters_usage(), import_usage(),
               help_text(Program::kCollector));
    return 0;
  }
  const bool meters = !args.empty() && args[0] == "meters";
  const bool import_csv = !args.empty() && args[0] == "import";
  const std::optional<Options> options = meters || import_csv ? Options{} : parse_options(args);
  if (!options) {
    fmt::print(stderr, "{}{}{}", kUsage, meters_usage(), import_usage());
    return 2;
  }
  auto config = load_config_from_process();
  if (!config.ok()) {
    fmt::print(stderr, "{}\n", config.error().message);
    return 2;
  }
  apply_general_settings(config->general);
  if (meters) return run_meters_command(*config, {args.begin() + 1, args.end()});
  if (import_csv) return run_import_command(*config, {args.begin() + 1, args.end()});
  return run_daemon(*config, *options);
}

}  // namespace
}  // namespace ebill::collector

int main(int argc, char** argv) {
  return ebill::collector::main_impl(std::vector<std::string>(argv + 1, argv + argc));
}
