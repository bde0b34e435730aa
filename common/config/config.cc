#include "common/config/config.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include <fmt/format.h>

#include "common/config/config_reader.h"
#include "common/time/civil_time.h"
#include "common/time/time_zone.h"

namespace ebill {

namespace {

constexpr Hundredths kMaxKwh = 100'000'000;  // 1,000,000.00 kWh

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void read_general(ConfigReader& r, GeneralSettings* g) {
  r.text("APP_TZ", false, &g->time_zone);
  if (r.failed()) return;
  if (const std::string why = check_time_zone(g->time_zone); !why.empty()) {
    r.reject("APP_TZ", why);
  }
  const std::string level = lower(r.get("LOG_LEVEL"));
  if (level == "debug") g->log_level = log::Level::kDebug;
  else if (level == "info") g->log_level = log::Level::kInfo;
  else if (level == "warn" || level == "warning") g->log_level = log::Level::kWarn;
  else if (level == "error") g->log_level = log::Level::kError;
  else r.reject("LOG_LEVEL", "must be debug, info, warn or error");
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$';
}

void read_database(ConfigReader& r, DatabaseSettings* d) {
  r.text("DB_HOST", true, &d->host);
  d->backend = d->host.empty() ? DatabaseSettings::Backend::kSqlite
                               : DatabaseSettings::Backend::kMysql;
  r.integer("DB_PORT", 1, 65535, &d->port);
  r.text("DB_USER", false, &d->user);
  r.text("DB_PASSWORD", true, &d->password);
  r.text("DB_NAME", false, &d->name);
  if (!std::all_of(d->name.begin(), d->name.end(), is_name_char)) {
    r.reject("DB_NAME", "must hold only letters, digits, '_', '-' or '$'");
  }
  r.text("DB_CHARSET", false, &d->charset);
  if (!std::all_of(d->charset.begin(), d->charset.end(), is_name_char)) {
    r.reject("DB_CHARSET", "must be a character set name such as utf8mb4");
  }
  r.integer("DB_CONNECT_TIMEOUT", 1, 3600, &d->connect_timeout_s);
  r.integer("DB_READ_TIMEOUT", 1, 3600, &d->read_timeout_s);
  r.integer("DB_WRITE_TIMEOUT", 1, 3600, &d->write_timeout_s);
  r.integer("DB_POOL_SIZE", 1, 64, &d->pool_size);
  r.text("SQLITE_PATH", false, &d->sqlite_path);
}

void read_usage(ConfigReader& r, UsageSettings* u) {
  r.integer("GAP_MINUTES", 1, 1440, &u->gap_minutes);
  r.hundredths("RECHARGE_MIN_KWH", 0, kMaxKwh, &u->recharge_min_kwh);
}

bool is_proxy_url(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://", "socks4://", "socks4a://",
                                  "socks5://", "socks5h://"}) {
    if (url.starts_with(scheme) && url.size() > scheme.size() &&
        url.find_first_of(" \t\r\n") == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

void read_fetch(ConfigReader& r, FetchSettings* f) {
  r.http_url("METER_SOURCE_URL", &f->source_url);
  if (f->source_url.find("{meter}") == std::string::npos) {
    r.reject("METER_SOURCE_URL", "must contain {meter}");
  }
  r.integer("FETCH_CONNECT_TIMEOUT", 1, 300, &f->connect_timeout_s);
  r.integer("FETCH_TIMEOUT", 1, 600, &f->timeout_s);
  if (!r.failed() && f->timeout_s < f->connect_timeout_s) {
    r.reject("FETCH_TIMEOUT", fmt::format("must not be shorter than FETCH_CONNECT_TIMEOUT ({})",
                                          f->connect_timeout_s));
  }
  r.integer("FETCH_RETRIES", 0, 10, &f->retries);
  r.text("FETCH_PROXY", true, &f->proxy);
  if (!f->proxy.empty() && !is_proxy_url(f->proxy)) {
    // The proxy URL may carry a password: name the problem, not the value.
    r.reject_raw("FETCH_PROXY: must be a URL starting with http://, https://, socks4://, "
                 "socks4a://, socks5:// or socks5h://");
  }
  r.text("FETCH_USER_AGENT", false, &f->user_agent);
  r.hundredths("MAX_JUMP_KWH", 1, kMaxKwh, &f->max_jump_kwh);
}

void read_collector(ConfigReader& r, CollectorSettings* c) {
  r.integer("FETCH_INTERVAL_SECONDS", 10, 86400, &c->interval_s);
  r.integer("FETCH_CONCURRENCY", 1, 1024, &c->concurrency);
  r.integer("FETCH_MAX_RPS", 0, 100000, &c->max_rps);
  r.text("SPOOL_DIR", false, &c->spool_dir);
  const std::string shard = r.get("COLLECTOR_SHARD");
  const auto slash = shard.find('/');
  const std::optional<int> n =
      slash == std::string::npos ? std::nullopt : parse_whole(shard.substr(slash + 1), 1, 1024);
  const std::optional<int> k = n ? parse_whole(shard.substr(0, slash), 0, *n - 1) : std::nullopt;
  if (!k) {
    r.reject("COLLECTOR_SHARD", "must be k/N with 1 <= N <= 1024 and 0 <= k < N");
  } else {
    c->shard_index = *k;
    c->shard_count = *n;
  }
  r.optional_integer("METRICS_PORT", 1, 65535, &c->metrics_port);
}

bool is_origin(std::string_view o) {
  if (o == "*") return true;
  return is_http_url(o) && o.find('/', o.find("//") + 2) == std::string_view::npos;
}

void read_api(ConfigReader& r, ApiSettings* a) {
  r.text("HOST", false, &a->host);
  if (a->host.find_first_of(" /") != std::string::npos) {
    r.reject("HOST", "must be an IP address or host name");
  }
  r.integer("PORT", 0, 65535, &a->port);
  if (r.get("API_THREADS").empty()) {
    a->threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  } else {
    r.integer("API_THREADS", 1, 256, &a->threads);
  }
  r.text("WEB_ROOT", false, &a->web_root);
  r.text("FETCH_TOKEN", true, &a->fetch_token);
  std::string origins;
  r.text("CORS_ORIGINS", true, &origins);
  a->cors_origins.clear();
  for (std::string& item : split_trimmed(origins, ',')) {
    if (item.empty()) continue;
    if (!is_origin(item)) {
      r.reject("CORS_ORIGINS", "must be * or origins like https://example.com, comma separated");
      return;
    }
    a->cors_origins.push_back(std::move(item));
  }
  r.integer("MANUAL_FETCH_COOLDOWN_SECONDS", 0, 86400, &a->manual_fetch_cooldown_s);
}

void read_notify(ConfigReader& r, NotifySettings* n) {
  const std::string time = lower(r.get("DAILY_REPORT_TIME"));
  // Strict HH:MM, checked by the civil-time parser on a dummy date.
  const std::optional<LocalSeconds> at =
      time.size() == 5 ? parse_datetime("1970-01-01 " + time + ":00") : std::nullopt;
  if (time == "off") {
    n->daily_report_minute = std::nullopt;
  } else if (at) {
    n->daily_report_minute = static_cast<int>(*at / 60);
  } else {
    r.reject("DAILY_REPORT_TIME", "must be HH:MM (00:00 to 23:59) or off");
  }
  r.hundredths("ALERT_BALANCE_KWH", 0, kMaxKwh, &n->alert_balance_kwh);
  r.integer("ALERT_DAYS_LEFT", 0, 365, &n->alert_days_left);
  r.integer("ALERT_REPEAT_HOURS", 0, 720, &n->alert_repeat_hours);
  r.integer("ALERT_STALE_MINUTES", 0, 10080, &n->alert_stale_minutes);
  r.integer("NOTIFY_TIMEOUT_SECONDS", 1, 120, &n->timeout_s);
  r.integer("NOTIFY_RETRIES", 0, 10, &n->retries);
  r.http_url("SERVERCHAN_BASE_URL", &n->serverchan_base_url);
  r.http_url("NTFY_BASE_URL", &n->ntfy_base_url);
  r.http_url("BARK_BASE_URL", &n->bark_base_url);
  r.http_url("PUSHPLUS_BASE_URL", &n->pushplus_base_url);
}

}  // namespace

Result<Config, ConfigError> load_config(const Environment& env) {
  Config config;
  ConfigReader r(env);
  read_general(r, &config.general);
  read_database(r, &config.database);
  read_usage(r, &config.usage);
  config.database.summary_gap_minutes = config.usage.gap_minutes;
  read_fetch(r, &config.fetch);
  read_collector(r, &config.collector);
  read_api(r, &config.api);
  read_notify(r, &config.notify);
  if (r.failed()) return fail(r.error());
  auto meters = meters_from_environment(env, &config.warnings);
  if (!meters) return fail(meters.error());
  config.meters = std::move(meters).value();
  return config;
}

Result<Config, ConfigError> load_config_from_process(const std::string& dotenv_path) {
  auto file = read_dotenv_file(dotenv_path);
  if (!file) return fail(file.error());
  return load_config(merge_environment(process_environment(), *file));
}

}  // namespace ebill
