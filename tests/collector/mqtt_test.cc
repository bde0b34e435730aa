// MQTT and Home Assistant discovery against a real mosquitto broker
// (tests/support/mosquitto_broker.h): the retained configs and states the
// collector's observer publishes, combinations Home Assistant accepts, the
// consumption counter never lower, removal of a disabled meter, a broker
// with a password, and the last will after SIGKILL of the real collector.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "collector/mqtt_client.h"
#include "collector/mqtt_observer.h"
#include "common/config/mqtt_url.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "common/time/time_zone.h"
#include "tests/collector/collector_harness.h"
#include "tests/collector/export_fixtures.h"
#include "tests/support/mosquitto_broker.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kMeter = kExportMeter;

Config mqtt_config(const std::string& url) {
  Config c;
  c.collector.mqtt_url = url;
  return c;
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

std::string str(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

// Home Assistant's sensor rules for the classes ebill uses.
bool accepted_by_home_assistant(const rapidjson::Value& c) {
  const std::string dc = str(c, "device_class"), sc = str(c, "state_class"),
                    unit = str(c, "unit_of_measurement");
  if (dc == "energy") return (sc == "total" || sc == "total_increasing") && unit == "kWh";
  if (dc == "energy_storage") return sc == "measurement" && unit == "kWh";
  if (dc == "monetary") return sc == "total" && unit == "CNY";
  if (dc == "problem") return sc.empty() && unit.empty();
  return dc.empty();
}

double consumed(const MosquittoBroker& broker) {
  const auto states = broker.retained("ebill/#");
  const auto it = states.find(std::string("ebill/") + kMeter + "/state");
  REQUIRE(it != states.end());
  return json(it->second)["consumed_kwh"].GetDouble();
}

}  // namespace

TEST_CASE("MQTT_URL accepts mqtt:// and mqtts:// with a host and port only") {
  CHECK(parse_mqtt_url("mqtt://127.0.0.1:1884") == MqttUrl{"127.0.0.1", 1884, false});
  CHECK(parse_mqtt_url("mqtts://broker.lan") == MqttUrl{"broker.lan", 8883, true});
  CHECK_FALSE(parse_mqtt_url("http://h:1"));
  CHECK_FALSE(parse_mqtt_url("mqtt://u:p@h:1"));
  CHECK_FALSE(parse_mqtt_url("mqtt://h:0"));
  CHECK_FALSE(parse_mqtt_url("mqtt://h:1/x"));
  CHECK_FALSE(valid_mqtt_topic_prefix("a/#"));
  CHECK_FALSE(valid_mqtt_topic_prefix("a/"));
  CHECK(valid_mqtt_topic_prefix("home/ebill"));
}

TEST_CASE("discovery configs and states are retained on a real broker", "[mqtt]") {
  install_time_zone("Asia/Shanghai");
  MosquittoBroker broker;
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  storage::MeterStore(*db).upsert(Meter{kMeter, "佳丰南苑5-1-501-1", true, 0});
  storage::ReadingStore store(*db);
  // Falls 1.00 + 0.50, a recharge of 50.00, a gap with a fall of 2.00.
  store.insert({reading("2025-03-07 08:00:00", 10000), reading("2025-03-07 08:10:00", 9900),
                reading("2025-03-07 08:20:00", 9850), reading("2025-03-07 08:30:00", 14850),
                reading("2025-03-07 12:00:00", 14650)});

  const Config config = mqtt_config(broker.url());
  auto started = collector::MqttClient::start(config.collector);
  REQUIRE(started.ok());
  std::unique_ptr<collector::MqttClient> client = std::move(started).value();
  REQUIRE(wait_until([&] { return client->connected(); }, 10s));
  collector::MqttObserver observer(config, *client);
  collector::CycleReport report;
  report.database_up = true;
  FixedClock clock;
  clock.at = at("2025-03-07 12:05:00");
  observer.after_cycle(report, clock, db.get());

  std::map<std::string, std::string> configs;
  REQUIRE(wait_until([&] { return (configs = broker.retained("homeassistant/#")).size() == 6; }, 10s));
  for (const auto& [topic, payload] : configs) {
    INFO(topic << " " << payload);
    const rapidjson::Document c = json(payload);
    CHECK(accepted_by_home_assistant(c));
    const std::string id = str(c, "unique_id");
    CHECK(id.rfind(std::string("ebill_") + kMeter + "_", 0) == 0);
    const std::string kind = str(c, "device_class") == "problem" ? "binary_sensor" : "sensor";
    CHECK(topic == "homeassistant/" + kind + "/" + id + "/config");
    CHECK(str(c, "availability_topic") == "ebill/availability");
    CHECK(str(c["device"], "name") == "佳丰南苑5-1-501-1");
    CHECK(std::string(c["device"]["identifiers"][0].GetString()) == kMeter);
  }
  const auto energy = configs.find(std::string("homeassistant/sensor/ebill_") + kMeter +
                                   "_consumed_kwh/config");
  REQUIRE(energy != configs.end());
  CHECK(str(json(energy->second), "state_class") == "total_increasing");
  CHECK(broker.retained("ebill/availability").at("ebill/availability") == "online");
  REQUIRE(wait_until([&] { return broker.retained("ebill/#").size() == 2; }, 10s));
  CHECK(consumed(broker) == Approx(3.50));
  const rapidjson::Document state =
      json(broker.retained("ebill/#").at(std::string("ebill/") + kMeter + "/state"));
  CHECK(state["remain_kwh"].GetDouble() == Approx(146.50));
  CHECK(std::string(state["problem"].GetString()) == "OFF");

  // A recharge and a fall; then a restart (a new client and observer): the
  // counter is read from the database again and never lower.
  store.insert({reading("2025-03-07 12:10:00", 20000), reading("2025-03-07 12:20:00", 19900)});
  client.reset();
  auto restarted = collector::MqttClient::start(config.collector);
  REQUIRE(restarted.ok());
  REQUIRE(wait_until([&] { return (*restarted)->connected(); }, 10s));
  collector::MqttObserver again(config, **restarted);
  clock.at = at("2025-03-07 12:25:00");
  again.after_cycle(report, clock, db.get());
  CHECK(wait_until([&] { return consumed(broker) > 3.5; }, 10s));
  CHECK(consumed(broker) == Approx(4.50));

  // Disabled: its configs and state are deleted.
  REQUIRE(storage::MeterStore(*db).set_enabled(kMeter, false));
  again.after_cycle(report, clock, db.get());
  CHECK(wait_until([&] { return broker.retained("homeassistant/#").empty(); }, 10s));
}

TEST_CASE("a broker with a password: a wrong login never connects, the right one does", "[mqtt]") {
  MosquittoBroker broker(BrokerLogin{"ebill", "s3cret"});
  Config config = mqtt_config(broker.url());
  config.collector.mqtt_username = "ebill";
  config.collector.mqtt_password = "wrong";
  auto refused = collector::MqttClient::start(config.collector);
  REQUIRE(refused.ok());
  CHECK_FALSE(wait_until([&] { return (*refused)->connected(); }, 2s));
  (*refused)->publish({{"ebill/x", "y"}});  // queued, never waits
  config.collector.mqtt_password = "s3cret";
  auto accepted = collector::MqttClient::start(config.collector);
  REQUIRE(accepted.ok());
  CHECK(wait_until([&] { return (*accepted)->connected(); }, 10s));
  CHECK(wait_until([&] {
    const auto r = broker.retained("ebill/availability");
    return r.count("ebill/availability") && r.at("ebill/availability") == "online";
  }, 10s));
}

TEST_CASE("after SIGKILL of the collector the availability topic says offline", "[mqtt]") {
  MosquittoBroker broker;
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-mqtt");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(2));
  env["MQTT_URL"] = broker.url();
  ChildProcess collector(collector_binary(), {}, env, dir, dir + "/collector.log");
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() == 1; }, 10s));
  INFO(read_log(dir + "/collector.log"));
  CHECK(wait_until([&] { return broker.retained("homeassistant/#").size() == 12; }, 10s));
  CHECK(broker.retained("ebill/availability").at("ebill/availability") == "online");
  collector.signal(SIGKILL);
  collector.wait_for(5s);
  CHECK(wait_until([&] {
    const auto r = broker.retained("ebill/availability");
    return r.count("ebill/availability") && r.at("ebill/availability") == "offline";
  }, 10s));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a broker that is down never delays polling", "[mqtt]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-mqtt-down");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(2));
  env["MQTT_URL"] = "mqtt://127.0.0.1:" + std::to_string(free_loopback_port());  // nobody listens
  const Finished run = run_to_end(collector_binary(), {"--once"}, env, dir, 20s);
  INFO(run.output);
  CHECK(run.status == 0);  // both meters polled and stored
  const std::vector<CycleLine> cycles = cycle_lines(run.output);
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].ok == 2);
  std::filesystem::remove_all(dir);
}
