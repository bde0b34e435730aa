// WeCom, DingTalk, Feishu, Telegram and WxPusher requests as a real loopback
// receiver sees them; signatures recomputed with the openssl command line
// tool; answers judged by each service's result field.
#include <catch2/catch.hpp>

#include <chrono>

#include "common/notify/channel_request.h"
#include "common/notify/dispatcher.h"
#include "tests/notify/notify_fixture.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::HttpReceiver;
using ebill::test::ReceivedRequest;

namespace {

const Notice kNotice{"19501609994", NoticeKind::kRecharge, "充值到账: 100.00 度",
                     "5-1-501 充值 100.00 度 & \"引号\"\n当前余额 254.79 度"};
const std::string kText = "充值到账: 100.00 度\n\n5-1-501 充值 100.00 度 & \"引号\"\n当前余额 254.79 度";

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The value of `name` in a query string ("" when absent), still encoded.
std::string query_value(const std::string& target, const std::string& name) {
  const std::size_t q = target.find('?');
  if (q == std::string::npos) return "";
  std::string rest = target.substr(q + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string pair = rest.substr(0, amp);
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    if (amp == std::string::npos) break;
    rest = rest.substr(amp + 1);
  }
  return "";
}

// Percent-encoding of the three base64 characters that need it.
std::string encode_base64_for_query(const std::string& b64) {
  std::string out;
  for (char c : b64) {
    out += c == '+' ? "%2B" : c == '/' ? "%2F" : c == '=' ? "%3D" : std::string(1, c);
  }
  return out;
}

rapidjson::Document parsed(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

NotifyTarget target_of(ChannelType type) {
  NotifyTarget t;
  t.type = type;
  return t;
}

}  // namespace

TEST_CASE("channels: WeCom posts a text message to {base}/cgi-bin/webhook/send?key=",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"errcode":0,"errmsg":"ok"})");
  NotifyTarget t = target_of(ChannelType::kWeCom);
  t.key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
  const ReceivedRequest r = test::send_one(receiver, t, kNotice);
  CHECK(r.target == "/wecom/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  const auto doc = parsed(r.body);
  CHECK(std::string(doc["msgtype"].GetString()) == "text");
  CHECK(std::string(doc["text"]["content"].GetString()) == kText);
}

TEST_CASE("channels: DingTalk without a secret posts to {base}/robot/send?access_token=",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"errcode":0,"errmsg":"ok"})");
  NotifyTarget t = target_of(ChannelType::kDingTalk);
  t.token = "ding0token1";
  const ReceivedRequest r = test::send_one(receiver, t, kNotice);
  CHECK(r.target == "/dingtalk/robot/send?access_token=ding0token1");
  const auto doc = parsed(r.body);
  CHECK(std::string(doc["msgtype"].GetString()) == "text");
  CHECK(std::string(doc["text"]["content"].GetString()) == kText);
}

TEST_CASE("channels: DingTalk with a secret signs timestamp and secret in the query",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"errcode":0,"errmsg":"ok"})");
  NotifyTarget t = target_of(ChannelType::kDingTalk);
  t.token = "ding0token1";
  t.secret = "SECa1b2c3+/=签名";
  const std::int64_t before = unix_ms_now();
  const ReceivedRequest r = test::send_one(receiver, t, kNotice);
  const std::int64_t after = unix_ms_now();
  REQUIRE(r.target.rfind("/dingtalk/robot/send?access_token=ding0token1&timestamp=", 0) == 0);
  const std::string ts = query_value(r.target, "timestamp");
  REQUIRE(ts.size() == 13);  // milliseconds
  CHECK(std::stoll(ts) >= before);
  CHECK(std::stoll(ts) <= after);
  const std::string expected =
      encode_base64_for_query(test::openssl_hmac_base64(t.secret, ts + "\n" + t.secret));
  CHECK(query_value(r.target, "sign") == expected);
  CHECK(std::string(parsed(r.body)["text"]["content"].GetString()) == kText);
}

TEST_CASE("channels: the DingTalk signature matches a published example", "[notify][channels]") {
  NotifyTarget t = target_of(ChannelType::kDingTalk);
  t.token = "x";
  t.secret = "secret";
  const auto request = std::get<HttpRequest>(build_request(t, kNotice, NotifySettings{}, 1700000000000));
  CHECK(query_value(request.url, "sign") == "OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D");
  CHECK(query_value(request.url, "timestamp") == "1700000000000");
}

TEST_CASE("channels: Feishu posts to {base}/open-apis/bot/v2/hook/{token}, signed when set",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"code":0,"msg":"success","data":{}})");
  NotifyTarget t = target_of(ChannelType::kFeishu);
  t.token = "2ab2ab9c-0ab6-4f77-a3d1-4b4d6f0e8a11";
  SECTION("unsigned") {
    const ReceivedRequest r = test::send_one(receiver, t, kNotice);
    CHECK(r.target == "/feishu/open-apis/bot/v2/hook/2ab2ab9c-0ab6-4f77-a3d1-4b4d6f0e8a11");
    const auto doc = parsed(r.body);
    CHECK(std::string(doc["msg_type"].GetString()) == "text");
    CHECK(std::string(doc["content"]["text"].GetString()) == kText);
    CHECK_FALSE(doc.HasMember("sign"));
    CHECK_FALSE(doc.HasMember("timestamp"));
  }
  SECTION("signed: key = timestamp + \\n + secret, message empty") {
    t.secret = "feishu-secret-7Qx";
    const std::int64_t before = unix_ms_now() / 1000;
    const ReceivedRequest r = test::send_one(receiver, t, kNotice);
    const std::int64_t after = unix_ms_now() / 1000;
    const auto doc = parsed(r.body);
    REQUIRE(doc["timestamp"].IsString());
    const std::string ts = doc["timestamp"].GetString();
    CHECK(std::stoll(ts) >= before);
    CHECK(std::stoll(ts) <= after);
    CHECK(std::string(doc["sign"].GetString()) ==
          test::openssl_hmac_base64(ts + "\n" + t.secret, ""));
    CHECK(std::string(doc["content"]["text"].GetString()) == kText);
  }
}

TEST_CASE("channels: Telegram posts chat_id and text to {base}/bot{token}/sendMessage",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"ok":true,"result":{"message_id":7}})");
  NotifyTarget t = target_of(ChannelType::kTelegram);
  t.token = "123456789:AAE-tg-bot-secret";
  t.chat_id = "-1001234567890";
  const ReceivedRequest r = test::send_one(receiver, t, kNotice);
  CHECK(r.target == "/tg/bot123456789:AAE-tg-bot-secret/sendMessage");
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  const auto doc = parsed(r.body);
  CHECK(std::string(doc["chat_id"].GetString()) == "-1001234567890");
  CHECK(std::string(doc["text"].GetString()) == kText);
  CHECK(doc.MemberCount() == 2);
}

TEST_CASE("channels: a failing Telegram target is reported without its token",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})");
  NotifyTarget t = target_of(ChannelType::kTelegram);
  t.token = "999:tg-token-never-logged";
  t.chat_id = "42";
  Config c = test::config_for("19501609994", "5-1-501", {t}, receiver);
  const Delivery d = make_delivery(t, kNotice, c.notify);
  std::string why;
  CHECK_FALSE(deliver_once(d, 5, nullptr, &why));
  CHECK(why == "HTTP 401: Unauthorized");
  CHECK(d.target == "telegram @127.0.0.1:" + std::to_string(receiver.port()));
  // Nothing listens at the base URL any more: libcurl's reason, no token.
  c.notify.telegram_base_url = "http://127.0.0.1:1/tg-token-never-logged";
  const Delivery refused = make_delivery(t, kNotice, c.notify);
  CHECK_FALSE(deliver_once(refused, 5, nullptr, &why));
  CHECK_FALSE(why.empty());
  CHECK(why.find("tg-token-never-logged") == std::string::npos);
  CHECK(why.find("999:") == std::string::npos);
}

TEST_CASE("channels: WxPusher posts appToken, content, summary, uids and topicIds",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"code":1000,"msg":"处理成功","data":[],"success":true})");
  NotifyTarget t = target_of(ChannelType::kWxPusher);
  t.token = "AT_wxpusher_app_token";
  t.uids = {"UID_a1", "UID_b2"};
  t.topic_ids = {"123", "4567"};
  const ReceivedRequest r = test::send_one(receiver, t, kNotice);
  CHECK(r.target == "/wxpusher/api/send/message");
  const auto doc = parsed(r.body);
  CHECK(std::string(doc["appToken"].GetString()) == "AT_wxpusher_app_token");
  CHECK(std::string(doc["content"].GetString()) == kText);
  CHECK(std::string(doc["summary"].GetString()) == kNotice.title);
  CHECK(doc["contentType"].GetInt() == 1);
  REQUIRE(doc["uids"].Size() == 2);
  CHECK(std::string(doc["uids"][1].GetString()) == "UID_b2");
  REQUIRE(doc["topicIds"].Size() == 2);
  CHECK(doc["topicIds"][0].GetInt64() == 123);
  CHECK(doc["topicIds"][1].GetInt64() == 4567);
  // Only uids: no topicIds member.
  HttpReceiver only_uids;
  only_uids.respond(200, R"({"code":1000,"msg":"处理成功"})");
  t.topic_ids.clear();
  CHECK_FALSE(parsed(test::send_one(only_uids, t, kNotice).body).HasMember("topicIds"));
}

TEST_CASE("channels: each service's result field decides success", "[notify][channels]") {
  std::string why;
  CHECK(accepted(ChannelType::kWeCom, 200, R"({"errcode":0,"errmsg":"ok"})", &why));
  CHECK_FALSE(accepted(ChannelType::kWeCom, 200, R"({"errcode":93000,"errmsg":"invalid webhook url"})", &why));
  CHECK(why == "HTTP 200 errcode 93000: invalid webhook url");
  CHECK_FALSE(accepted(ChannelType::kDingTalk, 200, R"({"errcode":310000,"errmsg":"sign not match"})", &why));
  CHECK(why == "HTTP 200 errcode 310000: sign not match");
  CHECK(accepted(ChannelType::kFeishu, 200, R"({"StatusCode":0,"StatusMessage":"success"})", &why));
  CHECK_FALSE(accepted(ChannelType::kFeishu, 200, R"({"code":19021,"msg":"sign match fail"})", &why));
  CHECK(why == "HTTP 200 code 19021: sign match fail");
  CHECK(accepted(ChannelType::kWxPusher, 200, R"({"code":1000,"msg":"处理成功"})", &why));
  CHECK_FALSE(accepted(ChannelType::kWxPusher, 200, R"({"code":1001,"msg":"appToken不正确"})", &why));
  CHECK(why == "HTTP 200 code 1001: appToken不正确");
  CHECK(accepted(ChannelType::kTelegram, 200, R"({"ok":true})", &why));
  CHECK_FALSE(accepted(ChannelType::kTelegram, 200, R"({"ok":false,"description":"chat not found"})", &why));
  CHECK(why == "HTTP 200 ok false: chat not found");
  CHECK_FALSE(accepted(ChannelType::kTelegram, 400, R"({"ok":false,"description":"Bad Request: chat not found"})", &why));
  CHECK(why == "HTTP 400: Bad Request: chat not found");
}

TEST_CASE("channels: the new targets are named by channel and host only", "[notify][channels]") {
  const NotifySettings s;
  CHECK(redacted_target(target_of(ChannelType::kWeCom), s) == "wecom @qyapi.weixin.qq.com");
  CHECK(redacted_target(target_of(ChannelType::kDingTalk), s) == "dingtalk @oapi.dingtalk.com");
  CHECK(redacted_target(target_of(ChannelType::kFeishu), s) == "feishu @open.feishu.cn");
  CHECK(redacted_target(target_of(ChannelType::kTelegram), s) == "telegram @api.telegram.org");
  CHECK(redacted_target(target_of(ChannelType::kWxPusher), s) == "wxpusher @wxpusher.zjiecode.com");
  NotifyTarget mail = target_of(ChannelType::kEmail);
  mail.url = "smtps://user:pw@smtp.qq.com:465";
  CHECK(redacted_target(mail, s) == "email @smtp.qq.com:465");
}
