// load_config: defaults, every kind of value, and one-line errors that name
// the variable.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "common/config/config.h"
#include "common/config/registry.h"

using ebill::Config;
using ebill::DatabaseSettings;
using ebill::Environment;
using ebill::load_config;

namespace {

Config load_ok(const Environment& env) {
  auto c = load_config(env);
  if (!c) FAIL(c.error().message);
  return std::move(c).value();
}

std::string load_error(const Environment& env) {
  auto c = load_config(env);
  REQUIRE_FALSE(c.ok());
  return c.error().message;
}

}  // namespace

TEST_CASE("an empty environment gives the documented defaults", "[config]") {
  const Config c = load_ok({});
  CHECK(c.general.time_zone == "Asia/Shanghai");
  CHECK(c.general.log_level == ebill::log::Level::kInfo);
  CHECK(c.database.backend == DatabaseSettings::Backend::kSqlite);
  CHECK(c.database.sqlite_path == "var/ebill.db");
  CHECK(c.database.port == 3306);
  CHECK(c.database.user == "root");
  CHECK(c.database.name == "electricity");
  CHECK(c.database.charset == "utf8mb4");
  CHECK(c.database.connect_timeout_s == 5);
  CHECK(c.database.read_timeout_s == 10);
  CHECK(c.database.write_timeout_s == 10);
  CHECK(c.database.pool_size == 4);
  CHECK(c.meters.empty());
  CHECK(c.usage.gap_minutes == 30);
  CHECK(c.usage.recharge_min_kwh == 100);  // 1.00 kWh
  CHECK(c.fetch.source_url == "http://www.wap.cnyiot.com/nat/pay.aspx?mid={meter}");
  CHECK(c.fetch.connect_timeout_s == 5);
  CHECK(c.fetch.timeout_s == 15);
  CHECK(c.fetch.retries == 2);
  CHECK(c.fetch.proxy.empty());
  CHECK(c.fetch.user_agent.starts_with("Mozilla/5.0"));
  CHECK(c.fetch.max_jump_kwh == 50000);  // 500.00 kWh
  CHECK(c.collector.interval_s == 300);
  CHECK(c.collector.concurrency == 8);
  CHECK(c.collector.max_rps == 10);
  CHECK(c.collector.spool_dir == "var/spool");
  CHECK(c.collector.shard_index == 0);
  CHECK(c.collector.shard_count == 1);
  CHECK_FALSE(c.collector.metrics_port.has_value());
  CHECK(c.api.host == "0.0.0.0");
  CHECK(c.api.port == 9136);
  CHECK(c.api.threads == std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
  CHECK(c.api.web_root == "web/dist");
  CHECK(c.api.fetch_token.empty());
  CHECK(c.api.cors_origins.empty());
  CHECK(c.api.manual_fetch_cooldown_s == 30);
  CHECK(c.notify.daily_report_minute == 9 * 60);
  CHECK(c.notify.alert_balance_kwh == 1000);  // 10.00 kWh
  CHECK(c.notify.alert_days_left == 2);
  CHECK(c.notify.alert_repeat_hours == 12);
  CHECK(c.notify.alert_stale_minutes == 60);
  CHECK(c.notify.serverchan_base_url == "https://sctapi.ftqq.com");
  CHECK(c.notify.ntfy_base_url == "https://ntfy.sh");
  CHECK(c.notify.bark_base_url == "https://api.day.app");
  CHECK(c.notify.pushplus_base_url == "http://www.pushplus.plus");
  CHECK(c.warnings.empty());
}

TEST_CASE("the struct defaults match the registry defaults", "[config]") {
  // Loading nothing, and loading every registry default written out, both
  // give what a default-constructed struct holds (API_THREADS aside, whose
  // default depends on the machine).
  Environment explicit_defaults;
  for (const auto& v : ebill::config_variables()) {
    if (!v.default_value.empty()) explicit_defaults[std::string(v.name)] = std::string(v.default_value);
  }
  for (const Environment& env : {Environment{}, explicit_defaults}) {
    Config c = load_ok(env);
    CHECK(c.general == ebill::GeneralSettings{});
    CHECK(c.usage == ebill::UsageSettings{});
    CHECK(c.fetch == ebill::FetchSettings{});
    CHECK(c.collector == ebill::CollectorSettings{});
    c.api.threads = 1;
    CHECK(c.api == ebill::ApiSettings{});
    CHECK(c.notify == ebill::NotifySettings{});
    const DatabaseSettings d;
    CHECK(c.database.sqlite_path == d.sqlite_path);
    CHECK(c.database.port == d.port);
    CHECK(c.database.user == d.user);
    CHECK(c.database.name == d.name);
    CHECK(c.database.charset == d.charset);
    CHECK(c.database.connect_timeout_s == d.connect_timeout_s);
    CHECK(c.database.read_timeout_s == d.read_timeout_s);
    CHECK(c.database.write_timeout_s == d.write_timeout_s);
    CHECK(c.database.pool_size == d.pool_size);
  }
}

TEST_CASE("set values are read into their settings", "[config]") {
  const Config c = load_ok({
      {"APP_TZ", "America/New_York"}, {"LOG_LEVEL", "DEBUG"},
      {"DB_HOST", "db.lan"}, {"DB_PORT", "3307"}, {"DB_USER", "ebill"},
      {"DB_PASSWORD", "pw"}, {"DB_NAME", "power_2"}, {"DB_CHARSET", "utf8"},
      {"DB_CONNECT_TIMEOUT", "3"}, {"DB_READ_TIMEOUT", "20"}, {"DB_WRITE_TIMEOUT", "30"},
      {"DB_POOL_SIZE", "16"}, {"GAP_MINUTES", "45"}, {"RECHARGE_MIN_KWH", "2.5"},
      {"METER_SOURCE_URL", "http://127.0.0.1:8080/nat/pay.aspx?mid={meter}"},
      {"FETCH_CONNECT_TIMEOUT", "2"}, {"FETCH_TIMEOUT", "7"}, {"FETCH_RETRIES", "0"},
      {"FETCH_PROXY", "socks5h://127.0.0.1:1080"}, {"FETCH_USER_AGENT", "ebill-test"},
      {"MAX_JUMP_KWH", "120.5"}, {"FETCH_INTERVAL_SECONDS", "60"},
      {"FETCH_CONCURRENCY", "64"}, {"FETCH_MAX_RPS", "0"}, {"SPOOL_DIR", "/var/lib/ebill/spool"},
      {"COLLECTOR_SHARD", "1/3"}, {"METRICS_PORT", "9100"}, {"HOST", "127.0.0.1"},
      {"PORT", "0"}, {"API_THREADS", "3"}, {"WEB_ROOT", "/srv/www"}, {"FETCH_TOKEN", "t0k-0123456789abcdef"},
      {"CORS_ORIGINS", "https://a.example, http://b.example:8080,"},
      {"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}, {"DAILY_REPORT_TIME", "07:30"},
      {"ALERT_BALANCE_KWH", "5.25"}, {"ALERT_DAYS_LEFT", "0"}, {"ALERT_REPEAT_HOURS", "24"},
      {"ALERT_STALE_MINUTES", "15"}, {"NOTIFY_TIMEOUT_SECONDS", "3"}, {"NOTIFY_RETRIES", "1"},
      {"SERVERCHAN_BASE_URL", "http://127.0.0.1:1/sc"}, {"NTFY_BASE_URL", "http://127.0.0.1:2"},
      {"BARK_BASE_URL", "http://127.0.0.1:3"}, {"PUSHPLUS_BASE_URL", "http://127.0.0.1:4"}});
  CHECK(c.general.time_zone == "America/New_York");
  CHECK(c.general.log_level == ebill::log::Level::kDebug);
  CHECK(c.database.backend == DatabaseSettings::Backend::kMysql);
  CHECK(c.database.host == "db.lan");
  CHECK(c.database.port == 3307);
  CHECK(c.database.user == "ebill");
  CHECK(c.database.password == "pw");
  CHECK(c.database.name == "power_2");
  CHECK(c.database.charset == "utf8");
  CHECK(c.database.connect_timeout_s == 3);
  CHECK(c.database.read_timeout_s == 20);
  CHECK(c.database.write_timeout_s == 30);
  CHECK(c.database.pool_size == 16);
  CHECK(c.usage.gap_minutes == 45);
  CHECK(c.usage.recharge_min_kwh == 250);
  CHECK(c.fetch.source_url == "http://127.0.0.1:8080/nat/pay.aspx?mid={meter}");
  CHECK(c.fetch.connect_timeout_s == 2);
  CHECK(c.fetch.timeout_s == 7);
  CHECK(c.fetch.retries == 0);
  CHECK(c.fetch.proxy == "socks5h://127.0.0.1:1080");
  CHECK(c.fetch.user_agent == "ebill-test");
  CHECK(c.fetch.max_jump_kwh == 12050);
  CHECK(c.collector.interval_s == 60);
  CHECK(c.collector.concurrency == 64);
  CHECK(c.collector.max_rps == 0);
  CHECK(c.collector.spool_dir == "/var/lib/ebill/spool");
  CHECK(c.collector.shard_index == 1);
  CHECK(c.collector.shard_count == 3);
  CHECK(c.collector.metrics_port == 9100);
  CHECK(c.api.host == "127.0.0.1");
  CHECK(c.api.port == 0);
  CHECK(c.api.threads == 3);
  CHECK(c.api.web_root == "/srv/www");
  CHECK(c.api.fetch_token == "t0k-0123456789abcdef");
  CHECK(c.api.cors_origins == std::vector<std::string>{"https://a.example", "http://b.example:8080"});
  CHECK(c.api.manual_fetch_cooldown_s == 0);
  CHECK(c.notify.daily_report_minute == 7 * 60 + 30);
  CHECK(c.notify.alert_balance_kwh == 525);
  CHECK(c.notify.alert_days_left == 0);
  CHECK(c.notify.alert_repeat_hours == 24);
  CHECK(c.notify.alert_stale_minutes == 15);
  CHECK(c.notify.timeout_s == 3);
  CHECK(c.notify.retries == 1);
  CHECK(c.notify.serverchan_base_url == "http://127.0.0.1:1/sc");
  CHECK(c.notify.ntfy_base_url == "http://127.0.0.1:2");
  CHECK(c.notify.bark_base_url == "http://127.0.0.1:3");
  CHECK(c.notify.pushplus_base_url == "http://127.0.0.1:4");
}

TEST_CASE("a bad whole number names the variable, the rule and the value", "[config]") {
  CHECK(load_error({{"FETCH_INTERVAL_SECONDS", "abc"}}) ==
        "FETCH_INTERVAL_SECONDS: must be a whole number from 10 to 86400 (got \"abc\")");
  CHECK(load_error({{"FETCH_INTERVAL_SECONDS", "9"}}) ==
        "FETCH_INTERVAL_SECONDS: must be a whole number from 10 to 86400 (got \"9\")");
  CHECK(load_error({{"FETCH_INTERVAL_SECONDS", "86401"}}) ==
        "FETCH_INTERVAL_SECONDS: must be a whole number from 10 to 86400 (got \"86401\")");
  CHECK(load_error({{"PORT", "65536"}}) ==
        "PORT: must be a whole number from 0 to 65535 (got \"65536\")");
  CHECK(load_error({{"DB_POOL_SIZE", "0"}}) ==
        "DB_POOL_SIZE: must be a whole number from 1 to 64 (got \"0\")");
  CHECK(load_error({{"FETCH_CONCURRENCY", "1e3"}}) ==
        "FETCH_CONCURRENCY: must be a whole number from 1 to 1024 (got \"1e3\")");
  CHECK(load_error({{"FETCH_MAX_RPS", "-1"}}) ==
        "FETCH_MAX_RPS: must be a whole number from 0 to 100000 (got \"-1\")");
  CHECK(load_error({{"GAP_MINUTES", " 30"}}) ==
        "GAP_MINUTES: must be a whole number from 1 to 1440 (got \" 30\")");
  CHECK(load_error({{"FETCH_RETRIES", "99999999999999999999"}}) ==
        "FETCH_RETRIES: must be a whole number from 0 to 10 (got \"99999999999999999999\")");
}

TEST_CASE("every variable is validated and its error starts with its name", "[config]") {
  // A control character is valid in no variable; each one must reject it
  // and say so under its own name.
  for (const auto& v : ebill::config_variables()) {
    const std::string name(v.name);
    INFO(name);
    // DEFAULT_DEVICE_NAME is only read along with DEFAULT_DEVICE_ID.
    const Environment env = name == "DEFAULT_DEVICE_NAME"
                                ? Environment{{name, "bad\x01value"}, {"DEFAULT_DEVICE_ID", "1"}}
                                : Environment{{name, "bad\x01value"}};
    const std::string message = load_error(env);
    CHECK(message.substr(0, name.size() + 2) == name + ": ");
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.find('\x01') == std::string::npos);
  }
}

TEST_CASE("kWh amounts take at most two decimals", "[config]") {
  CHECK(load_ok({{"RECHARGE_MIN_KWH", "0"}}).usage.recharge_min_kwh == 0);
  CHECK(load_ok({{"ALERT_BALANCE_KWH", "0.05"}}).notify.alert_balance_kwh == 5);
  CHECK(load_error({{"RECHARGE_MIN_KWH", "1.005"}}) ==
        "RECHARGE_MIN_KWH: must be a number from 0.00 to 1000000.00 with at most two decimals "
        "(got \"1.005\")");
  CHECK(load_error({{"ALERT_BALANCE_KWH", "-1"}}).starts_with("ALERT_BALANCE_KWH: "));
  CHECK(load_error({{"MAX_JUMP_KWH", "0"}}) ==
        "MAX_JUMP_KWH: must be a number from 0.01 to 1000000.00 with at most two decimals "
        "(got \"0\")");
}

TEST_CASE("APP_TZ must be an installed zone and LOG_LEVEL a known level", "[config]") {
  CHECK(load_ok({{"APP_TZ", "UTC"}}).general.time_zone == "UTC");
  const std::string bad_zone = load_error({{"APP_TZ", "Mars/Olympus"}});
  CHECK(bad_zone.starts_with("APP_TZ: is not a known time zone"));
  CHECK(bad_zone.ends_with("(got \"Mars/Olympus\")"));
  CHECK(load_error({{"APP_TZ", "../etc/passwd"}}).starts_with("APP_TZ: must be a zone name"));
  CHECK(load_ok({{"LOG_LEVEL", "warning"}}).general.log_level == ebill::log::Level::kWarn);
  CHECK(load_ok({{"LOG_LEVEL", "Error"}}).general.log_level == ebill::log::Level::kError);
  CHECK(load_error({{"LOG_LEVEL", "verbose"}}) ==
        "LOG_LEVEL: must be debug, info, warn or error (got \"verbose\")");
}

TEST_CASE("the source URL must be http(s) and contain {meter}", "[config]") {
  CHECK(load_error({{"METER_SOURCE_URL", "http://127.0.0.1/pay.aspx?mid="}}) ==
        "METER_SOURCE_URL: must contain {meter} (got \"http://127.0.0.1/pay.aspx?mid=\")");
  CHECK(load_error({{"METER_SOURCE_URL", "ftp://x/{meter}"}}) ==
        "METER_SOURCE_URL: must be an http:// or https:// URL (got \"ftp://x/{meter}\")");
  CHECK(load_error({{"NTFY_BASE_URL", "ntfy.sh"}}) ==
        "NTFY_BASE_URL: must be an http:// or https:// URL (got \"ntfy.sh\")");
  CHECK(load_error({{"BARK_BASE_URL", "https://"}}).starts_with("BARK_BASE_URL: "));
}

TEST_CASE("the total fetch timeout is not shorter than the connect timeout", "[config]") {
  CHECK(load_error({{"FETCH_CONNECT_TIMEOUT", "10"}, {"FETCH_TIMEOUT", "5"}}) ==
        "FETCH_TIMEOUT: must not be shorter than FETCH_CONNECT_TIMEOUT (10) (got \"5\")");
  CHECK(load_ok({{"FETCH_CONNECT_TIMEOUT", "10"}, {"FETCH_TIMEOUT", "10"}}).fetch.timeout_s == 10);
}

TEST_CASE("COLLECTOR_SHARD is k/N with 0 <= k < N", "[config]") {
  const Config c = load_ok({{"COLLECTOR_SHARD", "0/2"}});
  CHECK(c.collector.shard_index == 0);
  CHECK(c.collector.shard_count == 2);
  CHECK(load_ok({{"COLLECTOR_SHARD", "6/7"}}).collector.shard_index == 6);
  for (const char* bad : {"2/2", "1/0", "a/b", "1", "-1/2", "0/2/3", "/2", "1/", "0/1025", "1 /2"}) {
    INFO(bad);
    CHECK(load_error({{"COLLECTOR_SHARD", bad}}) ==
          std::string("COLLECTOR_SHARD: must be k/N with 1 <= N <= 1024 and 0 <= k < N (got \"") +
              bad + "\")");
  }
}

TEST_CASE("METRICS_PORT and API_THREADS: unset means off / one per core", "[config]") {
  CHECK(load_ok({{"METRICS_PORT", ""}}).collector.metrics_port == std::nullopt);
  CHECK(load_ok({{"METRICS_PORT", "65535"}}).collector.metrics_port == 65535);
  CHECK(load_error({{"METRICS_PORT", "0"}}) ==
        "METRICS_PORT: must be a whole number from 1 to 65535 (got \"0\")");
  CHECK(load_error({{"API_THREADS", "0"}}) ==
        "API_THREADS: must be a whole number from 1 to 256 (got \"0\")");
}

TEST_CASE("CORS_ORIGINS takes * or bare origins", "[config]") {
  CHECK(load_ok({{"CORS_ORIGINS", "*"}}).api.cors_origins == std::vector<std::string>{"*"});
  CHECK(load_ok({{"CORS_ORIGINS", " , "}}).api.cors_origins.empty());
  CHECK(load_error({{"CORS_ORIGINS", "https://a.example/"}}) ==
        "CORS_ORIGINS: must be * or origins like https://example.com, comma separated "
        "(got \"https://a.example/\")");
  CHECK(load_error({{"CORS_ORIGINS", "a.example"}}).starts_with("CORS_ORIGINS: "));
}

TEST_CASE("DAILY_REPORT_TIME is HH:MM or off", "[config]") {
  CHECK(load_ok({{"DAILY_REPORT_TIME", "00:00"}}).notify.daily_report_minute == 0);
  CHECK(load_ok({{"DAILY_REPORT_TIME", "23:59"}}).notify.daily_report_minute == 23 * 60 + 59);
  CHECK(load_ok({{"DAILY_REPORT_TIME", "OFF"}}).notify.daily_report_minute == std::nullopt);
  for (const char* bad : {"24:00", "7:30", "09:60", "0930", "09:3a", "9"}) {
    INFO(bad);
    CHECK(load_error({{"DAILY_REPORT_TIME", bad}}) ==
          std::string("DAILY_REPORT_TIME: must be HH:MM (00:00 to 23:59) or off (got \"") + bad +
              "\")");
  }
}

TEST_CASE("the abnormal-usage, weekly and heartbeat settings", "[config]") {
  const Config d = load_ok({});
  CHECK(d.notify.alert_abnormal_factor == 300);
  CHECK(d.notify.alert_abnormal_min_kwh == 100);
  CHECK(d.notify.weekly_report_minute == std::nullopt);  // off by default
  CHECK(d.notify.weekly_report_day == 1);
  CHECK(d.notify.heartbeat_minute == std::nullopt);  // off by default
  const Config c = load_ok({{"ALERT_ABNORMAL_FACTOR", "2.5"}, {"ALERT_ABNORMAL_MIN_KWH", "0.5"},
                            {"WEEKLY_REPORT_TIME", "08:30"}, {"WEEKLY_REPORT_DAY", "Sun"},
                            {"HEARTBEAT_TIME", "07:00"}});
  CHECK(c.notify.alert_abnormal_factor == 250);
  CHECK(c.notify.alert_abnormal_min_kwh == 50);
  CHECK(c.notify.weekly_report_minute == 8 * 60 + 30);
  CHECK(c.notify.weekly_report_day == 7);
  CHECK(c.notify.heartbeat_minute == 7 * 60);
  CHECK(load_ok({{"ALERT_ABNORMAL_FACTOR", "0"}}).notify.alert_abnormal_factor == 0);
  CHECK(load_error({{"WEEKLY_REPORT_DAY", "someday"}}).starts_with("WEEKLY_REPORT_DAY: "));
  CHECK(load_error({{"HEARTBEAT_TIME", "25:00"}}) ==
        "HEARTBEAT_TIME: must be HH:MM (00:00 to 23:59) or off (got \"25:00\")");
  CHECK(load_error({{"ALERT_ABNORMAL_FACTOR", "-1"}}).starts_with("ALERT_ABNORMAL_FACTOR: "));
  CHECK(load_error({{"ALERT_ABNORMAL_FACTOR", "101"}}).starts_with("ALERT_ABNORMAL_FACTOR: "));
}

TEST_CASE("database names and charsets are plain identifiers", "[config]") {
  CHECK(load_error({{"DB_NAME", "a b"}}) ==
        "DB_NAME: must hold only letters, digits, '_', '-' or '$' (got \"a b\")");
  CHECK(load_error({{"DB_CHARSET", "utf8;drop"}}) ==
        "DB_CHARSET: must be a character set name such as utf8mb4 (got \"utf8;drop\")");
  CHECK(load_error({{"HOST", "0.0.0.0/0"}}) ==
        "HOST: must be an IP address or host name (got \"0.0.0.0/0\")");
}

TEST_CASE("secret values never appear in an error message", "[config][secrets]") {
  const std::string pw = load_error({{"DB_PASSWORD", "hunter2\x07"}});
  CHECK(pw == "DB_PASSWORD: must not contain control characters (value hidden)");
  const std::string token = load_error({{"FETCH_TOKEN", "s3cr3t-token\n"}});
  CHECK(token == "FETCH_TOKEN: must not contain control characters (value hidden)");
  CHECK(load_error({{"FETCH_TOKEN", "short-token"}}) == "FETCH_TOKEN: must be at least 16 characters (value hidden)");
  CHECK(load_error({{"FETCH_TOKEN", "change-me"}}) ==
        "FETCH_TOKEN: is the placeholder of compose/.env.example; set a real token (16+ characters) (value hidden)");
  const std::string proxy = load_error({{"FETCH_PROXY", "user:pa55word@proxy:3128"}});
  CHECK(proxy.starts_with("FETCH_PROXY: must be a URL starting with http://"));
  CHECK(proxy.find("pa55word") == std::string::npos);
}

TEST_CASE("unknown variables are ignored", "[config]") {
  const Config c = load_ok({{"PATH", "/usr/bin"}, {"EBILL_NOT_A_SETTING", "??"},
                            {"FLASK_ENV", "production"}, {"PORT", "9000"}});
  CHECK(c.api.port == 9000);
  CHECK(c.warnings.empty());
}

TEST_CASE("MQTT_PASSWORD may be given by name as MQTT_PASSWORD_env", "[config][secrets]") {
  CHECK(load_ok({{"MQTT_PASSWORD_env", "EBILL_MQTT_SECRET"}, {"EBILL_MQTT_SECRET", "s3cret"}})
            .collector.mqtt_password == "s3cret");
  CHECK(load_ok({{"MQTT_PASSWORD", "direct"}}).collector.mqtt_password == "direct");
  CHECK(load_error({{"MQTT_PASSWORD_env", "EBILL_MQTT_SECRET"}}) ==
        "MQTT_PASSWORD_env: names EBILL_MQTT_SECRET, which is not set");
  CHECK(load_error({{"MQTT_PASSWORD_env", "EBILL_MQTT_SECRET"}, {"EBILL_MQTT_SECRET", ""}}) ==
        "MQTT_PASSWORD_env: names EBILL_MQTT_SECRET, which is not set");
  CHECK(load_error({{"MQTT_PASSWORD", "a"}, {"MQTT_PASSWORD_env", "B"}, {"B", "b"}}) ==
        "give MQTT_PASSWORD or MQTT_PASSWORD_env, not both");
  // The named value passes the setting's own rules, and stays hidden.
  const std::string bad = load_error({{"MQTT_PASSWORD_env", "B"}, {"B", "hunter2\x07"}});
  CHECK(bad == "MQTT_PASSWORD: must not contain control characters (value hidden)");
  // Only settings marked in the registry take the _env form.
  CHECK(load_ok({{"DB_PASSWORD_env", "B"}, {"B", "x"}}).database.password.empty());
}
