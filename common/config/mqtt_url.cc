#include "common/config/mqtt_url.h"

#include <cctype>

namespace ebill {

std::optional<MqttUrl> parse_mqtt_url(std::string_view text) {
  MqttUrl url;
  if (text.substr(0, 7) == "mqtt://") {
    text.remove_prefix(7);
    url.port = 1883;
  } else if (text.substr(0, 8) == "mqtts://") {
    text.remove_prefix(8);
    url.port = 8883;
    url.tls = true;
  } else {
    return std::nullopt;
  }
  const std::size_t colon = text.find(':');
  url.host = std::string(text.substr(0, colon));
  if (url.host.empty() || url.host.size() > 253) return std::nullopt;
  for (char ch : url.host) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-') return std::nullopt;
  }
  if (colon != std::string_view::npos) {
    const std::string_view digits = text.substr(colon + 1);
    if (digits.empty() || digits.size() > 5) return std::nullopt;
    int port = 0;
    for (char ch : digits) {
      if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
      port = port * 10 + (ch - '0');
    }
    if (port < 1 || port > 65535) return std::nullopt;
    url.port = port;
  }
  return url;
}

bool valid_mqtt_topic_prefix(std::string_view topic) {
  if (topic.empty() || topic.back() == '/' || topic.size() > 200) return false;
  for (char ch : topic) {
    if (ch == '+' || ch == '#' || ch == '\0') return false;
  }
  return true;
}

}  // namespace ebill
