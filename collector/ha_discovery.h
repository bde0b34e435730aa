// Home Assistant MQTT discovery for ebill's meters: the retained config
// messages (one device per meter, one entity per value), the state message
// after each cycle, and the availability topic. Pure; payloads are JSON
// with full key names. Topics:
//   <discovery>/sensor/ebill_<meter>_<key>/config         (binary_sensor for "problem")
//   <prefix>/<meter>/state     {"remain_kwh":..,"remain_yuan":..,"unit_price":..,
//                               "consumed_kwh":..,"today_kwh":..,"days_left":..,
//                               "last_recharge_kwh":..,"problem":"ON|OFF"}
//   <prefix>/<meter>/last_recharge  {"amount_kwh":..,"amount_yuan":..,"at":"<ISO 8601>",
//                               "estimated":..} ({} before the first recharge):
//                               the attributes of the last-recharge entity
//   <prefix>/availability      "online" / "offline" (the last will)
#ifndef EBILL_COLLECTOR_HA_DISCOVERY_H_
#define EBILL_COLLECTOR_HA_DISCOVERY_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/meter.h"
#include "common/storage/meter_totals.h"

namespace ebill::collector {

struct HaTopics {
  std::string prefix = "ebill";                // MQTT_TOPIC_PREFIX
  std::string discovery = "homeassistant";     // MQTT_DISCOVERY_PREFIX
};

struct MqttMessage {
  std::string topic;
  std::string payload;  // "" on a retained topic deletes it
  friend bool operator==(const MqttMessage&, const MqttMessage&) = default;
};

std::string availability_topic(const HaTopics& t);
std::string ha_status_topic(const HaTopics& t);  // "<discovery>/status"

// The config message of every entity of `meter`.
std::vector<MqttMessage> discovery_configs(const HaTopics& t, const Meter& meter);
// The same topics, the state and the last-recharge topic with empty
// payloads: the broker drops them and Home Assistant removes the entities.
std::vector<MqttMessage> discovery_removals(const HaTopics& t, const std::string& meter_no);

struct HaMeterState {
  storage::MeterTotals totals;  // values absent without a reading
  bool problem = false;         // the source blocks, fails or is stale
};
// The state message, then the last-recharge attributes message. Numbers
// with their fixed decimals (kWh and ¥ 2, days 2, unit price 4); null when
// unknown.
std::vector<MqttMessage> state_messages(const HaTopics& t, const std::string& meter_no,
                                        const HaMeterState& s);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_HA_DISCOVERY_H_
