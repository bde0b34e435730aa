// The collector's link to an MQTT broker, on libmosquitto (Debian
// libmosquitto-dev; docs/home-assistant.md says why): its own network
// thread (mosquitto_loop_start), an async connect, reconnects with backoff
// (2 s doubling to 60 s), a retained last will "offline" on the
// availability topic, TLS for mqtts:// verified against MQTT_CA_FILE or the
// system store. The client keeps every retained message it was given
// and sends them all again after each (re)connect and whenever Home
// Assistant announces "online" on <discovery>/status, so nothing waits for
// the broker: publish() only queues. One log line per connection state
// change. Thread-safe.
#ifndef EBILL_COLLECTOR_MQTT_CLIENT_H_
#define EBILL_COLLECTOR_MQTT_CLIENT_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "collector/ha_discovery.h"
#include "common/base/result.h"
#include "common/config/settings.h"

struct mosquitto;
struct mosquitto_message;

namespace ebill::collector {

class MqttClient {
 public:
  // Starts connecting to settings.mqtt_url (REQUIRES: set and valid). An
  // error (one line naming the setting) only when the library refuses the
  // options, e.g. an unreadable MQTT_CA_FILE; a broker that is down, refuses
  // the login or shows a certificate that does not verify is retried in the
  // background.
  static Result<std::unique_ptr<MqttClient>, std::string> start(const CollectorSettings& settings);
  ~MqttClient();  // publishes "offline", disconnects, joins the thread
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  // Retained messages, in order; an empty payload deletes the topic (and it
  // is forgotten). Sent now when connected, else on the next connect.
  void publish(const std::vector<MqttMessage>& messages);

  bool connected() const;

 private:
  explicit MqttClient(const CollectorSettings& settings);
  static void on_connect(struct mosquitto*, void* self, int rc);
  static void on_disconnect(struct mosquitto*, void* self, int rc);
  static void on_message(struct mosquitto*, void* self, const ::mosquitto_message* m);
  void send_locked(const MqttMessage& m);
  void resend_all();

  HaTopics topics_;
  std::string where_;  // host:port, for the log
  struct mosquitto* mosq_ = nullptr;
  mutable std::mutex mu_;
  bool connected_ = false;
  int last_failure_ = -1;  // the rc last logged, so a repeat is not logged again
  std::map<std::string, std::string> retained_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_MQTT_CLIENT_H_
