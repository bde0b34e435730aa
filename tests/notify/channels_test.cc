// Each channel's request, as a real loopback receiver sees it, and how
// answers are judged.
#include <catch2/catch.hpp>

#include "common/notify/channel_request.h"
#include "common/notify/dispatcher.h"
#include "tests/notify/notify_fixture.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::HttpReceiver;
using ebill::test::ReceivedRequest;

namespace {

const Notice kNotice{"19501609994", NoticeKind::kLowBalance, "余额不足: 剩余 9.99 度",
                     "5-1-501 当前余额 9.99 度 & 100% \"引号\"\n请及时充值。"};

ReceivedRequest send_one(HttpReceiver& receiver, const NotifyTarget& target) {
  return test::send_one(receiver, target, kNotice);
}

}  // namespace

TEST_CASE("channels: Server酱 posts title and desp as a form to {base}/{key}.send",
          "[notify][channels]") {
  HttpReceiver receiver;
  NotifyTarget t;
  t.type = ChannelType::kServerChan;
  t.key = "SCT12345abcdef";
  const ReceivedRequest r = send_one(receiver, t);
  CHECK(r.target == "/sct/SCT12345abcdef.send");
  CHECK(r.header("content-type") == "application/x-www-form-urlencoded");
  const std::size_t amp = r.body.find("&desp=");
  REQUIRE(r.body.rfind("title=", 0) == 0);
  REQUIRE(amp != std::string::npos);
  CHECK(test::url_decode(r.body.substr(6, amp - 6)) == kNotice.title);
  CHECK(test::url_decode(r.body.substr(amp + 6)) == kNotice.body);
}

TEST_CASE("channels: the webhook posts JSON title, body, meter, kind with a bearer token",
          "[notify][channels]") {
  HttpReceiver receiver;
  const NotifyTarget t = test::webhook(receiver, "hook-token-1");
  const ReceivedRequest r = send_one(receiver, t);
  CHECK(r.target == "/hook/path-secret-7f3a?sig=query-secret-9b1c");
  CHECK(r.header("content-type") == "application/json");
  CHECK(r.header("authorization") == "Bearer hook-token-1");
  CHECK(test::json_field(r.body, "title") == kNotice.title);
  CHECK(test::json_field(r.body, "body") == kNotice.body);
  CHECK(test::json_field(r.body, "meter") == "19501609994");
  CHECK(test::json_field(r.body, "kind") == "low_balance");
  // Without a token there is no Authorization header.
  HttpReceiver plain;
  CHECK(send_one(plain, test::webhook(plain)).header("authorization").empty());
}

TEST_CASE("channels: ntfy posts the body to {base}/{topic} with an encoded Title",
          "[notify][channels]") {
  HttpReceiver receiver;
  NotifyTarget t;
  t.type = ChannelType::kNtfy;
  t.topic = "ebill-502";
  t.token = "tk_ntfy";
  const ReceivedRequest r = send_one(receiver, t);
  CHECK(r.target == "/ntfy/ebill-502");  // the base URL's trailing '/' is ignored
  // RFC 2047: base64 of the UTF-8 title.
  CHECK(r.header("title") == "=?UTF-8?B?5L2Z6aKd5LiN6LazOiDliankvZkgOS45OSDluqY=?=");
  CHECK(r.header("authorization") == "Bearer tk_ntfy");
  CHECK(r.body == kNotice.body);
}

TEST_CASE("channels: Bark posts JSON with the device key to {base}/push", "[notify][channels]") {
  HttpReceiver receiver;
  NotifyTarget t;
  t.type = ChannelType::kBark;
  t.key = "barkDeviceKey42";
  const ReceivedRequest r = send_one(receiver, t);
  CHECK(r.target == "/bark/push");
  CHECK(test::json_field(r.body, "device_key") == "barkDeviceKey42");
  CHECK(test::json_field(r.body, "title") == kNotice.title);
  CHECK(test::json_field(r.body, "body") == kNotice.body);
  CHECK(test::json_field(r.body, "group") == "ebill");
}

TEST_CASE("channels: PushPlus posts JSON token, title, content to {base}/send",
          "[notify][channels]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"code":200,"msg":"请求成功","data":"x"})");
  NotifyTarget t;
  t.type = ChannelType::kPushPlus;
  t.token = "pp-token-0042";
  const ReceivedRequest r = send_one(receiver, t);
  CHECK(r.target == "/pushplus/send");
  CHECK(test::json_field(r.body, "token") == "pp-token-0042");
  CHECK(test::json_field(r.body, "title") == kNotice.title);
  CHECK(test::json_field(r.body, "content") == kNotice.body);
  CHECK(test::json_field(r.body, "template") == "txt");
}

TEST_CASE("channels: answers count as sent on 2xx and a JSON code of 0 or 200",
          "[notify][channels]") {
  std::string why;
  CHECK(accepted(ChannelType::kServerChan, 200, R"({"code":0,"message":""})", &why));
  CHECK(accepted(ChannelType::kServerChan, 200, R"({"errno":0})", &why));
  CHECK(accepted(ChannelType::kPushPlus, 200, R"({"code":200})", &why));
  CHECK(accepted(ChannelType::kBark, 200, R"({"code":200,"message":"success"})", &why));
  CHECK(accepted(ChannelType::kServerChan, 204, "", &why));      // no body to judge
  CHECK(accepted(ChannelType::kPushPlus, 200, "<html>", &why));  // not JSON
  CHECK(accepted(ChannelType::kWebhook, 201, R"({"code":5})", &why));  // webhooks: status only
  CHECK_FALSE(accepted(ChannelType::kServerChan, 200, R"({"code":40001,"message":"bad key"})",
                       &why));
  CHECK(why == "HTTP 200 code 40001: bad key");
  CHECK_FALSE(accepted(ChannelType::kPushPlus, 200, R"({"code":999,"msg":"token无效"})", &why));
  CHECK(why == "HTTP 200 code 999: token无效");
  CHECK_FALSE(accepted(ChannelType::kNtfy, 500, "", &why));
  CHECK(why == "HTTP 500");
  CHECK_FALSE(accepted(ChannelType::kWebhook, 302, "", &why));
  CHECK(why == "HTTP 302");
}

TEST_CASE("channels: a target is named by channel and host only", "[notify][channels]") {
  NotifySettings s;
  NotifyTarget sct;
  sct.key = "SCTsecret";
  CHECK(redacted_target(sct, s) == "serverchan @sctapi.ftqq.com");
  NotifyTarget hook;
  hook.type = ChannelType::kWebhook;
  hook.url = "https://user:pw@hooks.example.com:8443/T0/B1/secret?x=1";
  hook.token = "tok";
  CHECK(redacted_target(hook, s) == "webhook @hooks.example.com:8443");
  NotifyTarget ntfy;
  ntfy.type = ChannelType::kNtfy;
  ntfy.topic = "private-topic";
  CHECK(redacted_target(ntfy, s) == "ntfy @ntfy.sh");
  NotifyTarget bark;
  bark.type = ChannelType::kBark;
  CHECK(redacted_target(bark, s) == "bark @api.day.app");
  NotifyTarget pp;
  pp.type = ChannelType::kPushPlus;
  CHECK(redacted_target(pp, s) == "pushplus @www.pushplus.plus");
}
