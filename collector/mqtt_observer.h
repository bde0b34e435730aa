// Publishes ebill's meters to Home Assistant from each cycle's snapshot
// (export_observer.h: only cycles that reached the database;
// docs/home-assistant.md): the discovery configs of a meter
// when it appears or is renamed, empty configs for a meter removed or
// disabled, and every meter's state. Publishing only queues (MqttClient):
// the cycle never waits for the broker.
#ifndef EBILL_COLLECTOR_MQTT_OBSERVER_H_
#define EBILL_COLLECTOR_MQTT_OBSERVER_H_

#include <map>
#include <string>

#include "collector/export_observer.h"
#include "collector/mqtt_client.h"
#include "common/config/config.h"

namespace ebill::collector {

class MqttObserver final : public SnapshotExport {
 public:
  // `config` and `client` outlive this.
  MqttObserver(const Config& config, MqttClient& client);

  void publish(const CycleReport& report, const std::vector<MeterSnapshot>& meters,
               LocalSeconds now) override;

 private:
  const Config& config_;
  MqttClient& client_;
  HaTopics topics_;
  std::map<std::string, std::string> announced_;  // meter number -> name in its configs
};

// A meter's source is a problem when this cycle's attempt failed, or its
// newest reading is older than three polling intervals (or it has none).
bool source_problem(const CycleReport& report, const std::string& meter_no,
                    const std::optional<Reading>& latest, LocalSeconds now, int interval_s);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_MQTT_OBSERVER_H_
