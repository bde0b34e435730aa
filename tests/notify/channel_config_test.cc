// DEVICES_JSON `notify` entries of the WeCom, DingTalk, Feishu, Telegram,
// WxPusher and e-mail channels: fields, secrets by env name, lists, errors.
#include <catch2/catch.hpp>

#include "common/config/config.h"
#include "common/config/meter_config.h"

using namespace ebill;

namespace {

std::vector<NotifyTarget> targets(const std::string& notify_json, Environment env = {}) {
  env["DEVICES_JSON"] = R"([{"id": "1", "name": "home", "notify": )" + notify_json + "}]";
  auto c = load_config(env);
  if (!c) FAIL(c.error().message);
  REQUIRE(c->meters.size() == 1);
  CHECK(c->warnings.empty());
  return c->meters[0].notify;
}

std::string error_of(const std::string& notify_json, Environment env = {}) {
  env["DEVICES_JSON"] = R"([{"id": "1", "notify": )" + notify_json + "}]";
  auto c = load_config(env);
  REQUIRE_FALSE(c.ok());
  return c.error().message;
}

}  // namespace

TEST_CASE("channel config: the six new channels with secrets by value and by env name",
          "[config][channels]") {
  const auto t = targets(
      R"([{"type": "wecom", "key_env": "WECOM_KEY"},
          {"type": "dingtalk", "token": "dt", "secret_env": "DING_SECRET"},
          {"type": "feishu", "token_env": "FEISHU_HOOK"},
          {"type": "telegram", "token_env": "TG_TOKEN", "chat_id": "-1001234567890"},
          {"type": "wxpusher", "token": "AT_x", "uids": ["UID_1", " UID_2 "], "topic_ids": "12, 34"},
          {"type": "email", "url": "smtps://smtp.qq.com:465", "user": "me@qq.com",
           "password_env": "SMTP_PW", "from": "me@qq.com", "to": ["a@example.com", "b@example.com"]}])",
      {{"WECOM_KEY", "wk-1"}, {"DING_SECRET", "SEC9"}, {"FEISHU_HOOK", "fh-2"},
       {"TG_TOKEN", "1:tg"}, {"SMTP_PW", "pw"}});
  REQUIRE(t.size() == 6);
  CHECK(t[0].type == ChannelType::kWeCom);
  CHECK(t[0].key == "wk-1");
  CHECK(t[1].type == ChannelType::kDingTalk);
  CHECK(t[1].token == "dt");
  CHECK(t[1].secret == "SEC9");
  CHECK(t[2].type == ChannelType::kFeishu);
  CHECK(t[2].token == "fh-2");
  CHECK(t[2].secret.empty());
  CHECK(t[3].type == ChannelType::kTelegram);
  CHECK(t[3].token == "1:tg");
  CHECK(t[3].chat_id == "-1001234567890");
  CHECK(t[4].type == ChannelType::kWxPusher);
  CHECK(t[4].uids == std::vector<std::string>{"UID_1", "UID_2"});
  CHECK(t[4].topic_ids == std::vector<std::string>{"12", "34"});
  CHECK(t[5].type == ChannelType::kEmail);
  CHECK(t[5].url == "smtps://smtp.qq.com:465");
  CHECK(t[5].user == "me@qq.com");
  CHECK(t[5].password == "pw");
  CHECK(t[5].to == std::vector<std::string>{"a@example.com", "b@example.com"});
  CHECK(channel_name(ChannelType::kEmail) == "email");
  CHECK(channel_name(ChannelType::kWeCom) == "wecom");
  // A comma list by env name; no login.
  const auto mail = targets(R"([{"type": "email", "url": "smtp://127.0.0.1:587",
                                 "from": "ebill@example.test", "to_env": "MAIL_TO"}])",
                            {{"MAIL_TO", "x@example.test,y@example.test"}});
  CHECK(mail[0].to == std::vector<std::string>{"x@example.test", "y@example.test"});
  CHECK(mail[0].user.empty());
}

TEST_CASE("channel config: a wrong new-channel target stops start-up with one line",
          "[config][channels]") {
  CHECK(error_of(R"([{"type": "wecom"}])") ==
        "DEVICES_JSON[0].notify[0]: a wecom target needs \"key\" or \"key_env\"");
  CHECK(error_of(R"([{"type": "telegram", "token": "t"}])") ==
        "DEVICES_JSON[0].notify[0]: a telegram target needs \"chat_id\" or \"chat_id_env\"");
  CHECK(error_of(R"([{"type": "telegram", "token": "t", "chat_id": "12ab"}])") ==
        "DEVICES_JSON[0].notify[0].chat_id: must be a chat number (such as -1001234567890) or @channel");
  CHECK(error_of(R"([{"type": "wxpusher", "token": "t"}])") ==
        "DEVICES_JSON[0].notify[0]: a wxpusher target needs \"uids\" or \"topic_ids\"");
  CHECK(error_of(R"([{"type": "wxpusher", "token": "t", "topic_ids": ["x1"]}])") ==
        "DEVICES_JSON[0].notify[0].topic_ids: each must be a number");
  CHECK(error_of(R"([{"type": "wxpusher", "token": "t", "uids": [{"a": 1}]}])") ==
        "DEVICES_JSON[0].notify[0].uids: must be an array of strings");
  CHECK(error_of(R"([{"type": "email", "url": "http://x", "from": "a@b.c", "to": "d@e.f"}])") ==
        "DEVICES_JSON[0].notify[0].url: must be an smtp:// (STARTTLS) or smtps:// (TLS) URL");
  CHECK(error_of(R"([{"type": "email", "url": "smtp://x", "from": "a@b.c"}])") ==
        "DEVICES_JSON[0].notify[0]: an email target needs \"to\" or \"to_env\"");
  CHECK(error_of(R"([{"type": "email", "url": "smtp://x", "from": "nobody", "to": "d@e.f"}])") ==
        "DEVICES_JSON[0].notify[0].from: must be an address like a@b.example");
  CHECK(error_of(R"([{"type": "email", "url": "smtp://x", "from": "a@b.c", "to": ["d@e.f", "bad"]}])") ==
        "DEVICES_JSON[0].notify[0].to: each must be an address like a@b.example");
  CHECK(error_of(R"([{"type": "email", "url": "smtp://x", "from": "a@b.c", "to": "d@e.f", "user": "u"}])") ==
        "DEVICES_JSON[0].notify[0]: give both \"user\" and \"password\" (or _env), or neither");
  CHECK(error_of(R"([{"type": "dingtalk", "token": "t", "secret_env": "NOPE"}])") ==
        "DEVICES_JSON[0].notify[0].secret_env: names NOPE, which is not set");
  // The secret itself never appears in an error.
  const std::string e = error_of(R"([{"type": "telegram", "token": "123:very-secret", "chat_id": "x y"}])");
  CHECK(e.find("very-secret") == std::string::npos);
}
