// Meters from DEVICES_JSON, METERS and DEFAULT_DEVICE_ID, with their
// notification targets and secrets resolved from the environment.
#include <catch2/catch.hpp>

#include "common/config/config.h"
#include "common/config/meter_config.h"

using ebill::ChannelType;
using ebill::Environment;
using ebill::MeterConfig;
using ebill::NotifyTarget;

namespace {

struct Loaded {
  std::vector<MeterConfig> meters;
  std::vector<std::string> warnings;
};

Loaded meters_ok(const Environment& env) {
  auto c = ebill::load_config(env);
  if (!c) FAIL(c.error().message);
  return Loaded{c->meters, c->warnings};
}

std::string meters_error(const Environment& env) {
  auto c = ebill::load_config(env);
  REQUIRE_FALSE(c.ok());
  return c.error().message;
}

NotifyTarget target(ChannelType type, std::string key, std::string token, std::string url,
                    std::string topic) {
  NotifyTarget t;
  t.type = type;
  t.key = std::move(key);
  t.token = std::move(token);
  t.url = std::move(url);
  t.topic = std::move(topic);
  return t;
}

}  // namespace

TEST_CASE("DEVICES_JSON in the form existing installations use", "[config][meters]") {
  const Loaded l = meters_ok(
      {{"DEVICES_JSON",
        R"([{"id": "19501609994", "name": "佳丰南苑5-1-501-1", "server_chan_key": "SCT1abc"},
            {"id": 19501609995, "name": "  二楼  ", "server_chan_key_env": "SCT_KEY_2"},
            {"id": "A1b2"}])"},
       {"SCT_KEY_2", "SCT2def"}});
  REQUIRE(l.meters.size() == 3);
  CHECK(l.meters[0] == MeterConfig{"19501609994", "佳丰南苑5-1-501-1",
                                   {target(ChannelType::kServerChan, "SCT1abc", "", "", "")}, {}});
  // A numeric id keeps every digit; names are trimmed.
  CHECK(l.meters[1] == MeterConfig{"19501609995", "二楼",
                                   {target(ChannelType::kServerChan, "SCT2def", "", "", "")}, {}});
  // No name: the id is the name; no key: no targets.
  CHECK(l.meters[2] == MeterConfig{"A1b2", "A1b2", {}, {}});
  CHECK(l.warnings.empty());
  CHECK(meters_ok({{"DEVICES_JSON", "[]"}}).meters.empty());
  CHECK(meters_ok({{"DEVICES_JSON", "  "}}).meters.empty());
}

TEST_CASE("DEVICES_JSON notify lists every channel, secrets by value or by env name", "[config][meters]") {
  const Loaded l = meters_ok(
      {{"DEVICES_JSON",
        R"([{"id": "1", "name": "home", "server_chan_key_env": "SC", "alert_balance_kwh": 20.5,
             "notify": [
               {"type": "webhook", "url": "http://127.0.0.1:9/hook", "token_env": "HOOK_TOKEN"},
               {"type": "ntfy", "topic": "ebill-home"},
               {"type": "ntfy", "topic": "private", "token": "tk_ntfy"},
               {"type": "bark", "key_env": "BARK_KEY"},
               {"type": "pushplus", "token": "pp_token"},
               {"type": "serverchan", "key": "SCT_second"}]}])"},
       {"SC", "SCT_first"}, {"HOOK_TOKEN", "hook-secret"}, {"BARK_KEY", "bark-device"}});
  REQUIRE(l.meters.size() == 1);
  const MeterConfig& m = l.meters[0];
  CHECK(m.alert_balance_kwh == 2050);
  CHECK(m.notify == std::vector<NotifyTarget>{
                        target(ChannelType::kServerChan, "SCT_first", "", "", ""),
                        target(ChannelType::kWebhook, "", "hook-secret", "http://127.0.0.1:9/hook", ""),
                        target(ChannelType::kNtfy, "", "", "", "ebill-home"),
                        target(ChannelType::kNtfy, "", "tk_ntfy", "", "private"),
                        target(ChannelType::kBark, "bark-device", "", "", ""),
                        target(ChannelType::kPushPlus, "", "pp_token", "", ""),
                        target(ChannelType::kServerChan, "SCT_second", "", "", "")});
  CHECK(ebill::channel_name(ChannelType::kPushPlus) == "pushplus");
}

TEST_CASE("a *_env name that is not set is an error naming it", "[config][meters]") {
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "server_chan_key_env": "SCT_MISSING"}])"}}) ==
        "DEVICES_JSON[0].server_chan_key_env: names SCT_MISSING, which is not set");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1"}, {"id": "2", "notify": [
                          {"type": "bark", "key_env": "EMPTY_KEY"}]}])"},
                      {"EMPTY_KEY", ""}}) ==
        "DEVICES_JSON[1].notify[0].key_env: names EMPTY_KEY, which is not set");
}

TEST_CASE("malformed DEVICES_JSON is one line saying where", "[config][meters]") {
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1",}])"}}).starts_with(
      "DEVICES_JSON: not valid JSON: "));
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1"})"}}).starts_with(
      "DEVICES_JSON: not valid JSON: "));
  CHECK(meters_error({{"DEVICES_JSON", R"({"id": "1"})"}}) ==
        "DEVICES_JSON: must be a JSON array of meter objects");
  CHECK(meters_error({{"DEVICES_JSON", R"(["1"])"}}) ==
        "DEVICES_JSON[0]: must be an object with an \"id\"");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"name": "x"}])"}}) == "DEVICES_JSON[0].id: is missing");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "19-501"}])"}}) ==
        "DEVICES_JSON[0].id: must be 1-64 ASCII letters or digits (got \"19-501\")");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": ""}])"}}) ==
        "DEVICES_JSON[0].id: must be 1-64 ASCII letters or digits (got \"\")");
  CHECK(meters_error({{"DEVICES_JSON", "[{\"id\": \"" + std::string(65, '7') + "\"}]"}})
            .starts_with("DEVICES_JSON[0].id: must be 1-64 ASCII letters or digits"));
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "name": ["x"]}])"}}) ==
        "DEVICES_JSON[0].name: must be a string");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1"}, {"id": "1"}])"}}) ==
        "DEVICES_JSON[1].id: meter 1 is listed twice");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "notify": {"type": "ntfy"}}])"}}) ==
        "DEVICES_JSON[0].notify: must be an array of targets");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "notify": [{"type": "sms"}]}])"}}) ==
        "DEVICES_JSON[0].notify[0].type: must be serverchan, webhook, ntfy, bark, pushplus, "
        "wecom, dingtalk, feishu, telegram, wxpusher or email (got \"sms\")");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "notify": [{"type": "ntfy"}]}])"}}) ==
        "DEVICES_JSON[0].notify[0]: a ntfy target needs \"topic\" or \"topic_env\"");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "notify": [{"key": "k"}]}])"}}) ==
        "DEVICES_JSON[0].notify[0].type: is missing");
  CHECK(meters_error({{"DEVICES_JSON",
                       R"([{"id": "1", "notify": [{"type": "webhook", "url": "file:///etc"}]}])"}}) ==
        "DEVICES_JSON[0].notify[0].url: must be an http:// or https:// URL");
  CHECK(meters_error({{"DEVICES_JSON", R"([{"id": "1", "alert_balance_kwh": "lots"}])"}}) ==
        "DEVICES_JSON[0].alert_balance_kwh: must be a number of kWh, at least 0, with at most two "
        "decimals (got \"lots\")");
}

TEST_CASE("DEVICES_JSON errors and warnings never show a send key", "[config][meters][secrets]") {
  const char* key = "SCT9999secretKEY";
  const std::vector<std::string> errors = {
      meters_error({{"DEVICES_JSON",
                     R"([{"id": "1", "server_chan_key": "SCT9999secretKEY", "server_chan_key_env": "X"}])"},
                    {"X", "SCT9999secretKEY"}}),
      meters_error({{"DEVICES_JSON", R"([{"id": "1", "server_chan_key": "SCT9999secretKEY"}, )"}}),
      meters_error({{"DEVICES_JSON", R"([{"id": "1", "server_chan_key": ""}])"}}),
      meters_error({{"DEVICES_JSON",
                     R"([{"id": "1", "notify": [{"type": "pushplus", "token": "SCT9999secretKEY", "token_env": "Y"}]}])"}}),
  };
  CHECK(errors[0] == "DEVICES_JSON[0]: give server_chan_key or server_chan_key_env, not both");
  CHECK(errors[2] == "DEVICES_JSON[0].server_chan_key: must not be empty");
  CHECK(errors[3] == "DEVICES_JSON[0].notify[0]: give token or token_env, not both");
  for (const std::string& e : errors) {
    INFO(e);
    CHECK(e.find(key) == std::string::npos);
  }
  const Loaded l = meters_ok({{"DEVICES_JSON",
                               R"([{"id": "1", "server_chan_key": "SCT9999secretKEY", "enabled": true,
                                   "notify": [{"type": "bark", "key": "SCT9999secretKEY", "sound": "x"}]}])"}});
  CHECK(l.warnings == std::vector<std::string>{
                          "DEVICES_JSON[0].notify[0]: ignoring unknown key \"sound\"",
                          "DEVICES_JSON[0]: ignoring unknown key \"enabled\""});
}

TEST_CASE("METERS=id:name,id:name", "[config][meters]") {
  const Loaded l = meters_ok({{"METERS", " 111:一楼, 222 ,333:A:B,, 444: "}});
  CHECK(l.meters == std::vector<MeterConfig>{{"111", "一楼", {}, {}},
                                             {"222", "222", {}, {}},
                                             {"333", "A:B", {}, {}},
                                             {"444", "444", {}, {}}});
  CHECK(meters_error({{"METERS", "111:a,bad id:b"}}) ==
        "METERS: entry 2: meter id must be 1-64 ASCII letters or digits (got \"bad id\")");
  CHECK(meters_error({{"METERS", ":nameless"}}) ==
        "METERS: entry 1: meter id must be 1-64 ASCII letters or digits (got \"\")");
  CHECK(meters_error({{"METERS", "1:a,2:b,1:c"}}) == "METERS: meter 1 is listed twice");
}

TEST_CASE("DEVICES_JSON comes first, METERS adds new ids, DEFAULT_DEVICE_ID is the fallback",
          "[config][meters]") {
  const Loaded merged = meters_ok({{"DEVICES_JSON", R"([{"id": "1", "name": "json one"}])"},
                                   {"METERS", "2:two,1:meters one"},
                                   {"DEFAULT_DEVICE_ID", "3"}});
  CHECK(merged.meters == std::vector<MeterConfig>{{"1", "json one", {}, {}}, {"2", "two", {}, {}}});
  CHECK(merged.warnings == std::vector<std::string>{
                               "METERS: meter 1 is already in DEVICES_JSON; using the DEVICES_JSON entry",
                               "DEFAULT_DEVICE_ID: meter 3 ignored because DEVICES_JSON or METERS list the meters"});

  // The default device already listed: no warning.
  CHECK(meters_ok({{"METERS", "2:two"}, {"DEFAULT_DEVICE_ID", "2"}}).warnings.empty());

  const Loaded single = meters_ok({{"DEFAULT_DEVICE_ID", "19501609994"},
                                   {"DEFAULT_DEVICE_NAME", "我的电表"}});
  CHECK(single.meters == std::vector<MeterConfig>{{"19501609994", "我的电表", {}, {}}});
  CHECK(meters_ok({{"DEFAULT_DEVICE_ID", "7"}}).meters ==
        std::vector<MeterConfig>{{"7", "7", {}, {}}});
  CHECK(meters_ok({{"DEFAULT_DEVICE_NAME", "x"}}).warnings ==
        std::vector<std::string>{"DEFAULT_DEVICE_NAME: ignored because DEFAULT_DEVICE_ID is not set"});
  CHECK(meters_error({{"DEFAULT_DEVICE_ID", "19501609994.0"}}) ==
        "DEFAULT_DEVICE_ID: must be 1-64 ASCII letters or digits (got \"19501609994.0\")");
}

TEST_CASE("valid_meter_id accepts 1-64 ASCII letters or digits only", "[config][meters]") {
  CHECK(ebill::valid_meter_id("19501609994"));
  CHECK(ebill::valid_meter_id("abcXYZ09"));
  CHECK(ebill::valid_meter_id(std::string(64, 'a')));
  CHECK_FALSE(ebill::valid_meter_id(std::string(65, 'a')));
  CHECK_FALSE(ebill::valid_meter_id(""));
  for (const char* bad : {"1 2", "1-2", "1_2", "1/2", "表1", "1'", "1;"}) {
    INFO(bad);
    CHECK_FALSE(ebill::valid_meter_id(bad));
  }
}

TEST_CASE("DEVICES_JSON: an optional group, trimmed, for the overview", "[config]") {
  const auto l = meters_ok({{"DEVICES_JSON", R"([{"id": "A1", "group": " 佳丰南苑 "}, {"id": "B2"}])"}});
  REQUIRE(l.meters.size() == 2);
  CHECK(l.meters[0].group == "佳丰南苑");
  CHECK(l.meters[1].group.empty());
  CHECK(l.warnings.empty());
}
