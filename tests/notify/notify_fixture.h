// Helpers shared by the notification tests.
#ifndef EBILL_TESTS_NOTIFY_NOTIFY_FIXTURE_H_
#define EBILL_TESTS_NOTIFY_NOTIFY_FIXTURE_H_

#include <curl/curl.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <chrono>
#include <string>
#include <vector>

#include "common/config/config.h"
#include "common/domain/reading.h"
#include "common/notify/cycle_outcome.h"
#include "common/notify/dispatcher.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/http_receiver.h"

namespace ebill::test {

inline LocalSeconds when(const char* text) { return parse_datetime(text).value(); }

// Short waits for the dispatcher thread: a failure shows as a timeout, never
// as a timing assertion.
inline constexpr std::chrono::milliseconds kPatience{15000};

// Two attempts of at most 1 s each, 10 ms apart.
inline notify::DispatcherOptions fast_dispatch() {
  notify::DispatcherOptions o;
  o.timeout_s = 1;
  o.retries = 1;
  o.first_backoff = std::chrono::milliseconds(10);
  return o;
}

inline NotifyTarget webhook(const HttpReceiver& receiver, const std::string& token = "") {
  NotifyTarget t;
  t.type = ChannelType::kWebhook;
  t.url = receiver.base_url() + "/hook/path-secret-7f3a?sig=query-secret-9b1c";
  t.token = token;
  return t;
}

// One meter with `targets`; every channel's base URL at `receiver`; daily
// report, stale alert and days-left alert off unless a test turns them on.
inline Config config_for(const std::string& meter_no, const std::string& name,
                         std::vector<NotifyTarget> targets, const HttpReceiver& receiver) {
  Config c;
  MeterConfig m;
  m.id = meter_no;
  m.name = name;
  m.notify = std::move(targets);
  c.meters.push_back(m);
  c.notify.daily_report_minute = std::nullopt;
  c.notify.alert_days_left = 0;
  c.notify.alert_stale_minutes = 0;
  c.notify.timeout_s = 1;
  c.notify.retries = 1;
  c.notify.serverchan_base_url = receiver.base_url() + "/sct";
  c.notify.ntfy_base_url = receiver.base_url() + "/ntfy/";
  c.notify.bark_base_url = receiver.base_url() + "/bark";
  c.notify.pushplus_base_url = receiver.base_url() + "/pushplus";
  c.notify.wecom_base_url = receiver.base_url() + "/wecom";
  c.notify.dingtalk_base_url = receiver.base_url() + "/dingtalk";
  c.notify.feishu_base_url = receiver.base_url() + "/feishu";
  c.notify.telegram_base_url = receiver.base_url() + "/tg/";
  c.notify.wxpusher_base_url = receiver.base_url() + "/wxpusher";
  return c;
}

inline notify::MeterCycleOutcome ok(const Reading& r) {
  return notify::MeterCycleOutcome{r.meter_no, true, r.collected_at, r, ""};
}

inline notify::MeterCycleOutcome failed(const std::string& meter, LocalSeconds at,
                                        const std::string& error) {
  return notify::MeterCycleOutcome{meter, false, at, std::nullopt, error};
}

// Sends `notice` to `target` once (every base URL at `receiver`), checks it
// was accepted, and returns the one request the receiver got.
inline ReceivedRequest send_one(HttpReceiver& receiver, const NotifyTarget& target,
                                const notify::Notice& notice) {
  const Config c = config_for("19501609994", "5-1-501", {target}, receiver);
  std::string why;
  const bool ok = notify::deliver_once(notify::make_delivery(target, notice, c.notify), 5, nullptr,
                                       &why);
  INFO(why);
  CHECK(ok);
  const auto got = receiver.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].method == "POST");
  return got[0];
}

// The known series of docs/notifications.md ("A worked report"): a reading
// every 10 minutes from 2025-02-28 23:00 (200.00 kWh) until `until`. A step
// ending on a day before 03-07 uses 0.04, on 03-07 0.05, later 0.06; the
// step ending 03-07 10:00 is a recharge of exactly 100.00.
inline std::vector<Reading> known_series(const std::string& meter, LocalSeconds until) {
  const LocalDay recharge_day = day_from_date({2025, 3, 7});
  std::vector<Reading> out;
  Hundredths remain = 20000;
  for (LocalSeconds t = when("2025-02-28 23:00:00"); t <= until; t += 600) {
    if (!out.empty()) {
      const LocalDay d = day_of(t);
      if (t == when("2025-03-07 10:00:00")) {
        remain += 10000;
      } else {
        remain -= d < recharge_day ? 4 : d == recharge_day ? 5 : 6;
      }
    }
    out.push_back(reading_at(meter, t, remain));
  }
  return out;
}

// The report of known_series() for meter 19501609994 "5-1-501" at
// 2025-03-08 09:00, by hand:
// 03-01..03-06: 144 steps of 0.04 = 5.76 a day. Before 03-07 00:00 there
// are 5 steps on 02-28 and 6 * 144 after: 869 * 0.04 = 34.76, so 03-06
// 23:50 shows 165.24 and 03-07 00:00 (its first reading) 165.19. 03-07:
// 143 steps of 0.05 = 7.15 used, plus what the 10-minute recharge step hid
// (usage rule 2: the 24 h before 09:50 dropped 85 * 0.04 + 59 * 0.05 = 6.35,
// round(635 * 600 / 86400) = 0.04): 7.19 used, 100.04 recharged; last
// reading 258.09. 03-08 00:00..09:00: 55 steps of 0.06 = 3.30, so 254.79
// now. 7-day average (6 * 5.76 + 7.19) / 7 = 41.75 / 7 = 5.96; days left
// 25479 * 7 * 100 / 4175 = 4271 (42.71); run out after
// 25479 * 7 * 86400 / 4175 = 3690945 s = 42 d 17:15:45 -> 2025-04-20.
inline const char* const kKnownReportText =
    "5-1-501（19501609994） 2025-03-07 用电日报\n"
    "昨日用电: 7.19 度\n"
    "昨日开始余额: 165.19 度\n"
    "昨日结束余额: 258.09 度\n"
    "昨日充值: 100.04 度\n"
    "当前余额: 254.79 度（2025-03-08 09:00:00）\n"
    "近7日日均: 5.96 度\n"
    "预计可用: 42.71 天（约 2025-04-20 用完）";

// What `command` (a shell pipeline reading the file named by {in}) prints
// when `input` is that file's content; the command must succeed.
inline std::string output_of(const std::string& command, const std::string& input) {
  char path[] = "/tmp/ebill-cmd-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  close(fd);
  FILE* p = popen(fmt::format(fmt::runtime(command), fmt::arg("in", path)).c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[256];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  unlink(path);
  REQUIRE(status == 0);
  return out;
}

// base64(HMAC-SHA256(key, message)) as the `openssl` command line tool
// computes it: the independent check of the channels' signatures.
inline std::string openssl_hmac_base64(const std::string& key, const std::string& message) {
  std::string hex;
  for (unsigned char c : key) hex += fmt::format("{:02x}", c);
  const std::string out = output_of(
      "openssl mac -digest SHA256 -macopt hexkey:" + hex + " -binary -in {in} HMAC | openssl base64 -A",
      message);
  REQUIRE(out.size() == 44);  // 32 bytes
  return out;
}

// Form decoding: '+' is a space, %XX a byte.
inline std::string url_decode(std::string text) {
  for (char& c : text) {
    if (c == '+') c = ' ';
  }
  int n = 0;
  char* p = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &n);
  std::string out(p, static_cast<std::size_t>(n));
  curl_free(p);
  return out;
}

// A JSON body's string member ("" when absent).
inline std::string json_field(const std::string& body, const char* name) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (doc.HasParseError() || !doc.IsObject()) return "";
  const auto it = doc.FindMember(name);
  return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// The `kind` of every webhook request the receiver got, in order.
inline std::vector<std::string> kinds_received(const HttpReceiver& receiver) {
  std::vector<std::string> out;
  for (const ReceivedRequest& r : receiver.requests()) out.push_back(json_field(r.body, "kind"));
  return out;
}

}  // namespace ebill::test

#endif  // EBILL_TESTS_NOTIFY_NOTIFY_FIXTURE_H_
