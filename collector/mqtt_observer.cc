#include "collector/mqtt_observer.h"

#include <set>
#include <vector>


namespace ebill::collector {

MqttObserver::MqttObserver(const Config& config, MqttClient& client)
    : config_(config),
      client_(client),
      topics_{config.collector.mqtt_topic_prefix, config.collector.mqtt_discovery_prefix} {}

bool source_problem(const CycleReport& report, const std::string& meter_no,
                    const std::optional<Reading>& latest, LocalSeconds now, int interval_s) {
  for (const collect::PollOutcome& o : report.outcomes) {
    if (o.meter_no == meter_no && !o.ok() && o.error != collect::PollError::kCancelled) return true;
  }
  return !latest || now - latest->collected_at > 3 * std::int64_t{interval_s};
}

void MqttObserver::publish(const CycleReport& report, const std::vector<MeterSnapshot>& meters,
                           LocalSeconds now) {
  std::vector<MqttMessage> out;
  std::set<std::string> present;
  for (const MeterSnapshot& s : meters) {
    present.insert(s.meter.meter_no);
    auto [it, added] = announced_.try_emplace(s.meter.meter_no, s.meter.name);
    if (added || it->second != s.meter.name) {
      it->second = s.meter.name;
      for (MqttMessage& m : discovery_configs(topics_, s.meter)) out.push_back(std::move(m));
    }
    const bool problem = source_problem(report, s.meter.meter_no, s.totals.latest, now,
                                        config_.collector.interval_s);
    for (MqttMessage& m : state_messages(topics_, s.meter.meter_no, HaMeterState{s.totals, problem})) {
      out.push_back(std::move(m));
    }
  }
  for (auto it = announced_.begin(); it != announced_.end();) {
    if (present.count(it->first)) {
      ++it;
      continue;
    }
    for (MqttMessage& m : discovery_removals(topics_, it->first)) out.push_back(std::move(m));
    it = announced_.erase(it);
  }
  client_.publish(out);
}

}  // namespace ebill::collector
