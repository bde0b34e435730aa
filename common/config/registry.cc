#include "common/config/registry.h"

#include <array>

#include <fmt/format.h>

namespace ebill {

namespace {

constexpr UsedBy kBoth = UsedBy::kBoth;
constexpr UsedBy kCol = UsedBy::kCollector;
constexpr UsedBy kApi = UsedBy::kApi;

constexpr std::array kVariables = {
    // General
    ConfigVariable{"APP_TZ", "Asia/Shanghai", "IANA time zone of readings, hours and days", "General", kBoth},
    ConfigVariable{"LOG_LEVEL", "info", "debug, info, warn or error", "General", kBoth},
    // Database
    ConfigVariable{"DB_HOST", "", "MySQL/MariaDB host; unset = embedded SQLite at SQLITE_PATH", "Database", kBoth},
    ConfigVariable{"DB_PORT", "3306", "MySQL port", "Database", kBoth},
    ConfigVariable{"DB_USER", "root", "MySQL user", "Database", kBoth},
    ConfigVariable{"DB_PASSWORD", "", "MySQL password", "Database", kBoth, true},
    ConfigVariable{"DB_NAME", "electricity", "MySQL database name", "Database", kBoth},
    ConfigVariable{"DB_CHARSET", "utf8mb4", "MySQL connection character set", "Database", kBoth},
    ConfigVariable{"DB_CONNECT_TIMEOUT", "5", "MySQL connect timeout, seconds", "Database", kBoth},
    ConfigVariable{"DB_READ_TIMEOUT", "10", "MySQL read timeout, seconds", "Database", kBoth},
    ConfigVariable{"DB_WRITE_TIMEOUT", "10", "MySQL write timeout, seconds", "Database", kBoth},
    ConfigVariable{"DB_POOL_SIZE", "4", "database connections kept open (1-64)", "Database", kBoth},
    ConfigVariable{"SQLITE_PATH", "var/ebill.db", "SQLite file when DB_HOST is unset", "Database", kBoth},
    // Meters
    ConfigVariable{"DEVICES_JSON", "", "JSON array of meters: [{\"id\",\"name\",\"server_chan_key\"|\"server_chan_key_env\",\"notify\":[...]}]", "Meters", kBoth},
    ConfigVariable{"METERS", "", "more meters as id:name,id:name (DEVICES_JSON wins for a repeated id)", "Meters", kBoth},
    ConfigVariable{"DEFAULT_DEVICE_ID", "", "the single meter, used only when DEVICES_JSON and METERS name none", "Meters", kBoth},
    ConfigVariable{"DEFAULT_DEVICE_NAME", "", "display name of DEFAULT_DEVICE_ID (default: its id)", "Meters", kBoth},
    // Usage
    ConfigVariable{"GAP_MINUTES", "30", "readings further apart than this form a gap (estimated usage)", "Usage", kBoth},
    ConfigVariable{"RECHARGE_MIN_KWH", "1.00", "balance increases below this are not listed as recharges", "Usage", kBoth},
    // Fetching (the collector, and the API's /fetch)
    ConfigVariable{"METER_SOURCE_URL", "http://www.wap.cnyiot.com/nat/pay.aspx?mid={meter}", "source page URL; {meter} is replaced by the meter id", "Fetching", kBoth},
    ConfigVariable{"FETCH_CONNECT_TIMEOUT", "5", "connect timeout per request, seconds", "Fetching", kBoth},
    ConfigVariable{"FETCH_TIMEOUT", "15", "total timeout per request, seconds", "Fetching", kBoth},
    ConfigVariable{"FETCH_RETRIES", "2", "retries after a network error or 5xx", "Fetching", kBoth},
    ConfigVariable{"FETCH_PROXY", "", "outbound proxy URL (http://, https://, socks5://, socks5h://)", "Fetching", kBoth, true},
    ConfigVariable{"FETCH_USER_AGENT", "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "User-Agent header sent to the source", "Fetching", kBoth},
    ConfigVariable{"MAX_JUMP_KWH", "500", "a reading this far from the previous one is rejected as absurd", "Fetching", kBoth},
    // Collector
    ConfigVariable{"FETCH_INTERVAL_SECONDS", "300", "seconds between polling cycles", "Collector", kCol},
    ConfigVariable{"FETCH_CONCURRENCY", "8", "requests in flight at once", "Collector", kCol},
    ConfigVariable{"FETCH_MAX_RPS", "10", "requests per second to the source host; 0 = no cap", "Collector", kCol},
    ConfigVariable{"SPOOL_DIR", "var/spool", "durable spool for readings while the database is down", "Collector", kCol},
    ConfigVariable{"COLLECTOR_SHARD", "0/1", "k/N: poll only the meters whose hash mod N is k", "Collector", kCol},
    ConfigVariable{"METRICS_PORT", "", "port of the collector's Prometheus /metrics endpoint; unset = off", "Collector", kCol},
    // API
    ConfigVariable{"HOST", "0.0.0.0", "address the API listens on", "API", kApi},
    ConfigVariable{"PORT", "9136", "port the API listens on (0 = any free port)", "API", kApi},
    ConfigVariable{"API_THREADS", "", "worker threads; unset = one per CPU core", "API", kApi},
    ConfigVariable{"WEB_ROOT", "web/dist", "directory of the built page served at /", "API", kApi},
    ConfigVariable{"FETCH_TOKEN", "", "token required by /fetch and /test_notification; unset = open", "API", kApi, true},
    ConfigVariable{"CORS_ORIGINS", "", "comma list of allowed origins (or *); unset = CORS off", "API", kApi},
    ConfigVariable{"MANUAL_FETCH_COOLDOWN_SECONDS", "30", "minimum seconds between manual fetches of one meter", "API", kApi},
    // Notifications
    ConfigVariable{"DAILY_REPORT_TIME", "09:00", "local HH:MM of the daily report; off = none", "Notifications", kCol},
    ConfigVariable{"ALERT_BALANCE_KWH", "10", "low-balance alert below this many kWh (per meter: alert_balance_kwh)", "Notifications", kCol},
    ConfigVariable{"ALERT_DAYS_LEFT", "2", "low-balance alert below this many estimated days left; 0 = off", "Notifications", kCol},
    ConfigVariable{"ALERT_REPEAT_HOURS", "12", "reminder interval while the balance stays low; 0 = no reminder", "Notifications", kCol},
    ConfigVariable{"ALERT_STALE_MINUTES", "60", "source-failure alert after this long without a reading; 0 = off", "Notifications", kCol},
    ConfigVariable{"NOTIFY_TIMEOUT_SECONDS", "10", "timeout of one notification request, seconds", "Notifications", kBoth},
    ConfigVariable{"NOTIFY_RETRIES", "2", "retries of a failed notification", "Notifications", kBoth},
    ConfigVariable{"SERVERCHAN_BASE_URL", "https://sctapi.ftqq.com", "Server酱 API base URL", "Notifications", kBoth},
    ConfigVariable{"NTFY_BASE_URL", "https://ntfy.sh", "ntfy server base URL", "Notifications", kBoth},
    ConfigVariable{"BARK_BASE_URL", "https://api.day.app", "Bark server base URL", "Notifications", kBoth},
    ConfigVariable{"PUSHPLUS_BASE_URL", "http://www.pushplus.plus", "PushPlus API base URL", "Notifications", kBoth},
};

std::string shown_default(const ConfigVariable& v) {
  return v.default_value.empty() ? "(unset)" : std::string(v.default_value);
}

}  // namespace

std::span<const ConfigVariable> config_variables() { return kVariables; }

const ConfigVariable* find_config_variable(std::string_view name) {
  for (const ConfigVariable& v : kVariables) {
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

std::string help_text(Program program) {
  std::string out =
      "Configuration (environment variables, or KEY=value lines in ./.env;\n"
      "the environment wins):\n";
  std::string_view section;
  for (const ConfigVariable& v : kVariables) {
    if (!used_by(v, program)) continue;
    if (v.section != section) {
      section = v.section;
      out += fmt::format("\n {}:\n", section);
    }
    out += fmt::format("  {:<30} default: {}\n      {}\n", v.name, shown_default(v), v.meaning);
  }
  return out;
}

std::string reference_markdown() {
  std::string out =
      "| Variable | Default | Used by | Meaning |\n"
      "|---|---|---|---|\n";
  for (const ConfigVariable& v : kVariables) {
    const char* who = v.used_by == UsedBy::kBoth ? "both"
                      : v.used_by == UsedBy::kCollector ? "collector" : "api";
    std::string meaning(v.meaning);
    std::string escaped;
    for (char c : meaning) {
      if (c == '|') escaped += '\\';
      escaped += c;
    }
    out += fmt::format("| `{}` | {} | {} | {}{} |\n", v.name,
                       v.default_value.empty() ? "(unset)" : fmt::format("`{}`", v.default_value),
                       who, escaped, v.secret ? " (secret: never logged)" : "");
  }
  return out;
}

}  // namespace ebill
