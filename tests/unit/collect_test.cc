// The pure parts of the shared poll pipeline (common/collect): URLs, the
// judgement of one fetched answer, plausibility, failure texts, the mapping
// of settings to fetcher options.
#include <catch2/catch.hpp>

#include <ctime>

#include "common/collect/fetcher_from_config.h"
#include "common/collect/judge.h"
#include "common/collect/plausibility.h"
#include "common/collect/record.h"
#include "common/collect/source_url.h"
#include "common/time/time_zone.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::collect;

namespace {

constexpr const char* kMeter = "19501609994";  // the meter of tests/fixtures/pay_ok.html

FetchOutcome answer(long status, const std::string& fixture, const std::string& meter = kMeter) {
  FetchOutcome f;
  f.meter_no = meter;
  f.status = status;
  f.body = fixture.empty() ? "" : test::read_file(test::fixture_path(fixture));
  f.error = status >= 200 && status < 300 ? FetchError::kNone : FetchError::kHttpStatus;
  f.received_at = 1741305909;  // 2025-03-07 00:05:09 UTC = 08:05:09 in Asia/Shanghai
  return f;
}

Reading reading_of(Hundredths remain) { return Reading{kMeter, 0, remain, std::nullopt, std::nullopt}; }

}  // namespace

TEST_CASE("meter_url substitutes every {meter}, percent-encoded", "[collect]") {
  CHECK(meter_url("http://www.wap.cnyiot.com/nat/pay.aspx?mid={meter}", "19501609994") ==
        "http://www.wap.cnyiot.com/nat/pay.aspx?mid=19501609994");
  CHECK(meter_url("http://h/{meter}/x?m={meter}", "A-1") == "http://h/A-1/x?m=A-1");
  CHECK(meter_url("http://h/?mid={meter}", "a b&c/é") == "http://h/?mid=a%20b%26c%2F%C3%A9");
  CHECK(meter_url("http://h/static", "1") == "http://h/static");
}

TEST_CASE("plausibility rejects negative values and jumps beyond MAX_JUMP_KWH", "[collect]") {
  const std::optional<Reading> none;
  CHECK(implausibility(reading_of(0), none, 50000) == "");
  CHECK(implausibility(reading_of(-1), none, 50000) == "negative remaining -0.01 kWh");
  Reading money = reading_of(100);
  money.remain_money = -5;
  CHECK(implausibility(money, none, 50000) == "negative remaining money -0.05 yuan");

  const std::optional<Reading> previous = reading_of(5236);  // 52.36 kWh
  CHECK(implausibility(reading_of(5236 + 50000), previous, 50000) == "");  // exactly the limit
  CHECK(implausibility(reading_of(5236 + 50001), previous, 50000) ==
        "jump of 500.01 kWh from 52.36 exceeds MAX_JUMP_KWH 500.00");
  CHECK(implausibility(reading_of(0), reading_of(60000), 50000) ==
        "jump of -600.00 kWh from 600.00 exceeds MAX_JUMP_KWH 500.00");
  CHECK(implausibility(reading_of(100), previous, 50000) == "");  // normal use
}

TEST_CASE("judge turns a healthy page into a reading stamped in APP_TZ", "[collect]") {
  install_time_zone("Asia/Shanghai");
  const PollOutcome o = judge(answer(200, "pay_ok.html"), std::nullopt, 50000);
  REQUIRE(o.ok());
  CHECK(o.reason == "");
  CHECK(failure_text(o) == "");
  CHECK(o.attempted_at == parse_datetime("2025-03-07 08:05:09").value());
  CHECK(*o.reading == Reading{kMeter, parse_datetime("2025-03-07 08:05:09").value(), 5236, 3142, 6000});
}

TEST_CASE("judge names each way a page fails", "[collect]") {
  install_time_zone("Asia/Shanghai");
  struct Case {
    FetchOutcome fetched;
    PollError want;
  };
  FetchOutcome timeout = answer(0, "");
  timeout.error = FetchError::kTimeout;
  timeout.detail = "Operation timed out";
  FetchOutcome refused = answer(0, "");
  refused.error = FetchError::kConnect;
  refused.detail = "Connection refused";
  FetchOutcome reset = answer(0, "");
  reset.error = FetchError::kNetwork;
  FetchOutcome stopped = answer(0, "");
  stopped.error = FetchError::kCancelled;
  FetchOutcome huge = answer(200, "");
  huge.error = FetchError::kTooLarge;
  const Case cases[] = {
      {answer(502, "block_interrupted.html"), PollError::kBlocked},  // a block title wins
      {answer(405, ""), PollError::kBlocked},
      {answer(200, "block_threat.html"), PollError::kBlocked},
      {answer(502, "empty_body.html"), PollError::kHttpStatus},
      {answer(200, "pay_truncated.html"), PollError::kPageChanged},
      {answer(200, "pay_missing_remain.html"), PollError::kPageChanged},
      {answer(200, "pay_gbk.html"), PollError::kPageChanged},
      {answer(200, "pay_ok.html", "19501609995"), PollError::kPageChanged},  // another meter's page
      {timeout, PollError::kTimeout},
      {refused, PollError::kNetwork},
      {reset, PollError::kNetwork},
      {stopped, PollError::kCancelled},
      {huge, PollError::kPageChanged},
  };
  for (const Case& c : cases) {
    INFO("status " << c.fetched.status << " error " << fetch_error_name(c.fetched.error) << " body "
                   << c.fetched.body.size());
    const PollOutcome o = judge(c.fetched, std::nullopt, 50000);
    CHECK(o.error == c.want);
    CHECK_FALSE(o.reading);
    CHECK_FALSE(o.reason.empty());
    CHECK(failure_text(o).rfind(std::string(poll_error_name(c.want)) + ": ", 0) == 0);
  }
}

TEST_CASE("judge rejects a reading that jumps too far from the meter's latest", "[collect]") {
  install_time_zone("Asia/Shanghai");
  const PollOutcome o = judge(answer(200, "pay_ok.html"), reading_of(5236 + 60000), 50000);
  CHECK(o.error == PollError::kRejected);
  CHECK_FALSE(o.reading);
  CHECK(failure_text(o) == "rejected: jump of -600.00 kWh from 652.36 exceeds MAX_JUMP_KWH 500.00");
  CHECK(judge(answer(200, "pay_ok.html"), reading_of(5236 + 60000), 70000).ok());
}

TEST_CASE("failure_text does not repeat a kind the reason starts with", "[collect]") {
  PollOutcome o;
  o.error = PollError::kBlocked;
  o.reason = "blocked: HTTP 405";
  CHECK(failure_text(o) == "blocked: HTTP 405");
  o.error = PollError::kHttpStatus;
  o.reason = "HTTP status 502";
  CHECK(failure_text(o) == "http_status: HTTP status 502");
}

TEST_CASE("readings_of and attempts_of keep order and leave cancelled meters out", "[collect]") {
  PollOutcome a;
  a.meter_no = "A";
  a.attempted_at = 100;
  a.reading = Reading{"A", 100, 1, std::nullopt, std::nullopt};
  PollOutcome b;
  b.meter_no = "B";
  b.attempted_at = 101;
  b.error = PollError::kTimeout;
  b.reason = "slow";
  PollOutcome c;
  c.meter_no = "C";
  c.error = PollError::kCancelled;
  c.reason = "stopped";
  const std::vector<PollOutcome> outcomes = {b, a, c};
  CHECK(readings_of(outcomes) == std::vector<Reading>{*a.reading});
  const auto attempts = attempts_of(outcomes);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].meter_no == "B");
  CHECK(attempts[0].at == 101);
  CHECK(attempts[0].error == "timeout: slow");
  CHECK(attempts[1].meter_no == "A");
  CHECK(attempts[1].at == 100);
  CHECK(attempts[1].error == "");
}

TEST_CASE("fetcher_options maps the configuration's fetch settings", "[collect]") {
  FetchSettings fetch;
  fetch.connect_timeout_s = 3;
  fetch.timeout_s = 9;
  fetch.retries = 4;
  fetch.proxy = "socks5h://127.0.0.1:1080";
  fetch.user_agent = "UA";
  const FetcherOptions o = fetcher_options(fetch, 64, 0);
  CHECK(o.concurrency == 64);
  CHECK(o.max_rps == 0);
  CHECK(o.connect_timeout_ms == 3000);
  CHECK(o.total_timeout_ms == 9000);
  CHECK(o.retries == 4);
  CHECK(o.proxy == "socks5h://127.0.0.1:1080");
  CHECK(o.user_agent == "UA");
  CHECK(fetcher_options(fetch, 0, -1).concurrency == 1);
}
