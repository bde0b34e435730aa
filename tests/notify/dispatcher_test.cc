// The dispatcher's queue: bounded, dropping the oldest, never blocking.
#include <catch2/catch.hpp>

#include <set>

#include "common/notify/dispatcher.h"
#include "tests/notify/notify_fixture.h"
#include "tests/support/stderr_capture.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::HttpReceiver;

namespace {

Delivery numbered(const HttpReceiver& receiver, const std::string& n) {
  NotifySettings s;
  const Notice notice{"19501609994", NoticeKind::kRecharge, n, "body " + n};
  return make_delivery(test::webhook(receiver, "queue-token"), notice, s);
}

}  // namespace

TEST_CASE("dispatcher: a full queue drops its oldest delivery with a log line",
          "[notify][dispatcher]") {
  test::StderrCapture log;
  HttpReceiver receiver;
  receiver.hang();
  DispatcherOptions o = test::fast_dispatch();
  o.capacity = 2;
  o.timeout_s = 10;  // the held request must outlive the enqueues below
  Dispatcher d(o);
  d.enqueue(numbered(receiver, "1"));
  REQUIRE(receiver.wait_for(1, test::kPatience));  // "1" is in flight, held
  d.enqueue(numbered(receiver, "2"));
  d.enqueue(numbered(receiver, "3"));
  d.enqueue(numbered(receiver, "4"));  // the queue holds 2: "2" goes
  CHECK(d.stats().dropped == 1);
  receiver.release();
  REQUIRE(d.wait_idle(test::kPatience));
  CHECK(d.stats().sent == 3);
  CHECK(d.stats().failed == 0);
  std::set<std::string> titles;
  for (const auto& r : receiver.requests()) titles.insert(test::json_field(r.body, "title"));
  CHECK(titles == std::set<std::string>{"1", "3", "4"});
  const std::string text = log.text();
  CHECK(text.find("notify: queue full, dropped recharge for meter 19501609994 via webhook @") !=
        std::string::npos);
  CHECK(text.find("sent recharge for meter 19501609994 via webhook @127.0.0.1:") !=
        std::string::npos);
  CHECK(text.find("queue-token") == std::string::npos);
  CHECK(text.find("path-secret") == std::string::npos);
}

TEST_CASE("dispatcher: a code the service rejects is retried with backoff, then given up",
          "[notify][dispatcher]") {
  HttpReceiver receiver;
  receiver.respond(200, R"({"code":40001,"message":"bad key"})");
  DispatcherOptions o = test::fast_dispatch();
  o.retries = 2;
  Dispatcher d(o);
  NotifySettings s;
  s.serverchan_base_url = receiver.base_url();
  NotifyTarget t;
  t.key = "SCTkey";
  d.enqueue(make_delivery(t, Notice{"1", NoticeKind::kTest, "t", "b"}, s));
  REQUIRE(d.wait_idle(test::kPatience));
  CHECK(receiver.requests().size() == 3);
  CHECK(d.stats().failed == 1);
  CHECK(d.stats().sent == 0);
}
