#include "collector/ha_discovery.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

#include "common/time/time_zone.h"

namespace ebill::collector {

namespace {

struct Entity {
  const char* key;    // in unique_id, topic and the state JSON
  const char* name;
  const char* unit;   // nullptr: none
  const char* device_class;
  const char* state_class;  // nullptr: none (no long-term statistics)
  bool binary = false;
  bool attributes = false;  // json_attributes_topic: <prefix>/<meter>/last_recharge
};

// Unit, device_class and state_class as Home Assistant accepts them
// together (docs/home-assistant.md says why each): energy -> total_increasing
// or none, energy_storage -> measurement, monetary -> total, duration in d.
// Only consumed_kwh is an energy statistic: the one source of the Energy
// dashboard.
constexpr Entity kEntities[] = {
    {"remain_kwh", "Remaining energy", "kWh", "energy_storage", "measurement"},
    {"remain_yuan", "Remaining money", "CNY", "monetary", "total"},
    {"unit_price", "Unit price", "CNY/kWh", nullptr, "measurement"},
    {"consumed_kwh", "Energy consumed", "kWh", "energy", "total_increasing"},
    {"today_kwh", "Today's usage", "kWh", "energy", nullptr},
    {"days_left", "Estimated days left", "d", "duration", "measurement"},
    {"last_recharge_kwh", "Last recharge", "kWh", "energy", nullptr, false, true},
    {"problem", "Source problem", nullptr, "problem", nullptr, true},
};

std::string unique_id(const std::string& meter_no, const Entity& e) {
  return "ebill_" + meter_no + "_" + e.key;
}

std::string config_topic(const HaTopics& t, const std::string& meter_no, const Entity& e) {
  return t.discovery + (e.binary ? "/binary_sensor/" : "/sensor/") + unique_id(meter_no, e) +
         "/config";
}

std::string state_topic(const HaTopics& t, const std::string& meter_no) {
  return t.prefix + "/" + meter_no + "/state";
}

std::string recharge_topic(const HaTopics& t, const std::string& meter_no) {
  return t.prefix + "/" + meter_no + "/last_recharge";
}

// ISO 8601 with the APP_TZ offset of that moment: "2025-03-07T08:30:00+08:00".
std::string iso_time(LocalSeconds at) {
  std::string text = format_datetime(at);
  text[10] = 'T';
  const std::int64_t offset = at - static_cast<std::int64_t>(to_utc(at));
  const std::int64_t minutes = (offset < 0 ? -offset : offset) / 60;
  return text + fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::string availability_topic(const HaTopics& t) { return t.prefix + "/availability"; }
std::string ha_status_topic(const HaTopics& t) { return t.discovery + "/status"; }

std::vector<MqttMessage> discovery_configs(const HaTopics& t, const Meter& meter) {
  std::vector<MqttMessage> out;
  for (const Entity& e : kEntities) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    field(w, "name", e.name);
    field(w, "unique_id", unique_id(meter.meter_no, e));
    field(w, "object_id", unique_id(meter.meter_no, e));
    field(w, "state_topic", state_topic(t, meter.meter_no));
    field(w, "value_template", std::string("{{ value_json.") + e.key + " }}");
    field(w, "availability_topic", availability_topic(t));
    field(w, "payload_available", "online");
    field(w, "payload_not_available", "offline");
    if (e.unit) field(w, "unit_of_measurement", e.unit);
    if (e.device_class) field(w, "device_class", e.device_class);
    if (e.state_class) field(w, "state_class", e.state_class);
    if (e.attributes) field(w, "json_attributes_topic", recharge_topic(t, meter.meter_no));
    if (e.binary) {
      field(w, "payload_on", "ON");
      field(w, "payload_off", "OFF");
    }
    w.Key("device");
    w.StartObject();
    w.Key("identifiers");
    w.StartArray();
    w.String(meter.meter_no.c_str());
    w.EndArray();
    field(w, "name", meter.name.empty() ? meter.meter_no : meter.name);
    field(w, "model", "cnyiot prepaid electricity meter");
    field(w, "manufacturer", "cnyiot");
    field(w, "serial_number", meter.meter_no);
    w.EndObject();
    w.EndObject();
    out.push_back({config_topic(t, meter.meter_no, e), buf.GetString()});
  }
  return out;
}

std::vector<MqttMessage> discovery_removals(const HaTopics& t, const std::string& meter_no) {
  std::vector<MqttMessage> out;
  for (const Entity& e : kEntities) out.push_back({config_topic(t, meter_no, e), ""});
  out.push_back({state_topic(t, meter_no), ""});
  out.push_back({recharge_topic(t, meter_no), ""});
  return out;
}

std::vector<MqttMessage> state_messages(const HaTopics& t, const std::string& meter_no,
                                        const HaMeterState& s) {
  using Value = std::optional<std::int64_t>;
  rapidjson::StringBuffer buf;
  Writer w(buf);
  auto number = [&](const char* key, Value v, int scale) {
    w.Key(key);
    if (!v) {
      w.Null();
      return;
    }
    const std::string text = format_fixed(*v, scale);
    w.RawValue(text.c_str(), text.size(), rapidjson::kNumberType);
  };
  const storage::MeterTotals& totals = s.totals;
  const std::optional<Reading>& r = totals.latest;
  const std::optional<storage::LastRecharge>& recharge = totals.last_recharge;
  w.StartObject();
  number("remain_kwh", r ? Value(r->remain) : std::nullopt, 2);
  number("remain_yuan", r ? r->remain_money : std::nullopt, 2);
  number("unit_price", r ? r->unit_price : std::nullopt, 4);
  number("consumed_kwh", r ? Value(totals.consumed) : std::nullopt, 2);
  number("today_kwh", r ? Value(totals.today) : std::nullopt, 2);
  number("days_left", totals.days_left ? Value(totals.days_left->days_left) : std::nullopt, 2);
  number("last_recharge_kwh", recharge ? Value(recharge->event.amount) : std::nullopt, 2);
  field(w, "problem", s.problem ? "ON" : "OFF");
  w.EndObject();
  std::vector<MqttMessage> out{{state_topic(t, meter_no), buf.GetString()}};

  rapidjson::StringBuffer attrs;
  w.Reset(attrs);
  w.StartObject();
  if (recharge) {
    number("amount_kwh", recharge->event.amount, 2);
    number("amount_yuan", recharge->cost, 2);
    field(w, "at", iso_time(recharge->event.at));
    w.Key("estimated");
    w.Bool(recharge->event.estimated);
  }
  w.EndObject();
  out.push_back({recharge_topic(t, meter_no), attrs.GetString()});
  return out;
}

}  // namespace ebill::collector
