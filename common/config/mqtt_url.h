// MQTT_URL and the MQTT topic prefixes: what they may be. Pure.
#ifndef EBILL_COMMON_CONFIG_MQTT_URL_H_
#define EBILL_COMMON_CONFIG_MQTT_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace ebill {

struct MqttUrl {
  std::string host;  // a name or IPv4 address, no brackets
  int port = 0;      // 1..65535
  bool tls = false;  // mqtts://
  friend bool operator==(const MqttUrl&, const MqttUrl&) = default;
};

// "mqtt://host:port" or "mqtts://host:port" (the port may be left out: 1883
// / 8883); nothing after the port, no credentials in the URL. nullopt
// otherwise.
std::optional<MqttUrl> parse_mqtt_url(std::string_view text);

// A non-empty topic without the wildcards + and #, a trailing / or a NUL.
bool valid_mqtt_topic_prefix(std::string_view topic);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_MQTT_URL_H_
