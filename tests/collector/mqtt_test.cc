// MQTT and Home Assistant discovery against a real mosquitto broker
// (tests/support/mosquitto_broker.h): the retained configs and states the
// collector publishes, combinations Home Assistant accepts, the consumption
// counter never lower, removal of a disabled meter, configs sent again when
// Home Assistant says online, TLS and passwords; the snapshot shared with
// /metrics; and, with the real collector, polling never delayed by a broker
// that is down or refuses the login, one log line per connection change,
// reconnects, and the last will after SIGKILL.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "collector/export_observer.h"
#include "collector/meter_metrics_observer.h"
#include "collector/metrics.h"
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
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kMeter = kExportMeter;
using Retained = std::map<std::string, std::string>;

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

// Home Assistant's sensor rules for the classes ebill uses
// (developers.home-assistant.io, sensor device classes and state classes).
bool accepted_by_home_assistant(const rapidjson::Value& c) {
  const std::string dc = str(c, "device_class"), sc = str(c, "state_class"),
                    unit = str(c, "unit_of_measurement");
  if (dc == "energy") return (sc.empty() || sc == "total" || sc == "total_increasing") && unit == "kWh";
  if (dc == "energy_storage") return sc == "measurement" && unit == "kWh";
  if (dc == "monetary") return sc == "total" && unit == "CNY";
  if (dc == "duration") return (sc.empty() || sc == "measurement") && (unit == "d" || unit == "h");
  if (dc == "problem") return sc.empty() && unit.empty();
  return dc.empty();
}

std::string config_topic(const char* kind, const char* key) {
  return std::string("homeassistant/") + kind + "/ebill_" + kMeter + "_" + key + "/config";
}

std::string state_topic() { return std::string("ebill/") + kMeter + "/state"; }

rapidjson::Document state(const MosquittoBroker& broker) {
  const Retained states = broker.retained("ebill/#");
  const auto it = states.find(state_topic());
  REQUIRE(it != states.end());
  return json(it->second);
}

double consumed(const MosquittoBroker& broker) { return state(broker)["consumed_kwh"].GetDouble(); }

// One cycle's exports from one snapshot, as the collector runs them.
void run_exports(const Config& config, const std::vector<collector::SnapshotExport*>& exports,
                 storage::Database& db, LocalSeconds now) {
  collector::ExportObserver observer(config);
  for (collector::SnapshotExport* e : exports) observer.add(e);
  collector::CycleReport report;
  report.database_up = true;
  FixedClock clock;
  clock.at = now;
  observer.after_cycle(report, clock, &db);
}

std::unique_ptr<collector::MqttClient> connected_client(const Config& config) {
  auto started = collector::MqttClient::start(config.collector);
  REQUIRE(started.ok());
  std::unique_ptr<collector::MqttClient> client = std::move(started).value();
  REQUIRE(wait_until([&] { return client->connected(); }, 10s));
  return client;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// The meter of the fixtures with falls 1.00 + 0.50, a recharge of 50.00 at
// 08:30 and a gap with a fall of 2.00.
void store_day(storage::Database& db) {
  storage::MeterStore(db).upsert(Meter{kMeter, "佳丰南苑5-1-501-1", true, 0});
  storage::ReadingStore(db).insert(
      {reading("2025-03-07 08:00:00", 10000), reading("2025-03-07 08:10:00", 9900),
       reading("2025-03-07 08:20:00", 9850), reading("2025-03-07 08:30:00", 14850),
       reading("2025-03-07 12:00:00", 14650)});
}

// A broker, a database with store_day's meter, a connected client and its
// observer after one cycle at 12:05: the 8 configs and 3 states retained.
struct PublishedDay {
  MosquittoBroker broker;
  TestDatabase t{Backend::kSqlite};
  std::unique_ptr<storage::Database> db;
  Config config;
  std::unique_ptr<collector::MqttClient> client;
  std::unique_ptr<collector::MqttObserver> observer;

  PublishedDay() {
    install_time_zone("Asia/Shanghai");
    db = t.open();
    store_day(*db);
    config = mqtt_config(broker.url());
    client = connected_client(config);
    observer = std::make_unique<collector::MqttObserver>(config, *client);
    run_exports(config, {observer.get()}, *db, at("2025-03-07 12:05:00"));
    REQUIRE(wait_until([&] {
      return broker.retained("homeassistant/#").size() == 8 && broker.retained("ebill/#").size() == 3;
    }, 10s));
  }
};

// Accepts TCP connections on a port and closes each at once (a broker's
// port while the broker is down but something answers), counting them.
class ClosingListener {
 public:
  explicit ClosingListener(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(listen(fd_, 8) == 0);
    thread_ = std::thread([this] {
      for (;;) {
        const int c = accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        ++accepted_;
        close(c);
      }
    });
  }
  ~ClosingListener() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int accepted() const { return accepted_; }

 private:
  int fd_ = -1;
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

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
  PublishedDay day;
  const MosquittoBroker& broker = day.broker;
  const Config& config = day.config;
  storage::Database* db = day.db.get();
  storage::ReadingStore store(*db);
  const Retained configs = broker.retained("homeassistant/#");
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
  auto config_of = [&](const char* key) { return json(configs.at(config_topic("sensor", key))); };
  CHECK(str(config_of("consumed_kwh"), "state_class") == "total_increasing");
  // Only the counter is an energy statistic; the daily value and the last
  // recharge are energies without a state class.
  CHECK(str(config_of("today_kwh"), "state_class").empty());
  const rapidjson::Document recharge = config_of("last_recharge_kwh");
  CHECK(str(recharge, "device_class") == "energy");
  CHECK(str(recharge, "state_class").empty());
  CHECK(str(recharge, "json_attributes_topic") == std::string("ebill/") + kMeter + "/last_recharge");
  const rapidjson::Document days = config_of("days_left");
  CHECK(str(days, "device_class") == "duration");
  CHECK(str(days, "unit_of_measurement") == "d");
  CHECK(str(days, "value_template") == "{{ value_json.days_left }}");
  CHECK(broker.retained("ebill/availability").at("ebill/availability") == "online");

  const Retained ours = broker.retained("ebill/#");
  CHECK(consumed(broker) == Approx(3.50));
  const rapidjson::Document s = state(broker);
  CHECK(s["remain_kwh"].GetDouble() == Approx(146.50));
  CHECK(s["today_kwh"].GetDouble() == Approx(3.50));
  CHECK(s["last_recharge_kwh"].GetDouble() == Approx(50.00));
  CHECK(s["days_left"].IsNull());  // no day before today to average
  CHECK(std::string(s["problem"].GetString()) == "OFF");
  const rapidjson::Document a = json(ours.at(std::string("ebill/") + kMeter + "/last_recharge"));
  CHECK(a["amount_kwh"].GetDouble() == Approx(50.00));
  CHECK(a["amount_yuan"].GetDouble() == Approx(25.00));  // at 0.5000 yuan/kWh
  CHECK(str(a, "at") == "2025-03-07T08:30:00+08:00");
  CHECK_FALSE(a["estimated"].GetBool());

  // A recharge and a fall; then a restart (a new client and observer): the
  // counter is read from the database again and never lower.
  store.insert({reading("2025-03-07 12:10:00", 20000), reading("2025-03-07 12:20:00", 19900)});
  day.observer.reset();
  day.client.reset();
  std::unique_ptr<collector::MqttClient> restarted = connected_client(config);
  collector::MqttObserver again(config, *restarted);
  run_exports(config, {&again}, *db, at("2025-03-07 12:25:00"));
  CHECK(wait_until([&] { return consumed(broker) > 3.5; }, 10s));
  CHECK(consumed(broker) == Approx(4.50));
  // 146.50 -> 200.00; no use hidden in it (4 h of history, under rule 2's 6 h).
  CHECK(state(broker)["last_recharge_kwh"].GetDouble() == Approx(53.50));
  CHECK(wait_until([&] {
    const Retained r = broker.retained(std::string("ebill/") + kMeter + "/last_recharge");
    return r.size() == 1 && json(r.begin()->second)["at"] == "2025-03-07T12:10:00+08:00";
  }, 10s));

  // Disabled: its configs, state and last-recharge topics are deleted.
  REQUIRE(storage::MeterStore(*db).set_enabled(kMeter, false));
  run_exports(config, {&again}, *db, at("2025-03-07 12:25:00"));
  CHECK(wait_until([&] { return broker.retained("homeassistant/#").empty(); }, 10s));
  CHECK(wait_until([&] { return broker.retained(std::string("ebill/") + kMeter + "/#").empty(); }, 10s));
}

TEST_CASE("docs/home-assistant.md shows the messages exactly as the broker keeps them", "[mqtt]") {
  PublishedDay day;
  const MosquittoBroker& broker = day.broker;
  // Every retained message, by topic: a line with the topic, a line with
  // the payload (compact JSON, as published).
  std::string block = "```text\n";
  for (const char* filter : {"homeassistant/#", "ebill/#"}) {
    for (const auto& [topic, payload] : broker.retained(filter)) block += topic + "\n" + payload + "\n\n";
  }
  block.back() = '`';
  block += "``\n";
  // scripts/ha-docs runs this test with EBILL_HA_DOCS_OUT to paste the block.
  if (const char* out = std::getenv("EBILL_HA_DOCS_OUT")) std::ofstream(out) << block;
  const std::string doc = read_file(source_dir() + "/docs/home-assistant.md");
  const std::string begin = "<!-- payloads: scripts/ha-docs -->\n", end = "<!-- /payloads -->";
  const std::size_t from = doc.find(begin), to = doc.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  INFO("run scripts/ha-docs to paste:\n" << block);
  CHECK(doc.substr(from + begin.size(), to - from - begin.size()) == block);
}

TEST_CASE("configs come back when Home Assistant announces online", "[mqtt]") {
  PublishedDay day;
  const MosquittoBroker& broker = day.broker;
  const Retained configs = broker.retained("homeassistant/#");

  // The broker forgets them (a broker restart without persistence) ...
  for (const auto& [topic, payload] : configs) broker.publish(topic, "", true);
  REQUIRE(wait_until([&] { return broker.retained("homeassistant/#").empty(); }, 10s));
  std::this_thread::sleep_for(1s);
  CHECK(broker.retained("homeassistant/#").empty());  // nothing sends them by itself
  // ... and Home Assistant restarts: every config is sent again, unchanged.
  broker.publish("homeassistant/status", "online", false);
  CHECK(wait_until([&] { return broker.retained("homeassistant/#") == configs; }, 10s));
}

TEST_CASE("/metrics and MQTT show the same numbers from one snapshot per cycle", "[mqtt]") {
  install_time_zone("Asia/Shanghai");
  MosquittoBroker broker;
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  storage::MeterStore(*db).upsert(Meter{kMeter, "佳丰南苑5-1-501-1", true, 0});
  // A recharge of 20.00 on 03-05 (no history before it: nothing hidden),
  // then 5.00 kWh on each of 03-05 and 03-06 (stored summaries) and 2.00
  // today (computed from readings).
  storage::ReadingStore(*db).insert(
      {reading("2025-03-05 00:00:00", 5000), reading("2025-03-05 00:10:00", 7000),
       reading("2025-03-06 00:00:00", 6500), reading("2025-03-07 00:00:00", 6000),
       reading("2025-03-07 12:00:00", 5800)});
  const Config config = mqtt_config(broker.url());
  std::unique_ptr<collector::MqttClient> client = connected_client(config);
  collector::MqttObserver mqtt(config, *client);
  collector::Metrics metrics;
  collector::MeterMetricsObserver series(metrics);
  run_exports(config, {&series, &mqtt}, *db, at("2025-03-07 12:15:00"));

  REQUIRE(wait_until([&] { return broker.retained("ebill/#").count(state_topic()) == 1; }, 10s));
  const std::string text = metrics.render();
  auto sample = [&](const std::string& name) {
    const std::string head = name + "{meter=\"" + kMeter + "\",name=\"佳丰南苑5-1-501-1\"} ";
    const std::size_t at = text.find(head);
    REQUIRE(at != std::string::npos);
    return text.substr(at + head.size(), text.find('\n', at) - at - head.size());
  };
  // A number of the state JSON as published (fixed decimals, like /metrics).
  const std::string payload = broker.retained("ebill/#").at(state_topic());
  auto raw = [&](const char* key) {
    const std::string head = std::string("\"") + key + "\":";
    const std::size_t at = payload.find(head);
    REQUIRE(at != std::string::npos);
    const std::size_t from = at + head.size();
    return payload.substr(from, payload.find_first_of(",}", from) - from);
  };
  CHECK(sample("ebill_meter_consumed_kwh_total") == "12.00");
  CHECK(raw("consumed_kwh") == sample("ebill_meter_consumed_kwh_total"));
  CHECK(raw("remain_kwh") == sample("ebill_meter_balance_kwh"));
  CHECK(raw("remain_yuan") == sample("ebill_meter_balance_yuan"));
  CHECK(raw("unit_price") == sample("ebill_meter_unit_price_yuan"));
  CHECK(raw("today_kwh") == "2.00");
  CHECK(raw("days_left") == "11.60");  // 58.00 kWh / 5.00 a day
  CHECK(raw("last_recharge_kwh") == "20.00");
  const Retained a = broker.retained(std::string("ebill/") + kMeter + "/last_recharge");
  REQUIRE(a.size() == 1);
  CHECK(a.begin()->second ==
        R"({"amount_kwh":20.00,"amount_yuan":10.00,"at":"2025-03-05T00:10:00+08:00","estimated":false})");
}

TEST_CASE("the snapshot takes the same statements for 2 meters and for 150", "[mqtt]") {
  install_time_zone("Asia/Shanghai");
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  auto statements_for = [&](int meters) {
    std::vector<Meter> list;
    std::vector<Reading> readings;
    for (const std::string& no : meter_numbers(meters)) {
      list.push_back(Meter{no, no, true, 0});
      for (const char* time : {"2025-03-05 00:00:00", "2025-03-06 00:00:00", "2025-03-07 08:00:00"}) {
        readings.push_back(Reading{no, at(time), 1000, 2000, 5000});
      }
      readings.push_back(Reading{no, at("2025-03-07 08:10:00"), 5000, 10000, 5000});  // a recharge
    }
    storage::MeterStore(*db).upsert(list);
    storage::ReadingStore(*db).insert(readings);
    collector::Metrics metrics;
    collector::MeterMetricsObserver series(metrics);
    const std::uint64_t before = db->query_count();
    run_exports(Config{}, {&series}, *db, at("2025-03-07 09:00:00"));
    REQUIRE(metrics.render().find("ebill_meter_balance_kwh{meter=\"" + meter_numbers(meters).back()) !=
            std::string::npos);
    return db->query_count() - before;
  };
  const std::uint64_t two = statements_for(2);
  // 150 meters: one more statement for each batch of 100 windows (3 kinds).
  CHECK(statements_for(150) <= two + 3);
  CHECK(two <= 8);
}

TEST_CASE("mqtts:// with a CA file, open and with a password", "[mqtt]") {
  for (const bool login : {false, true}) {
    INFO((login ? "with a password" : "open"));
    BrokerOptions o;
    o.tls = true;
    if (login) o.login = BrokerLogin{"ebill", "s3cret"};
    MosquittoBroker broker(o);
    Config config = mqtt_config(broker.url());
    if (login) {
      config.collector.mqtt_username = "ebill";
      config.collector.mqtt_password = "s3cret";
    }
    // The system store does not hold the test CA: the certificate is refused.
    auto untrusted = collector::MqttClient::start(config.collector);
    REQUIRE(untrusted.ok());
    config.collector.mqtt_ca_file = broker.ca_file();
    std::unique_ptr<collector::MqttClient> client = connected_client(config);
    CHECK_FALSE((*untrusted)->connected());
    client->publish({{"ebill/x", "y"}});
    CHECK(wait_until([&] { return broker.retained("ebill/x") == Retained{{"ebill/x", "y"}}; }, 10s));
    CHECK(broker.retained("ebill/availability").at("ebill/availability") == "online");
  }
  Config config = mqtt_config("mqtts://127.0.0.1:8883");
  config.collector.mqtt_ca_file = "/nonexistent/ca.pem";
  auto refused = collector::MqttClient::start(config.collector);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() == "MQTT_CA_FILE: cannot read /nonexistent/ca.pem");
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
  std::unique_ptr<collector::MqttClient> accepted = connected_client(config);
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
  CHECK(wait_until([&] { return broker.retained("homeassistant/#").size() == 16; }, 10s));
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

TEST_CASE("a broker that refuses the login: cycles go on, one log line for many refusals",
          "[mqtt]") {
  MosquittoBroker broker(BrokerLogin{"ebill", "s3cret"});
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-mqtt-refused");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(2));
  env["MQTT_URL"] = broker.url();
  env["MQTT_USERNAME"] = "ebill";
  env["MQTT_PASSWORD"] = "wrong";
  const std::string log = dir + "/collector.log";
  ChildProcess collector(collector_binary(), {"--interval-seconds", "1"}, env, dir, log);
  // Retried with backoff (2 s, then 4 s): three refusals at the broker.
  CHECK(wait_until([&] { return count(broker.log(), "not authorised") >= 3; }, 20s));
  const std::string text = read_log(log);
  INFO(text << "\n--- broker ---\n" << broker.log());
  CHECK(count(text, "mqtt: ") == 1);
  CHECK(count(text, "refused the connection") == 1);
  const std::vector<CycleLine> cycles = cycle_lines(text);
  REQUIRE(cycles.size() >= 3);  // polling went on meanwhile
  for (const CycleLine& c : cycles) CHECK(c.ok == 2);
  CHECK(text.find("wrong") == std::string::npos);  // the password is never logged
  collector.signal(SIGTERM);
  collector.wait_for(10s);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a lost broker: reconnects with backoff, one log line per change", "[mqtt]") {
  const int port = free_loopback_port();
  auto broker = std::make_unique<MosquittoBroker>(BrokerOptions{std::nullopt, false, port});
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-mqtt-lost");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meter_numbers(2));
  env["MQTT_URL"] = broker->url();
  const std::string log = dir + "/collector.log";
  ChildProcess collector(collector_binary(), {"--interval-seconds", "1"}, env, dir, log);
  REQUIRE(wait_until([&] { return count(read_log(log), "mqtt: connected to") == 1; }, 10s));
  broker.reset();
  REQUIRE(wait_until([&] { return count(read_log(log), "mqtt: lost") == 1; }, 10s));
  const std::size_t cycles_before = cycle_lines(read_log(log)).size();
  {
    // Something answers on the port and hangs up: every retry is seen here,
    // none is logged.
    ClosingListener answering(port);
    CHECK(wait_until([&] { return answering.accepted() >= 2; }, 20s));
  }
  CHECK(cycle_lines(read_log(log)).size() >= cycles_before + 2);  // polling went on
  broker = std::make_unique<MosquittoBroker>(BrokerOptions{std::nullopt, false, port});
  CHECK(wait_until([&] { return count(read_log(log), "mqtt: connected to") == 2; }, 30s));
  CHECK(wait_until([&] { return broker->retained("homeassistant/#").size() == 16; }, 10s));
  const std::string text = read_log(log);
  INFO(text);
  CHECK(count(text, "mqtt: ") == 3);  // connected, lost, connected
  collector.signal(SIGTERM);
  collector.wait_for(10s);
  std::filesystem::remove_all(dir);
}
