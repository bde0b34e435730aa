// Plain settings, grouped by concern. Each member's initializer is its
// setting's only default: the registry (registry.cc) names the variable that
// fills it, shows that default in --help and the docs, and the loader keeps
// it when the variable is unset.
#ifndef EBILL_COMMON_CONFIG_SETTINGS_H_
#define EBILL_COMMON_CONFIG_SETTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/amount.h"
#include "common/log/log.h"

namespace ebill {

struct GeneralSettings {
  std::string time_zone = "Asia/Shanghai";       // IANA name, checked to exist
  log::Level log_level = log::Level::kInfo;
  friend bool operator==(const GeneralSettings&, const GeneralSettings&) = default;
};

struct UsageSettings {
  int gap_minutes = 30;                  // readings further apart form a gap
  Hundredths recharge_min_kwh = 100;     // 0.01 kWh
  friend bool operator==(const UsageSettings&, const UsageSettings&) = default;
};

// How one meter page is fetched: by the collector and by the API's /fetch.
struct FetchSettings {
  std::string source_url = "http://www.wap.cnyiot.com/nat/pay.aspx?mid={meter}";  // contains {meter}
  int connect_timeout_s = 5;
  int timeout_s = 15;                    // total, >= connect_timeout_s
  int retries = 2;
  std::string proxy;                     // empty = direct (secret: may hold a password)
  std::string user_agent =
      "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 "
      "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
  Hundredths max_jump_kwh = 50000;       // 0.01 kWh
  int jump_confirm_readings = 3;         // agreeing readings that confirm a jump (collector)
  friend bool operator==(const FetchSettings&, const FetchSettings&) = default;
};

struct CollectorSettings {
  int interval_s = 300;                  // between polling cycles
  int concurrency = 8;                   // requests in flight
  int max_rps = 10;                      // 0 = no cap
  std::string spool_dir = "var/spool";
  int shard_index = 0;                   // k of k/N (0 <= k < N)
  int shard_count = 1;                   // N of k/N
  std::optional<int> metrics_port;       // nullopt = no /metrics endpoint
  std::string metrics_host = "127.0.0.1";  // address /metrics listens on
  std::string mqtt_url;                  // mqtt[s]://host:port; "" = no MQTT
  std::string mqtt_username;             // "" = no login
  std::string mqtt_password;             // MQTT_PASSWORD or the variable MQTT_PASSWORD_env names
  std::string mqtt_ca_file;              // PEM CA bundle for mqtts://; "" = the system store
  std::string mqtt_topic_prefix = "ebill";
  std::string mqtt_discovery_prefix = "homeassistant";
  friend bool operator==(const CollectorSettings&, const CollectorSettings&) = default;
};

// Who may read the page and the API (docs/access.md).
enum class AccessMode { kOpen, kPrivate, kShared };

struct ApiSettings {
  std::string host = "0.0.0.0";
  int port = 9136;                       // 0 = any free port
  int threads = 1;                       // I/O threads; the loader sets one per core when unset
  int workers = 4;                       // threads running handlers (reads)
  int queue_limit = 256;                 // requests waiting for a worker; more → 503
  int queue_timeout_s = 10;              // waited longer for a worker → 503
  int max_connections = 1024;            // 0 = no cap
  int max_connections_per_client = 64;   // per remote address; 0 = no cap
  std::string web_root = "web/dist";
  std::string fetch_token;               // empty = no auth (secret)
  AccessMode access_mode = AccessMode::kOpen;
  std::string admin_token;               // 16+ characters; required unless open (secret)
  int session_days = 30;                 // sign-in cookie lifetime
  std::string public_url;                // "https://host[:port]" share links start with; "" = path only
  std::vector<std::string> cors_origins; // empty = CORS off; "*" allows any
  int manual_fetch_cooldown_s = 30;
  int test_notification_cooldown_s = 600;  // per meter
  int view_marker_refresh_ms = 250;       // 0 = read the markers per request
  int summary_check_s = 20;               // between checks for other programs' writes
  // Test hooks (milliseconds); nullopt = the HTTP server's own timeouts.
  std::optional<int> test_header_timeout_ms;
  std::optional<int> test_idle_timeout_ms;
  friend bool operator==(const ApiSettings&, const ApiSettings&) = default;
};

struct NotifySettings {
  std::optional<int> daily_report_minute = 9 * 60;  // minutes after local midnight; nullopt = off
  Hundredths alert_balance_kwh = 1000;   // 0.01 kWh
  int alert_days_left = 2;               // 0 = off
  int alert_repeat_hours = 12;           // 0 = no reminder
  int alert_stale_minutes = 60;          // 0 = off
  Hundredths alert_abnormal_factor = 300;  // x 100: 300 = 3x the median; 0 = off
  Hundredths alert_abnormal_min_kwh = 100;  // 0.01 kWh
  std::optional<int> weekly_report_minute;  // minutes after local midnight; nullopt = off
  int weekly_report_day = 1;                // ISO weekday: 1 = Monday .. 7 = Sunday
  std::optional<int> heartbeat_minute;      // minutes after local midnight; nullopt = off
  int timeout_s = 10;                    // one notification request
  int retries = 2;
  std::string serverchan_base_url = "https://sctapi.ftqq.com";
  std::string ntfy_base_url = "https://ntfy.sh";
  std::string bark_base_url = "https://api.day.app";
  std::string pushplus_base_url = "http://www.pushplus.plus";
  std::string wecom_base_url = "https://qyapi.weixin.qq.com";
  std::string dingtalk_base_url = "https://oapi.dingtalk.com";
  std::string feishu_base_url = "https://open.feishu.cn";
  std::string telegram_base_url = "https://api.telegram.org";  // or a reachable relay
  std::string wxpusher_base_url = "https://wxpusher.zjiecode.com";
  std::string ca_file;  // PEM CA bundle for notification TLS; empty = the system store
  friend bool operator==(const NotifySettings&, const NotifySettings&) = default;
};

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_SETTINGS_H_
