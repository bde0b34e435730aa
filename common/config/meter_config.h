// The configured meters and where each one's notifications go, read from
// DEVICES_JSON, METERS and DEFAULT_DEVICE_ID/DEFAULT_DEVICE_NAME.
#ifndef EBILL_COMMON_CONFIG_METER_CONFIG_H_
#define EBILL_COMMON_CONFIG_METER_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"
#include "common/config/config_error.h"
#include "common/config/environment.h"
#include "common/domain/amount.h"
#include "common/domain/meter.h"

namespace ebill {

enum class ChannelType {
  kServerChan, kWebhook, kNtfy, kBark, kPushPlus,
  kWeCom, kDingTalk, kFeishu, kTelegram, kWxPusher, kEmail,
};

// "serverchan", "webhook", "ntfy", "bark", "pushplus", "wecom", "dingtalk",
// "feishu", "telegram", "wxpusher", "email".
std::string_view channel_name(ChannelType type);

// One notification target. Secrets are already resolved from *_env names
// (every string field may be given as <field>_env).
// Required fields: serverchan, bark and wecom `key`; pushplus, dingtalk and
// feishu `token`; ntfy `topic`; webhook `url` (http or https); telegram
// `token` and `chat_id`; wxpusher `token` and `uids` or `topic_ids`; email
// `url` (smtp:// = STARTTLS required, smtps:// = implicit TLS), `from` and
// `to` (`user` and `password` together or neither). ntfy and webhook take an
// optional `token`, dingtalk and feishu an optional signing `secret`.
struct NotifyTarget {
  ChannelType type = ChannelType::kServerChan;
  std::string key;    // Server酱 SendKey / Bark device key / WeCom webhook key (secret)
  std::string token;  // PushPlus, DingTalk, Feishu, Telegram bot, WxPusher app token;
                      // ntfy / webhook bearer token (secret)
  std::string url;    // webhook URL / SMTP server URL (may embed a secret: never logged)
  std::string topic;  // ntfy topic
  std::string secret;    // DingTalk / Feishu signing secret; empty = unsigned
  std::string chat_id;   // Telegram chat: a number or @channel
  std::string user;      // SMTP login; empty = no AUTH
  std::string password;  // SMTP password (secret)
  std::string from;      // e-mail sender address
  std::vector<std::string> to;         // e-mail recipient addresses
  std::vector<std::string> uids;       // WxPusher user ids
  std::vector<std::string> topic_ids;  // WxPusher topic ids (digits)
  friend bool operator==(const NotifyTarget&, const NotifyTarget&) = default;
};

struct MeterConfig {
  std::string id;    // meter number: 1-64 ASCII letters or digits
  std::string name;  // display name; the id when none is given
  std::vector<NotifyTarget> notify;  // a legacy server_chan_key comes first
  std::optional<Hundredths> alert_balance_kwh;  // overrides ALERT_BALANCE_KWH
  std::string group = {};  // DEVICES_JSON "group" (the overview); empty: none
  friend bool operator==(const MeterConfig&, const MeterConfig&) = default;
};

// The meters `env` configures, in order: DEVICES_JSON entries, then METERS
// entries whose id DEVICES_JSON does not have; DEFAULT_DEVICE_ID only when
// both give none. A repeated id inside one variable is an error. Notes about
// ignored settings are appended to `warnings`. Empty result: no meters.
Result<std::vector<MeterConfig>, ConfigError> meters_from_environment(
    const Environment& env, std::vector<std::string>* warnings);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_METER_CONFIG_H_
