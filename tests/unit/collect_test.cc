// The pure parts of the shared poll pipeline (common/collect): URLs, the
// judgement of one fetched answer, plausibility, failure texts, the mapping
// of settings to fetcher options.
#include <catch2/catch.hpp>

#include <ctime>

#include "common/collect/fetcher_from_config.h"
#include "common/collect/judge.h"
#include "common/collect/level_confirmation.h"
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

namespace {

// What judge() gives for `remain` at `at` against the stored level `stored`.
PollOutcome judged(LocalSeconds at, Hundredths remain, Hundredths stored) {
  PollOutcome o;
  o.meter_no = kMeter;
  o.attempted_at = at;
  const Reading r{kMeter, at, remain, std::nullopt, std::nullopt};
  const std::string why = jump_beyond(r, reading_of(stored), 50000);
  if (why.empty()) {
    o.reading = r;
  } else {
    o.error = PollError::kRejected;
    o.reason = why;
    o.jumped = r;
  }
  return o;
}

PollOutcome failed_with(PollError error, std::string reason) {
  PollOutcome o;
  o.meter_no = kMeter;
  o.error = error;
  o.reason = std::move(reason);
  return o;
}

PollOutcome reviewed(LevelConfirmation& levels, PollOutcome o) {
  std::vector<PollOutcome> one = {std::move(o)};
  levels.review(one);
  return one.front();
}

}  // namespace

TEST_CASE("judge marks a reading rejected for its jump alone as a candidate", "[collect]") {
  install_time_zone("Asia/Shanghai");
  const PollOutcome o = judge(answer(200, "pay_ok.html"), reading_of(5236 + 60000), 50000);
  REQUIRE(o.jumped);
  CHECK(o.jumped->remain == 5236);
  CHECK(o.jumped->collected_at == o.attempted_at);
  CHECK_FALSE(judge(answer(200, "pay_ok.html"), reading_of(5236), 50000).jumped);
}

TEST_CASE("one large genuine jump is accepted after 3 agreeing readings", "[collect]") {
  // Stored level 100.00; a 700.00 top-up: 800.00, 799.90, 799.80.
  LevelConfirmation levels(3, 50000);
  PollOutcome first = reviewed(levels, judged(1000, 80000, 10000));
  CHECK(first.error == PollError::kRejected);
  CHECK(failure_text(first) == "rejected: jump of 700.00 kWh from 100.00 exceeds MAX_JUMP_KWH"
                               " 500.00 (1 of 3 readings at the new level)");
  // A failed poll in between neither adds nor drops.
  CHECK(reviewed(levels, failed_with(PollError::kTimeout, "slow")).error == PollError::kTimeout);
  CHECK(levels.held(kMeter) == 1);
  CHECK(reviewed(levels, judged(1300, 79990, 10000)).reason.ends_with("(2 of 3 readings at the new level)"));
  const PollOutcome third = reviewed(levels, judged(1600, 79980, 10000));
  REQUIRE(third.ok());
  CHECK(third.reading->remain == 79980);
  REQUIRE(third.confirmed.size() == 2);
  CHECK(third.confirmed[0] == Reading{kMeter, 1000, 80000, std::nullopt, std::nullopt});
  CHECK(third.confirmed[1].remain == 79990);
  CHECK(third.note == "accepted new level 799.80 kWh after 3 agreeing readings (jump of 699.80"
                      " kWh from 100.00 exceeds MAX_JUMP_KWH 500.00)");
  CHECK(levels.held(kMeter) == 0);
  // Stored in order, and meter_status keeps the note.
  const std::vector<Reading> stored = readings_of({third});
  REQUIRE(stored.size() == 3);
  CHECK(stored[0].collected_at == 1000);
  CHECK(stored[2].collected_at == 1600);
  CHECK(attempts_of({third}).front().note == third.note);
  CHECK(attempts_of({third}).front().error.empty());
}

TEST_CASE("readings that disagree, or a return to the stored level, restart the count", "[collect]") {
  LevelConfirmation levels(3, 50000);
  reviewed(levels, judged(1000, 80000, 10000));
  reviewed(levels, judged(1300, 79990, 10000));
  // 1300.00 is a jump from the stored level too, but 500.10 from the last
  // candidate: it starts again on its own.
  CHECK(reviewed(levels, judged(1600, 130000, 10000)).reason.ends_with("(1 of 3 readings at the new level)"));
  CHECK(levels.held(kMeter) == 1);
  // Back near the stored level: accepted as usual, the candidates dropped.
  CHECK(reviewed(levels, judged(1900, 9990, 10000)).ok());
  CHECK(levels.held(kMeter) == 0);
  // An impossible reading is never a candidate.
  CHECK(reviewed(levels, failed_with(PollError::kRejected, "negative remaining -0.01 kWh")).error ==
        PollError::kRejected);
  CHECK(levels.held(kMeter) == 0);
  // Readings that keep jumping around never get accepted.
  for (int k = 0; k < 10; ++k) {
    const PollOutcome o = reviewed(levels, judged(2000 + k, k % 2 == 0 ? 80000 : 160000, 10000));
    CHECK_FALSE(o.ok());
  }
}
