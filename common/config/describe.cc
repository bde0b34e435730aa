#include "common/config/describe.h"

#include <fmt/format.h>

#include "common/domain/amount.h"

namespace ebill {

namespace {

std::string secret(const std::string& value) { return value.empty() ? "(unset)" : "(set)"; }

const char* level_name(log::Level level) {
  switch (level) {
    case log::Level::kDebug: return "debug";
    case log::Level::kInfo: return "info";
    case log::Level::kWarn: return "warn";
    case log::Level::kError: return "error";
  }
  return "?";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

std::string redact_url_credentials(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority = scheme_end + 3;
  const auto at = url.find('@', authority);
  const auto slash = url.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  return url.substr(0, authority) + "***" + url.substr(at);
}

std::vector<std::string> describe(const Config& c) {
  std::vector<std::string> lines;
  const auto add = [&](std::string_view name, const auto& value) {
    lines.push_back(fmt::format("{}={}", name, value));
  };
  add("APP_TZ", c.general.time_zone);
  add("LOG_LEVEL", level_name(c.general.log_level));
  const DatabaseSettings& d = c.database;
  if (d.backend == DatabaseSettings::Backend::kSqlite) {
    add("SQLITE_PATH", d.sqlite_path);
  } else {
    add("DB_HOST", d.host);
    add("DB_PORT", d.port);
    add("DB_USER", d.user);
    add("DB_PASSWORD", secret(d.password));
    add("DB_NAME", d.name);
    add("DB_CHARSET", d.charset);
    add("DB_CONNECT_TIMEOUT", d.connect_timeout_s);
    add("DB_READ_TIMEOUT", d.read_timeout_s);
    add("DB_WRITE_TIMEOUT", d.write_timeout_s);
  }
  add("DB_POOL_SIZE", d.pool_size);
  for (const MeterConfig& m : c.meters) {
    std::vector<std::string> channels;
    for (const NotifyTarget& t : m.notify) channels.emplace_back(channel_name(t.type));
    std::string line = fmt::format("meter {} name={} notify={}", m.id, m.name,
                                   channels.empty() ? "none" : joined(channels));
    if (m.alert_balance_kwh) line += " alert_balance_kwh=" + format_hundredths(*m.alert_balance_kwh);
    lines.push_back(std::move(line));
  }
  if (c.meters.empty()) lines.emplace_back("meters: none configured");
  add("GAP_MINUTES", c.usage.gap_minutes);
  add("RECHARGE_MIN_KWH", format_hundredths(c.usage.recharge_min_kwh));
  add("METER_SOURCE_URL", redact_url_credentials(c.fetch.source_url));
  add("FETCH_CONNECT_TIMEOUT", c.fetch.connect_timeout_s);
  add("FETCH_TIMEOUT", c.fetch.timeout_s);
  add("FETCH_RETRIES", c.fetch.retries);
  add("FETCH_PROXY", c.fetch.proxy.empty() ? "(none)" : redact_url_credentials(c.fetch.proxy));
  add("FETCH_USER_AGENT", c.fetch.user_agent);
  add("MAX_JUMP_KWH", format_hundredths(c.fetch.max_jump_kwh));
  add("FETCH_INTERVAL_SECONDS", c.collector.interval_s);
  add("FETCH_CONCURRENCY", c.collector.concurrency);
  add("FETCH_MAX_RPS", c.collector.max_rps);
  add("SPOOL_DIR", c.collector.spool_dir);
  add("COLLECTOR_SHARD", fmt::format("{}/{}", c.collector.shard_index, c.collector.shard_count));
  add("METRICS_PORT", c.collector.metrics_port ? std::to_string(*c.collector.metrics_port) : "off");
  add("HOST", c.api.host);
  add("PORT", c.api.port);
  add("API_THREADS", c.api.threads);
  add("WEB_ROOT", c.api.web_root);
  add("FETCH_TOKEN", secret(c.api.fetch_token));
  add("CORS_ORIGINS", c.api.cors_origins.empty() ? "(off)" : joined(c.api.cors_origins));
  add("MANUAL_FETCH_COOLDOWN_SECONDS", c.api.manual_fetch_cooldown_s);
  const NotifySettings& n = c.notify;
  add("DAILY_REPORT_TIME", n.daily_report_minute
                               ? fmt::format("{:02}:{:02}", *n.daily_report_minute / 60,
                                             *n.daily_report_minute % 60)
                               : "off");
  add("ALERT_BALANCE_KWH", format_hundredths(n.alert_balance_kwh));
  add("ALERT_DAYS_LEFT", n.alert_days_left);
  add("ALERT_REPEAT_HOURS", n.alert_repeat_hours);
  add("ALERT_STALE_MINUTES", n.alert_stale_minutes);
  add("NOTIFY_TIMEOUT_SECONDS", n.timeout_s);
  add("NOTIFY_RETRIES", n.retries);
  add("SERVERCHAN_BASE_URL", redact_url_credentials(n.serverchan_base_url));
  add("NTFY_BASE_URL", redact_url_credentials(n.ntfy_base_url));
  add("BARK_BASE_URL", redact_url_credentials(n.bark_base_url));
  add("PUSHPLUS_BASE_URL", redact_url_credentials(n.pushplus_base_url));
  return lines;
}

}  // namespace ebill
