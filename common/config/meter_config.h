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

enum class ChannelType { kServerChan, kWebhook, kNtfy, kBark, kPushPlus };

// "serverchan", "webhook", "ntfy", "bark", "pushplus".
std::string_view channel_name(ChannelType type);

// One notification target. Secrets are already resolved from *_env names.
// Required fields: serverchan and bark `key`; pushplus `token`; ntfy `topic`;
// webhook `url` (http or https). ntfy and webhook take an optional `token`.
struct NotifyTarget {
  ChannelType type = ChannelType::kServerChan;
  std::string key;    // Server酱 SendKey / Bark device key (secret)
  std::string token;  // PushPlus token, ntfy / webhook bearer token (secret)
  std::string url;    // webhook URL (may embed a secret: never logged)
  std::string topic;  // ntfy topic
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
