#include "common/config/registry.h"

#include <algorithm>
#include <cctype>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "common/config/config_text.h"
#include "common/config/mqtt_url.h"
#include "common/time/time_zone.h"

namespace ebill {

namespace {

constexpr UsedBy kBoth = UsedBy::kBoth;
constexpr UsedBy kCol = UsedBy::kCollector;
constexpr UsedBy kApi = UsedBy::kApi;
constexpr bool kSecret = true;
constexpr bool kByName = true;
constexpr Hundredths kMaxKwh = 100'000'000;  // 1,000,000.00 kWh

// Rules beyond a value's kind ("" = fine).
std::string known_zone(const std::string& zone, const Config&) { return check_time_zone(zone); }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$';
}
bool is_name(const std::string& s) { return std::all_of(s.begin(), s.end(), is_name_char); }
std::string database_name(const std::string& name, const Config&) {
  return is_name(name) ? "" : "must hold only letters, digits, '_', '-' or '$'";
}
std::string charset_name(const std::string& name, const Config&) {
  return is_name(name) ? "" : "must be a character set name such as utf8mb4";
}

std::string has_meter_placeholder(const std::string& url, const Config&) {
  return url.find("{meter}") == std::string::npos ? "must contain {meter}" : "";
}

std::string not_below_connect_timeout(const int& timeout_s, const Config& c) {
  if (timeout_s >= c.fetch.connect_timeout_s) return "";
  return fmt::format("must not be shorter than FETCH_CONNECT_TIMEOUT ({})", c.fetch.connect_timeout_s);
}

std::string mqtt_url(const std::string& url, const Config&) {
  return url.empty() || parse_mqtt_url(url) ? "" : "must be mqtt://host:port or mqtts://host:port";
}

std::string mqtt_topic(const std::string& topic, const Config&) {
  return valid_mqtt_topic_prefix(topic) ? "" : "must be an MQTT topic without +, # or a trailing /";
}

std::string host_name(const std::string& host, const Config&) {
  return host.find_first_of(" /") == std::string::npos ? "" : "must be an IP address or host name";
}

bool is_origin(std::string_view o) {
  if (o == "*") return true;
  return is_http_url(o) && o.find('/', o.find("//") + 2) == std::string_view::npos;
}

// The operator token: long enough not to be guessed, and not the example's.
std::string operator_token(const std::string& token, const Config&) {
  if (token.empty()) return "";
  if (token == "change-me") return "is the placeholder of compose/.env.example; set a real token (16+ characters)";
  return token.size() < 16 ? "must be at least 16 characters" : "";
}

// The admin token: required (16+ characters) when the mode has a sign-in.
std::string admin_token(const std::string& token, const Config& c) {
  if (token.empty()) {
    return c.api.access_mode == AccessMode::kOpen ? "" : "must be set (16+ characters) when ACCESS_MODE is private or shared";
  }
  if (token == "change-me") return "is the placeholder of compose/.env.example; set a real token (16+ characters)";
  return token.size() < 16 ? "must be at least 16 characters" : "";
}

std::string public_url(const std::string& url, const Config&) {
  if (url.empty() || (is_origin(url) && url != "*")) return "";
  return "must be the address people open the page at, like https://ebill.example.com (no path)";
}

int one_per_core() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

bool on_mysql(const Config& c) { return c.database.backend == DatabaseSettings::Backend::kMysql; }
bool on_sqlite(const Config& c) { return !on_mysql(c); }

struct Section {
  std::string_view name;
  bool listed;
  std::vector<ConfigVariable> variables;
};

std::vector<ConfigVariable> build_table() {
  using L = log::Level;
  using E = Empty;
  const std::vector<Section> sections = {
      {"General", true, {
          {"APP_TZ", kBoth, text(&GeneralSettings::time_zone, E::kRejected, known_zone), "IANA time zone of readings, hours and days"},
          {"LOG_LEVEL", kBoth, choice(&GeneralSettings::log_level, {{"debug", int(L::kDebug)}, {"info", int(L::kInfo)}, {"warn", int(L::kWarn)}, {"error", int(L::kError)}}, {{"warning", int(L::kWarn)}}), "debug, info, warn or error"},
      }},
      {"Database", true, {
          {"DB_HOST", kBoth, text(&DatabaseSettings::host, E::kAllowed).summarised_if(on_mysql), "MySQL/MariaDB host; unset = embedded SQLite at SQLITE_PATH"},
          {"DB_PORT", kBoth, whole(&DatabaseSettings::port, 1, 65535).summarised_if(on_mysql), "MySQL port"},
          {"DB_USER", kBoth, text(&DatabaseSettings::user, E::kRejected).summarised_if(on_mysql), "MySQL user"},
          {"DB_PASSWORD", kBoth, text(&DatabaseSettings::password, E::kAllowed).summarised_if(on_mysql), "MySQL password", kSecret},
          {"DB_NAME", kBoth, text(&DatabaseSettings::name, E::kRejected, database_name).summarised_if(on_mysql), "MySQL database name"},
          {"DB_CHARSET", kBoth, text(&DatabaseSettings::charset, E::kRejected, charset_name).summarised_if(on_mysql), "MySQL connection character set"},
          {"DB_CONNECT_TIMEOUT", kBoth, whole(&DatabaseSettings::connect_timeout_s, 1, 3600).summarised_if(on_mysql), "MySQL connect timeout, seconds"},
          {"DB_READ_TIMEOUT", kBoth, whole(&DatabaseSettings::read_timeout_s, 1, 3600).summarised_if(on_mysql), "MySQL read timeout, seconds"},
          {"DB_WRITE_TIMEOUT", kBoth, whole(&DatabaseSettings::write_timeout_s, 1, 3600).summarised_if(on_mysql), "MySQL write timeout, seconds"},
          {"DB_POOL_SIZE", kBoth, whole(&DatabaseSettings::pool_size, 1, 64), "database connections kept open (1-64)"},
          {"SQLITE_PATH", kBoth, text(&DatabaseSettings::sqlite_path, E::kRejected).summarised_if(on_sqlite), "SQLite file when DB_HOST is unset"},
      }},
      {"Meters", true, {
          {"DEVICES_JSON", kBoth, meter_list_value(), "JSON array of meters: [{\"id\",\"name\",\"group\",\"server_chan_key\"|\"server_chan_key_env\",\"notify\":[...]}]"},
          {"METERS", kBoth, meter_list_value(), "more meters as id:name,id:name (DEVICES_JSON wins for a repeated id)"},
          {"DEFAULT_DEVICE_ID", kBoth, meter_list_value(), "the single meter, used only when DEVICES_JSON and METERS name none"},
          {"DEFAULT_DEVICE_NAME", kBoth, meter_list_value(), "display name of DEFAULT_DEVICE_ID (default: its id)"},
      }},
      {"Usage", true, {
          {"GAP_MINUTES", kBoth, whole(&UsageSettings::gap_minutes, 1, 1440), "readings further apart than this form a gap (estimated usage)"},
          {"RECHARGE_MIN_KWH", kBoth, hundredths(&UsageSettings::recharge_min_kwh, 0, kMaxKwh), "balance increases below this are not listed as recharges"},
      }},
      {"Fetching", true, {
          {"METER_SOURCE_URL", kBoth, http_url(&FetchSettings::source_url, has_meter_placeholder), "source page URL; {meter} is replaced by the meter id"},
          {"FETCH_CONNECT_TIMEOUT", kBoth, whole(&FetchSettings::connect_timeout_s, 1, 300), "connect timeout per request, seconds"},
          {"FETCH_TIMEOUT", kBoth, whole(&FetchSettings::timeout_s, 1, 600, not_below_connect_timeout), "total timeout per request, seconds"},
          {"FETCH_RETRIES", kBoth, whole(&FetchSettings::retries, 0, 10), "retries after a network error or 5xx"},
          {"FETCH_PROXY", kBoth, proxy_url(&FetchSettings::proxy), "outbound proxy URL (http://, https://, socks5://, socks5h://)", kSecret},
          {"FETCH_USER_AGENT", kBoth, text(&FetchSettings::user_agent, E::kRejected), "User-Agent header sent to the source"},
          {"MAX_JUMP_KWH", kBoth, hundredths(&FetchSettings::max_jump_kwh, 1, kMaxKwh), "a reading this far from the previous one is rejected as absurd"},
          {"JUMP_CONFIRM_READINGS", kCol, whole(&FetchSettings::jump_confirm_readings, 2, 100), "this many consecutive agreeing readings beyond MAX_JUMP_KWH are accepted as the meter's new level"},
      }},
      {"Collector", true, {
          {"FETCH_INTERVAL_SECONDS", kCol, whole(&CollectorSettings::interval_s, 10, 86400), "seconds between polling cycles"},
          {"FETCH_CONCURRENCY", kCol, whole(&CollectorSettings::concurrency, 1, 1024), "requests in flight at once"},
          {"FETCH_MAX_RPS", kCol, whole(&CollectorSettings::max_rps, 0, 100000), "requests per second to the source host; 0 = no cap"},
          {"SPOOL_DIR", kCol, text(&CollectorSettings::spool_dir, E::kRejected), "durable spool for readings while the database is down"},
          {"COLLECTOR_SHARD", kCol, shard(&CollectorSettings::shard_index, &CollectorSettings::shard_count, 1024), "k/N: poll only the meters whose hash mod N is k"},
          {"METRICS_PORT", kCol, optional_whole(&CollectorSettings::metrics_port, 1, 65535), "port of the collector's Prometheus /metrics endpoint; unset = off"},
          {"METRICS_HOST", kCol, text(&CollectorSettings::metrics_host, E::kRejected, host_name), "address the collector's /metrics listens on"},
          {"MQTT_URL", kCol, text(&CollectorSettings::mqtt_url, E::kAllowed, mqtt_url), "MQTT broker (mqtt://host:port or mqtts://host:port) for Home Assistant; unset = off"},
          {"MQTT_USERNAME", kCol, text(&CollectorSettings::mqtt_username, E::kAllowed), "MQTT login user; unset = anonymous"},
          {"MQTT_PASSWORD", kCol, text(&CollectorSettings::mqtt_password, E::kAllowed), "MQTT login password (or MQTT_PASSWORD_env, naming the variable that holds it)", kSecret, kByName},
          {"MQTT_CA_FILE", kCol, text(&CollectorSettings::mqtt_ca_file, E::kAllowed), "PEM file of the CA certificates that sign the broker's certificate (mqtts://); unset = the system store"},
          {"MQTT_TOPIC_PREFIX", kCol, text(&CollectorSettings::mqtt_topic_prefix, E::kRejected, mqtt_topic), "prefix of ebill's state and availability topics"},
          {"MQTT_DISCOVERY_PREFIX", kCol, text(&CollectorSettings::mqtt_discovery_prefix, E::kRejected, mqtt_topic), "Home Assistant discovery prefix"},
      }},
      {"API", true, {
          {"HOST", kApi, text(&ApiSettings::host, E::kRejected, host_name), "address the API listens on"},
          {"PORT", kApi, whole(&ApiSettings::port, 0, 65535), "port the API listens on (0 = any free port)"},
          {"API_THREADS", kApi, whole_or(&ApiSettings::threads, 1, 256, one_per_core), "I/O threads (connections); unset = one per CPU core"},
          {"API_WORKERS", kApi, whole(&ApiSettings::workers, 1, 256), "threads that run the handlers (database reads); /fetch and /test_notification have 2 of their own"},
          {"API_QUEUE_LIMIT", kApi, whole(&ApiSettings::queue_limit, 1, 100000), "requests waiting for a worker at most; more are answered 503 with Retry-After"},
          {"API_QUEUE_TIMEOUT_SECONDS", kApi, whole(&ApiSettings::queue_timeout_s, 1, 3600), "a request that waited longer for a worker is answered 503"},
          {"API_MAX_CONNECTIONS", kApi, whole(&ApiSettings::max_connections, 0, 1000000), "open connections at most; more are closed at once; 0 = no cap"},
          {"API_MAX_CONNECTIONS_PER_CLIENT", kApi, whole(&ApiSettings::max_connections_per_client, 0, 1000000), "open connections per client address at most; 0 = no cap"},
          {"WEB_ROOT", kApi, text(&ApiSettings::web_root, E::kRejected), "directory of the built page served at /"},
          {"FETCH_TOKEN", kApi, text(&ApiSettings::fetch_token, E::kAllowed, operator_token), "token (16+ characters) required by /fetch and /test_notification as Authorization: Bearer; unset = open to same-site requests", kSecret},
          {"ACCESS_MODE", kApi, choice(&ApiSettings::access_mode, {{"open", int(AccessMode::kOpen)}, {"private", int(AccessMode::kPrivate)}, {"shared", int(AccessMode::kShared)}}), "who sees the page and API: open (anyone who reaches it), private (the admin's sign-in), shared (the admin, plus per-meter share links)"},
          {"ADMIN_TOKEN", kApi, text(&ApiSettings::admin_token, E::kAllowed, admin_token), "the admin's sign-in token (16+ characters), also accepted as Authorization: Bearer; required when ACCESS_MODE is private or shared", kSecret},
          {"SESSION_DAYS", kApi, whole(&ApiSettings::session_days, 1, 365), "days a sign-in (or an opened share link) lasts before the browser must sign in (open the link) again"},
          {"PUBLIC_URL", kApi, text(&ApiSettings::public_url, E::kAllowed, public_url), "address the page is reached at (https://host[:port]), printed before /s/<token> by `ebill-api share create`; unset = the path only"},
          {"CORS_ORIGINS", kApi, comma_list(&ApiSettings::cors_origins, is_origin, "must be * or origins like https://example.com, comma separated"), "comma list of allowed origins (or *); unset = CORS off"},
          {"MANUAL_FETCH_COOLDOWN_SECONDS", kApi, whole(&ApiSettings::manual_fetch_cooldown_s, 0, 86400), "minimum seconds between manual fetches of one meter"},
          {"TEST_NOTIFICATION_COOLDOWN_SECONDS", kApi, whole(&ApiSettings::test_notification_cooldown_s, 0, 86400), "minimum seconds between test notifications of one meter"},
          {"SUMMARY_CHECK_SECONDS", kApi, whole(&ApiSettings::summary_check_s, 1, 60), "how often the API repairs the day summaries of readings other programs inserted, changed or deleted, seconds (they show in every view within this)"},
          {"VIEW_MARKER_REFRESH_MS", kApi, whole(&ApiSettings::view_marker_refresh_ms, 0, 60000), "how often cached views re-read the meters' change markers, ms (another program's write shows within this); 0 = every request"},
      }},
      {"Notifications", true, {
          {"DAILY_REPORT_TIME", kCol, clock_time_or_off(&NotifySettings::daily_report_minute), "local HH:MM of the daily report; off = none"},
          {"ALERT_BALANCE_KWH", kCol, hundredths(&NotifySettings::alert_balance_kwh, 0, kMaxKwh), "low-balance alert below this many kWh (per meter: alert_balance_kwh)"},
          {"ALERT_DAYS_LEFT", kCol, whole(&NotifySettings::alert_days_left, 0, 365), "low-balance alert below this many estimated days left; 0 = off"},
          {"ALERT_REPEAT_HOURS", kCol, whole(&NotifySettings::alert_repeat_hours, 0, 720), "reminder interval while the balance stays low; 0 = no reminder"},
          {"ALERT_STALE_MINUTES", kCol, whole(&NotifySettings::alert_stale_minutes, 0, 10080), "source-failure alert after this long without a reading; 0 = off"},
          {"ALERT_ABNORMAL_FACTOR", kCol, hundredths(&NotifySettings::alert_abnormal_factor, 0, 100'00), "abnormal-usage alert above this many times the median of the 14 days before (an hour: of the same hour of day); 0 = off"},
          {"ALERT_ABNORMAL_MIN_KWH", kCol, hundredths(&NotifySettings::alert_abnormal_min_kwh, 0, kMaxKwh), "abnormal-usage alert only when the hour or day used more than this many kWh"},
          {"WEEKLY_REPORT_TIME", kCol, clock_time_or_off(&NotifySettings::weekly_report_minute), "local HH:MM of the weekly summary on WEEKLY_REPORT_DAY; off = none"},
          {"WEEKLY_REPORT_DAY", kCol, choice(&NotifySettings::weekly_report_day, {{"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}, {"sun", 7}}, {{"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6}, {"sunday", 7}}), "weekday of the weekly summary: mon, tue, wed, thu, fri, sat or sun"},
          {"HEARTBEAT_TIME", kCol, clock_time_or_off(&NotifySettings::heartbeat_minute), "local HH:MM of the daily \"ebill is alive\" message to every target; off = none"},
          {"NOTIFY_TIMEOUT_SECONDS", kBoth, whole(&NotifySettings::timeout_s, 1, 120), "timeout of one notification request, seconds"},
          {"NOTIFY_RETRIES", kCol, whole(&NotifySettings::retries, 0, 10), "retries of a failed notification (the API's test notification tries once)"},
          {"SERVERCHAN_BASE_URL", kBoth, http_url(&NotifySettings::serverchan_base_url), "Server酱 API base URL"},
          {"NTFY_BASE_URL", kBoth, http_url(&NotifySettings::ntfy_base_url), "ntfy server base URL"},
          {"BARK_BASE_URL", kBoth, http_url(&NotifySettings::bark_base_url), "Bark server base URL"},
          {"PUSHPLUS_BASE_URL", kBoth, http_url(&NotifySettings::pushplus_base_url), "PushPlus API base URL"},
          {"WECOM_BASE_URL", kBoth, http_url(&NotifySettings::wecom_base_url), "WeChat Work (企业微信) group robot API base URL"},
          {"DINGTALK_BASE_URL", kBoth, http_url(&NotifySettings::dingtalk_base_url), "DingTalk (钉钉) robot API base URL"},
          {"FEISHU_BASE_URL", kBoth, http_url(&NotifySettings::feishu_base_url), "Feishu (飞书) bot API base URL (https://open.larksuite.com for Lark)"},
          {"TELEGRAM_API_BASE_URL", kBoth, http_url(&NotifySettings::telegram_base_url), "Telegram Bot API base URL; a relay reachable from the mainland"},
          {"WXPUSHER_BASE_URL", kBoth, http_url(&NotifySettings::wxpusher_base_url), "WxPusher API base URL"},
          {"NOTIFY_CA_FILE", kBoth, text(&NotifySettings::ca_file, E::kAllowed), "PEM file of CA certificates for notification HTTPS and SMTP TLS; unset = the system store"},
      }},
      // Set by the test suites only; never listed.
      {"Test hooks", false, {
          {"EBILL_API_TEST_HEADER_TIMEOUT_MS", kApi, optional_whole(&ApiSettings::test_header_timeout_ms, 1, 3'600'000), "milliseconds allowed for a request's line, headers and body"},
          {"EBILL_API_TEST_IDLE_TIMEOUT_MS", kApi, optional_whole(&ApiSettings::test_idle_timeout_ms, 1, 3'600'000), "milliseconds a kept-alive connection may idle"},
      }},
  };
  const Config defaults;
  std::vector<ConfigVariable> table;
  for (const Section& s : sections) {
    for (ConfigVariable v : s.variables) {
      v.section = s.name;
      v.listed = s.listed;
      if (!v.value.unset_by_default) v.default_value = v.value.show(defaults);
      table.push_back(std::move(v));
    }
  }
  return table;
}

}  // namespace

std::span<const ConfigVariable> config_variables() {
  static const std::vector<ConfigVariable> table = build_table();
  return table;
}

const ConfigVariable* find_config_variable(std::string_view name) {
  for (const ConfigVariable& v : config_variables()) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

bool used_by(const ConfigVariable& v, Program program) {
  switch (v.used_by) {
    case UsedBy::kBoth: return true;
    case UsedBy::kCollector: return program == Program::kCollector;
    case UsedBy::kApi: return program == Program::kApi;
  }
  return false;
}

}  // namespace ebill
