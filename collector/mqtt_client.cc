#include "collector/mqtt_client.h"

#include <mosquitto.h>

#include "common/config/mqtt_url.h"
#include "common/log/log.h"

namespace ebill::collector {

namespace {

constexpr int kKeepaliveS = 60;
constexpr int kQos = 1;

struct LibInit {
  LibInit() { mosquitto_lib_init(); }
};

}  // namespace

MqttClient::MqttClient(const CollectorSettings& settings)
    : topics_{settings.mqtt_topic_prefix, settings.mqtt_discovery_prefix} {}

Result<std::unique_ptr<MqttClient>, std::string> MqttClient::start(const CollectorSettings& settings) {
  static LibInit init;  // once, before any client (not thread-safe in the library)
  const std::optional<MqttUrl> url = parse_mqtt_url(settings.mqtt_url);
  if (!url) return fail(std::string("MQTT_URL: must be mqtt://host:port or mqtts://host:port"));
  std::unique_ptr<MqttClient> c(new MqttClient(settings));
  c->where_ = url->host + ":" + std::to_string(url->port);
  const std::string id = "ebill-collector-" + settings.mqtt_topic_prefix + "-" +
                         std::to_string(settings.shard_index);
  c->mosq_ = mosquitto_new(id.c_str(), true, c.get());
  if (c->mosq_ == nullptr) return fail(std::string("MQTT: cannot create a client"));
  const std::string will = availability_topic(c->topics_);
  int rc = mosquitto_will_set(c->mosq_, will.c_str(), 7, "offline", kQos, true);
  if (rc == MOSQ_ERR_SUCCESS && !settings.mqtt_username.empty()) {
    rc = mosquitto_username_pw_set(c->mosq_, settings.mqtt_username.c_str(),
                                   settings.mqtt_password.c_str());
  }
  if (rc != MOSQ_ERR_SUCCESS) return fail("MQTT: " + std::string(mosquitto_strerror(rc)));
  if (url->tls) {
    // MQTT_CA_FILE, else the system's CA store (a broker certificate signed
    // by a public or locally installed CA). The host name is verified.
    const std::string& ca = settings.mqtt_ca_file;
    rc = ca.empty() ? mosquitto_tls_set(c->mosq_, nullptr, "/etc/ssl/certs", nullptr, nullptr, nullptr)
                    : mosquitto_tls_set(c->mosq_, ca.c_str(), nullptr, nullptr, nullptr, nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
      return fail(ca.empty() ? "MQTT: TLS: " + std::string(mosquitto_strerror(rc))
                             : "MQTT_CA_FILE: cannot read " + ca.substr(0, 200));
    }
  }
  mosquitto_reconnect_delay_set(c->mosq_, 2, 60, true);
  mosquitto_connect_callback_set(c->mosq_, &MqttClient::on_connect);
  mosquitto_disconnect_callback_set(c->mosq_, &MqttClient::on_disconnect);
  mosquitto_message_callback_set(c->mosq_, &MqttClient::on_message);
  rc = mosquitto_connect_async(c->mosq_, url->host.c_str(), url->port, kKeepaliveS);
  if (rc != MOSQ_ERR_SUCCESS) {
    log::warn("mqtt: {} unreachable, retrying: {}", c->where_, mosquitto_strerror(rc));
    c->last_failure_ = rc;
  }
  rc = mosquitto_loop_start(c->mosq_);
  if (rc != MOSQ_ERR_SUCCESS) return fail("MQTT: " + std::string(mosquitto_strerror(rc)));
  return c;
}

MqttClient::~MqttClient() {
  if (mosq_ == nullptr) return;
  {
    std::lock_guard lock(mu_);
    if (connected_) send_locked({availability_topic(topics_), "offline"});
  }
  mosquitto_disconnect(mosq_);
  mosquitto_loop_stop(mosq_, false);
  mosquitto_destroy(mosq_);
}

void MqttClient::publish(const std::vector<MqttMessage>& messages) {
  std::lock_guard lock(mu_);
  for (const MqttMessage& m : messages) {
    if (m.payload.empty()) retained_.erase(m.topic);
    else retained_[m.topic] = m.payload;
    if (connected_) send_locked(m);
  }
}

bool MqttClient::connected() const {
  std::lock_guard lock(mu_);
  return connected_;
}

void MqttClient::send_locked(const MqttMessage& m) {
  mosquitto_publish(mosq_, nullptr, m.topic.c_str(), static_cast<int>(m.payload.size()),
                    m.payload.data(), kQos, true);
}

void MqttClient::resend_all() {
  std::lock_guard lock(mu_);
  send_locked({availability_topic(topics_), "online"});
  for (const auto& [topic, payload] : retained_) send_locked({topic, payload});
}

void MqttClient::on_connect(struct mosquitto* mosq, void* self, int rc) {
  auto* c = static_cast<MqttClient*>(self);
  if (rc != 0) {
    bool changed = false;
    {
      std::lock_guard lock(c->mu_);
      changed = c->last_failure_ != rc;
      c->last_failure_ = rc;
    }
    if (changed) log::warn("mqtt: {} refused the connection: {}", c->where_, mosquitto_connack_string(rc));
    return;
  }
  {
    std::lock_guard lock(c->mu_);
    c->connected_ = true;
    c->last_failure_ = -1;
  }
  log::info("mqtt: connected to {}", c->where_);
  mosquitto_subscribe(mosq, nullptr, ha_status_topic(c->topics_).c_str(), kQos);
  c->resend_all();
}

void MqttClient::on_disconnect(struct mosquitto*, void* self, int rc) {
  auto* c = static_cast<MqttClient*>(self);
  bool was = false;
  {
    std::lock_guard lock(c->mu_);
    was = c->connected_;
    c->connected_ = false;
  }
  if (was && rc != 0) log::warn("mqtt: lost {}: {}, reconnecting", c->where_, mosquitto_strerror(rc));
}

void MqttClient::on_message(struct mosquitto*, void* self, const ::mosquitto_message* m) {
  auto* c = static_cast<MqttClient*>(self);
  const std::string payload(static_cast<const char*>(m->payload), static_cast<std::size_t>(m->payloadlen));
  if (payload == "online") {
    log::info("mqtt: Home Assistant online, configs sent again");
    c->resend_all();
  }
}

}  // namespace ebill::collector
