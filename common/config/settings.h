// Plain settings, grouped by concern, as the loader fills them from the
// variables in registry.cc (whose defaults these member defaults match).
#ifndef EBILL_COMMON_CONFIG_SETTINGS_H_
#define EBILL_COMMON_CONFIG_SETTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/amount.h"
#include "common/log/log.h"

namespace ebill {

struct GeneralSettings {
  std::string time_zone = "Asia/Shanghai";       // APP_TZ, checked to exist
  log::Level log_level = log::Level::kInfo;      // LOG_LEVEL
  friend bool operator==(const GeneralSettings&, const GeneralSettings&) = default;
};

struct UsageSettings {
  int gap_minutes = 30;                  // GAP_MINUTES
  Hundredths recharge_min_kwh = 100;     // RECHARGE_MIN_KWH, 0.01 kWh
  friend bool operator==(const UsageSettings&, const UsageSettings&) = default;
};

// How one meter page is fetched: by the collector and by the API's /fetch.
struct FetchSettings {
  std::string source_url = "http://www.wap.cnyiot.com/nat/pay.aspx?mid={meter}";  // contains {meter}
  int connect_timeout_s = 5;             // FETCH_CONNECT_TIMEOUT
  int timeout_s = 15;                    // FETCH_TIMEOUT (>= connect timeout)
  int retries = 2;                       // FETCH_RETRIES
  std::string proxy;                     // FETCH_PROXY; empty = direct
  std::string user_agent =
      "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 "
      "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";  // FETCH_USER_AGENT
  Hundredths max_jump_kwh = 50000;       // MAX_JUMP_KWH, 0.01 kWh
  friend bool operator==(const FetchSettings&, const FetchSettings&) = default;
};

struct CollectorSettings {
  int interval_s = 300;                  // FETCH_INTERVAL_SECONDS
  int concurrency = 8;                   // FETCH_CONCURRENCY
  int max_rps = 10;                      // FETCH_MAX_RPS; 0 = no cap
  std::string spool_dir = "var/spool";   // SPOOL_DIR
  int shard_index = 0;                   // COLLECTOR_SHARD k (0 <= k < N)
  int shard_count = 1;                   // COLLECTOR_SHARD N
  std::optional<int> metrics_port;       // METRICS_PORT; nullopt = off
  friend bool operator==(const CollectorSettings&, const CollectorSettings&) = default;
};

struct ApiSettings {
  std::string host = "0.0.0.0";          // HOST
  int port = 9136;                       // PORT; 0 = any free port
  int threads = 1;                       // API_THREADS; loader default = cores
  std::string web_root = "web/dist";     // WEB_ROOT
  std::string fetch_token;               // FETCH_TOKEN; empty = no auth (secret)
  std::vector<std::string> cors_origins; // CORS_ORIGINS; empty = CORS off
  int manual_fetch_cooldown_s = 30;      // MANUAL_FETCH_COOLDOWN_SECONDS
  friend bool operator==(const ApiSettings&, const ApiSettings&) = default;
};

struct NotifySettings {
  std::optional<int> daily_report_minute = 9 * 60;  // DAILY_REPORT_TIME as minutes after local midnight; nullopt = off
  Hundredths alert_balance_kwh = 1000;   // ALERT_BALANCE_KWH, 0.01 kWh
  int alert_days_left = 2;               // ALERT_DAYS_LEFT; 0 = off
  int alert_repeat_hours = 12;           // ALERT_REPEAT_HOURS; 0 = no reminder
  int alert_stale_minutes = 60;          // ALERT_STALE_MINUTES; 0 = off
  int timeout_s = 10;                    // NOTIFY_TIMEOUT_SECONDS
  int retries = 2;                       // NOTIFY_RETRIES
  std::string serverchan_base_url = "https://sctapi.ftqq.com";
  std::string ntfy_base_url = "https://ntfy.sh";
  std::string bark_base_url = "https://api.day.app";
  std::string pushplus_base_url = "http://www.pushplus.plus";
  friend bool operator==(const NotifySettings&, const NotifySettings&) = default;
};

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_SETTINGS_H_
