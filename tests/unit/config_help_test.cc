// The registry drives --help, the docs table and the redacted start-up
// summary.
#include <catch2/catch.hpp>

#include <set>

#include "common/config/config.h"
#include "common/config/describe.h"
#include "common/config/help.h"
#include "common/config/registry.h"
#include "tests/support/test_paths.h"

using ebill::Program;

TEST_CASE("registry names are unique upper-case identifiers", "[config][registry]") {
  std::set<std::string_view> names;
  for (const auto& v : ebill::config_variables()) {
    INFO(v.name);
    CHECK(names.insert(v.name).second);
    CHECK(ebill::find_config_variable(v.name) == &v);
    CHECK_FALSE(v.meaning.empty());
    CHECK(v.name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos);
  }
  CHECK(ebill::find_config_variable("NOPE") == nullptr);
  for (const char* secret : {"DB_PASSWORD", "FETCH_TOKEN", "FETCH_PROXY"}) {
    CHECK(ebill::find_config_variable(secret)->secret);
  }
}

namespace {

// The names --help lists: its "  NAME   default: ..." lines.
std::set<std::string> help_names(Program program) {
  std::set<std::string> names;
  const std::string help = ebill::help_text(program);
  std::size_t at = 0;
  while (at < help.size()) {
    const std::size_t end = help.find('\n', at);
    const std::string line = help.substr(at, end - at);
    at = end == std::string::npos ? help.size() : end + 1;
    if (!line.starts_with("  ") || line.find(" default: ") == std::string::npos) continue;
    const std::size_t name_end = line.find(' ', 2);
    const std::string name = line.substr(2, name_end - 2);
    if (name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos) {
      names.insert(name);
    }
  }
  return names;
}

}  // namespace

TEST_CASE("each program's --help lists exactly the settings it reads", "[config][registry]") {
  // Who reads what, from the code: the API serves /fetch and
  // /test_notification (fetch settings, the notification base URLs and
  // timeout); the collector polls, alerts, retries notifications and serves
  // /metrics on METRICS_HOST.
  const std::set<std::string> both = {
      "APP_TZ", "LOG_LEVEL", "DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_NAME",
      "DB_CHARSET", "DB_CONNECT_TIMEOUT", "DB_READ_TIMEOUT", "DB_WRITE_TIMEOUT", "DB_POOL_SIZE",
      "SQLITE_PATH", "DEVICES_JSON", "METERS", "DEFAULT_DEVICE_ID", "DEFAULT_DEVICE_NAME",
      "GAP_MINUTES", "RECHARGE_MIN_KWH", "METER_SOURCE_URL", "FETCH_CONNECT_TIMEOUT",
      "FETCH_TIMEOUT", "FETCH_RETRIES", "FETCH_PROXY", "FETCH_USER_AGENT", "MAX_JUMP_KWH",
      "NOTIFY_TIMEOUT_SECONDS", "SERVERCHAN_BASE_URL", "NTFY_BASE_URL", "BARK_BASE_URL",
      "PUSHPLUS_BASE_URL", "WECOM_BASE_URL", "DINGTALK_BASE_URL", "FEISHU_BASE_URL",
      "TELEGRAM_API_BASE_URL", "WXPUSHER_BASE_URL", "NOTIFY_CA_FILE"};
  std::set<std::string> collector = both;
  collector.insert({"FETCH_INTERVAL_SECONDS", "FETCH_CONCURRENCY", "FETCH_MAX_RPS", "SPOOL_DIR",
                    "COLLECTOR_SHARD", "METRICS_PORT", "METRICS_HOST", "DAILY_REPORT_TIME", "ALERT_BALANCE_KWH",
                    "ALERT_DAYS_LEFT", "ALERT_REPEAT_HOURS", "ALERT_STALE_MINUTES",
                    "ALERT_ABNORMAL_FACTOR", "ALERT_ABNORMAL_MIN_KWH", "WEEKLY_REPORT_TIME",
                    "WEEKLY_REPORT_DAY", "HEARTBEAT_TIME",
                    "NOTIFY_RETRIES", "JUMP_CONFIRM_READINGS",
                    "MQTT_URL", "MQTT_USERNAME", "MQTT_PASSWORD", "MQTT_CA_FILE",
                    "MQTT_TOPIC_PREFIX", "MQTT_DISCOVERY_PREFIX"});
  std::set<std::string> api = both;
  api.insert({"HOST", "PORT", "API_THREADS", "API_WORKERS", "API_QUEUE_LIMIT",
              "API_QUEUE_TIMEOUT_SECONDS", "API_MAX_CONNECTIONS", "API_MAX_CONNECTIONS_PER_CLIENT",
              "WEB_ROOT", "FETCH_TOKEN", "CORS_ORIGINS", "MANUAL_FETCH_COOLDOWN_SECONDS",
              "TEST_NOTIFICATION_COOLDOWN_SECONDS", "VIEW_MARKER_REFRESH_MS", "SUMMARY_CHECK_SECONDS",
              "ACCESS_MODE", "ADMIN_TOKEN", "SESSION_DAYS", "PUBLIC_URL"});
  CHECK(help_names(Program::kCollector) == collector);
  CHECK(help_names(Program::kApi) == api);
  // Test hooks are read but never offered to operators.
  for (Program p : {Program::kCollector, Program::kApi}) {
    CHECK(ebill::help_text(p).find("EBILL_API_TEST") == std::string::npos);
  }
  CHECK(ebill::reference_markdown().find("EBILL_API_TEST") == std::string::npos);
}

TEST_CASE("--help shows each default as the loader applies it", "[config][registry]") {
  const std::string collector = ebill::help_text(Program::kCollector);
  const std::string api = ebill::help_text(Program::kApi);
  const auto line_of = [](const std::string& help, const std::string& name) {
    const std::size_t at = help.find("  " + name + " ");
    return at == std::string::npos ? std::string() : help.substr(at, help.find('\n', at) - at);
  };
  CHECK(line_of(collector, "FETCH_INTERVAL_SECONDS").ends_with("default: 300"));
  CHECK(line_of(collector, "ALERT_BALANCE_KWH").ends_with("default: 10.00"));
  CHECK(line_of(collector, "DAILY_REPORT_TIME").ends_with("default: 09:00"));
  CHECK(line_of(collector, "COLLECTOR_SHARD").ends_with("default: 0/1"));
  CHECK(line_of(collector, "METRICS_PORT").ends_with("default: (unset)"));
  CHECK(line_of(api, "PORT").ends_with("default: 9136"));
  CHECK(line_of(api, "API_THREADS").ends_with("default: (unset)"));
  CHECK(line_of(api, "LOG_LEVEL").ends_with("default: info"));
  CHECK(line_of(api, "CORS_ORIGINS").ends_with("default: (unset)"));
}

TEST_CASE("docs/configuration.md embeds the generated reference table", "[config][registry]") {
  const std::string doc = ebill::test::read_file(ebill::test::source_dir() + "/docs/configuration.md");
  const std::string table = ebill::reference_markdown();
  INFO("docs/configuration.md must contain exactly this table (scripts/config-docs pastes it):\n"
       << table);
  CHECK(doc.find(table) != std::string::npos);
  for (const auto& v : ebill::config_variables()) {
    CHECK(doc.find("`" + std::string(v.name) + "`") != std::string::npos);
  }
}

TEST_CASE("README.md embeds the same reference table", "[config][registry]") {
  const std::string readme = ebill::test::read_file(ebill::test::source_dir() + "/README.md");
  const std::string table = ebill::reference_markdown();
  INFO("README.md must contain exactly this table (scripts/config-docs pastes it):\n" << table);
  CHECK(readme.find(table) != std::string::npos);
}

TEST_CASE("describe() prints every setting and redacts every secret", "[config][secrets]") {
  auto loaded = ebill::load_config(
      {{"DB_HOST", "db.lan"}, {"DB_PASSWORD", "Pw-Secret-1"}, {"FETCH_TOKEN", "Token-Secret-2-0123456"},
       {"FETCH_PROXY", "http://proxyuser:Proxy-Secret-3@proxy.lan:3128"},
       {"DEVICES_JSON",
        R"([{"id": "19501609994", "name": "家", "server_chan_key": "SCT-Secret-4",
             "notify": [{"type": "webhook", "url": "https://hooks.example/Url-Secret-5", "token": "Hook-Secret-6"},
                        {"type": "pushplus", "token_env": "PP"}]}])"},
       {"PP", "PP-Secret-7"}});
  REQUIRE(loaded.ok());
  const std::vector<std::string> lines = ebill::describe(*loaded);
  std::string all;
  for (const std::string& l : lines) all += l + "\n";
  INFO(all);
  for (const char* secret : {"Pw-Secret-1", "Token-Secret-2-0123456", "Proxy-Secret-3", "proxyuser",
                             "SCT-Secret-4", "Url-Secret-5", "Hook-Secret-6", "PP-Secret-7"}) {
    CHECK(all.find(secret) == std::string::npos);
  }
  CHECK(all.find("DB_PASSWORD=(set)\n") != std::string::npos);
  CHECK(all.find("FETCH_TOKEN=(set)\n") != std::string::npos);
  CHECK(all.find("FETCH_PROXY=http://***@proxy.lan:3128\n") != std::string::npos);
  CHECK(all.find("meter 19501609994 name=家 notify=serverchan,webhook,pushplus\n") != std::string::npos);
  CHECK(all.find("DB_HOST=db.lan\n") != std::string::npos);
  CHECK(all.find("COLLECTOR_SHARD=0/1\n") != std::string::npos);
  CHECK(all.find("DAILY_REPORT_TIME=09:00\n") != std::string::npos);
  CHECK(all.find("RECHARGE_MIN_KWH=1.00\n") != std::string::npos);

  auto defaults = ebill::load_config({});
  REQUIRE(defaults.ok());
  std::string d;
  for (const std::string& l : ebill::describe(*defaults)) d += l + "\n";
  CHECK(d.find("SQLITE_PATH=var/ebill.db\n") != std::string::npos);
  CHECK(d.find("DB_HOST") == std::string::npos);
  CHECK(d.find("FETCH_TOKEN=(unset)\n") != std::string::npos);
  CHECK(d.find("meters: none configured\n") != std::string::npos);
  CHECK(d.find("METRICS_PORT=off\n") != std::string::npos);
}

TEST_CASE("redact_url_credentials hides user:password@ only", "[config][secrets]") {
  CHECK(ebill::redact_url_credentials("socks5h://u:p@127.0.0.1:1080") == "socks5h://***@127.0.0.1:1080");
  CHECK(ebill::redact_url_credentials("http://proxy:3128") == "http://proxy:3128");
  CHECK(ebill::redact_url_credentials("https://h/path@x") == "https://h/path@x");
  CHECK(ebill::redact_url_credentials("no-scheme") == "no-scheme");
}
