// The page fetcher against the real simulator binary on loopback.
#include <catch2/catch.hpp>
#include <curl/curl.h>
#include <netinet/in.h>
#include <rapidjson/document.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/fetch/page_fetcher.h"
#include "tests/sim/meter_model.h"
#include "tests/sim/page_render.h"
#include "tests/sim/sim_process.h"

using namespace ebill;
using ebill::test::http_get;
using ebill::test::SimProcess;

namespace {

constexpr std::uint64_t kSeed = 42;
constexpr const char* kStart = "2025-03-07 08:00:00";

// A fetcher that fails fast: short timeouts and backoff, no rate cap.
FetcherOptions quick_settings() {
  FetcherOptions s;
  s.max_rps = 0;
  s.connect_timeout_ms = 1000;
  s.total_timeout_ms = 2000;
  s.backoff_base_ms = 20;
  s.backoff_cap_ms = 100;
  return s;
}

// A simulator with a frozen clock at kStart, so pages are exactly predictable.
SimProcess frozen_sim(std::vector<std::string> extra = {}) {
  std::vector<std::string> flags = {"--seed", std::to_string(kSeed), "--speed", "0", "--start", kStart};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return SimProcess(flags);
}

rapidjson::Document stats(const SimProcess& sim) {
  rapidjson::Document d;
  d.Parse(http_get(sim.url("/_control/stats")).c_str());
  REQUIRE(d.IsObject());
  return d;
}

std::uint64_t requests_for(const SimProcess& sim, const std::string& meter) {
  rapidjson::Document d;
  d.Parse(http_get(sim.url("/_control/stats?mid=" + meter)).c_str());
  REQUIRE(d.IsObject());
  return d["requests"].GetUint64();
}

FetchOutcome fetch_one(const SimProcess& sim, const std::string& meter,
                       FetcherOptions settings = quick_settings()) {
  PageFetcher fetcher(settings);
  return fetcher.fetch({FetchRequest{meter, sim.page_url(meter)}})[0];
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("sim fetch: a healthy page shows the model's values for that time") {
  auto sim = frozen_sim();
  const std::string meter = "19501609994";
  const auto before = std::time(nullptr);
  const FetchOutcome out = fetch_one(sim, meter);
  REQUIRE(out.ok());
  CHECK(out.status == 200);
  CHECK(out.attempts == 1);
  CHECK(out.meter_no == meter);
  CHECK(out.received_at >= before);
  const Reading r = sim::reading_at(kSeed, meter, *parse_datetime(kStart));
  const sim::MeterParams p = sim::params_for(kSeed, meter);
  CHECK(contains(out.body, R"(<label id="metid" style="color:#333;">19501609994</label>)"));
  CHECK(contains(out.body, ">" + p.name + "</label>"));
  CHECK(contains(out.body, "剩余电量:</span><label style=\"color:#f60;\">" +
                               format_hundredths(r.remain) + "</label><span>kWh</span>"));
  CHECK(contains(out.body, "剩余金额:</span><label style=\"color:#f60;\">" +
                               format_hundredths(*r.remain_money) + "</label><span>元 </span>"));
  CHECK(contains(out.body, ">" + sim::format_price(*r.unit_price) + "</label><span>元/kWh</span>"));
  CHECK(requests_for(sim, meter) == 1);
}

TEST_CASE("sim fetch: the simulator gzips for clients that ask") {
  auto sim = frozen_sim();
  // Raw libcurl without decoding, to see the bytes on the wire.
  CURL* e = curl_easy_init();
  std::string raw;
  curl_slist* headers = curl_slist_append(nullptr, "Accept-Encoding: gzip");
  const std::string url = sim.page_url("1001");
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION,
                   +[](char* d, std::size_t s, std::size_t n, void* u) {
                     static_cast<std::string*>(u)->append(d, s * n);
                     return s * n;
                   });
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &raw);
  REQUIRE(curl_easy_perform(e) == CURLE_OK);
  curl_slist_free_all(headers);
  curl_easy_cleanup(e);
  REQUIRE(raw.size() > 2);
  CHECK(static_cast<unsigned char>(raw[0]) == 0x1f);  // gzip magic
  CHECK(static_cast<unsigned char>(raw[1]) == 0x8b);
  // The fetcher asks for gzip and hands back the decoded page.
  const FetchOutcome out = fetch_one(sim, "1001");
  REQUIRE(out.ok());
  CHECK(out.body.starts_with("<!DOCTYPE html>"));
}

TEST_CASE("sim fetch: 500 and 502 are retried, then reported as http_status") {
  auto sim = frozen_sim({"--faults", "500:http500,502:http502"});
  for (const std::string meter : {"1500", "1502"}) {
    const FetchOutcome out = fetch_one(sim, meter);
    CHECK(out.error == FetchError::kHttpStatus);
    CHECK(out.status == std::stol(meter.substr(1)));
    CHECK(out.detail == "HTTP " + meter.substr(1));
    CHECK(out.attempts == 3);  // 1 + 2 retries
    CHECK(requests_for(sim, meter) == 3);
  }
}

TEST_CASE("sim fetch: 405 is not retried") {
  auto sim = frozen_sim({"--faults", "405:http405"});
  const FetchOutcome out = fetch_one(sim, "1405");
  CHECK(out.error == FetchError::kHttpStatus);
  CHECK(out.status == 405);
  CHECK(out.attempts == 1);
  CHECK(requests_for(sim, "1405") == 1);
}

TEST_CASE("sim fetch: a reset connection is a retried network error") {
  auto sim = frozen_sim({"--faults", "7:reset"});
  const FetchOutcome out = fetch_one(sim, "1237");
  CHECK(out.error == FetchError::kNetwork);
  CHECK(out.status == 0);
  CHECK(out.attempts == 3);
  CHECK(requests_for(sim, "1237") == 3);
}

TEST_CASE("sim fetch: a slow answer times out and is retried") {
  auto sim = frozen_sim({"--faults", "8:slow", "--slow-ms", "3000"});
  FetcherOptions s = quick_settings();
  s.total_timeout_ms = 300;
  const FetchOutcome out = fetch_one(sim, "1238", s);
  CHECK(out.error == FetchError::kTimeout);
  CHECK(out.attempts == 3);
  CHECK(requests_for(sim, "1238") == 3);
}

TEST_CASE("sim fetch: a refused connection is a retried connect error") {
  // A port that was free a moment ago and has no listener.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/nat/pay.aspx?mid=1";
  PageFetcher fetcher(quick_settings());
  const FetchOutcome out = fetcher.fetch({FetchRequest{"1", url}})[0];
  CHECK(out.error == FetchError::kConnect);
  CHECK(out.attempts == 3);
}

TEST_CASE("sim fetch: faults inside a 200 page arrive as pages, not retried") {
  auto sim = frozen_sim({"--faults", "1:block,2:truncated,3:garbled,4:nobalance,5:othermeter"});
  PageFetcher fetcher(quick_settings());
  std::vector<FetchRequest> requests;
  for (const std::string m : {"1001", "1002", "1003", "1004", "1005"}) {
    requests.push_back({m, sim.page_url(m)});
  }
  const auto out = fetcher.fetch(requests);
  for (const auto& o : out) {
    CHECK(o.ok());
    CHECK(o.status == 200);
    CHECK(o.attempts == 1);
  }
  CHECK(contains(out[0].body, "<title>安全威胁 - 您的访问已被阻断</title>"));
  CHECK_FALSE(contains(out[1].body, "</html>"));
  CHECK_FALSE(contains(out[1].body, "元/kWh"));
  CHECK(contains(out[1].body, "剩余电量:"));
  CHECK(contains(out[2].body, "\xff"));
  CHECK_FALSE(contains(out[2].body, "剩余电量"));
  CHECK_FALSE(contains(out[3].body, "剩余电量"));
  CHECK(contains(out[3].body, "剩余金额"));
  CHECK(contains(out[4].body, R"(<label id="metid" style="color:#333;">1006</label>)"));
  CHECK_FALSE(contains(out[4].body, ">1005<"));
}

TEST_CASE("sim fetch: the control endpoint sets and clears a meter's fault") {
  auto sim = frozen_sim();
  CHECK(contains(http_get(sim.url("/_control/fault?mid=2001&mode=http502")), R"("mode":"http502")"));
  CHECK(contains(http_get(sim.url("/_control/fault?mid=2001")), R"("mode":"http502")"));
  CHECK(fetch_one(sim, "2001").status == 502);
  CHECK(fetch_one(sim, "2002").ok());  // other meters stay healthy
  http_get(sim.url("/_control/fault?mid=2001&mode=none"));
  CHECK(fetch_one(sim, "2001").ok());
  http_get(sim.url("/_control/fault?mode=http405"));  // global
  CHECK(fetch_one(sim, "2002").status == 405);
}

TEST_CASE("sim fetch: a body over the limit fails as too_large without retry") {
  auto sim = frozen_sim();
  FetcherOptions s = quick_settings();
  s.max_body_bytes = 500;  // the page is about 2 KB
  const FetchOutcome out = fetch_one(sim, "3001", s);
  CHECK(out.error == FetchError::kTooLarge);
  CHECK(out.attempts == 1);
}

TEST_CASE("sim fetch: no more transfers in flight than the concurrency setting") {
  auto sim = frozen_sim({"--latency-ms", "100"});
  FetcherOptions s = quick_settings();
  s.concurrency = 4;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 24; ++i) {
    const std::string m = std::to_string(4000 + i);
    requests.push_back({m, sim.page_url(m)});
  }
  PageFetcher fetcher(s);
  int callbacks = 0;
  const auto out = fetcher.fetch(requests, nullptr, [&](const FetchOutcome& o) {
    CHECK(o.ok());
    ++callbacks;
  });
  CHECK(callbacks == 24);
  for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].meter_no == requests[i].meter_no);
  const auto st = stats(sim);
  CHECK(st["total"].GetUint64() == 24);
  CHECK(st["max_concurrent"].GetInt() <= 4);
  CHECK(st["max_concurrent"].GetInt() >= 2);
}

TEST_CASE("sim fetch: the per-host rate cap spaces request starts") {
  auto sim = frozen_sim();
  FetcherOptions s = quick_settings();
  s.max_rps = 10;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 6; ++i) {
    const std::string m = std::to_string(5000 + i);
    requests.push_back({m, sim.page_url(m)});
  }
  PageFetcher fetcher(s);
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = fetcher.fetch(requests);
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  for (const auto& o : out) CHECK(o.ok());
  // 6 starts at most 10 per second: at least 5 gaps of 100 ms.
  CHECK(elapsed >= std::chrono::milliseconds(500));
}

TEST_CASE("sim fetch: the stop flag abandons in-flight transfers promptly") {
  auto sim = frozen_sim({"--fault", "slow", "--slow-ms", "20000"});
  FetcherOptions s = quick_settings();
  s.total_timeout_ms = 15000;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 20; ++i) {
    const std::string m = std::to_string(6000 + i);
    requests.push_back({m, sim.page_url(m)});
  }
  PageFetcher fetcher(s);
  std::atomic<bool> stop{false};
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
  });
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = fetcher.fetch(requests, &stop);
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  stopper.join();
  for (const auto& o : out) CHECK(o.error == FetchError::kCancelled);
  CHECK(out[0].attempts == 1);        // was in flight
  CHECK(out[19].attempts == 0);       // never started (8 slots)
  CHECK(elapsed < std::chrono::seconds(2));  // vs. a 15 s transfer timeout
}

TEST_CASE("sim fetch: 10,000 distinct meters are served") {
  auto sim = frozen_sim();
  FetcherOptions s = quick_settings();
  s.concurrency = 32;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 10000; ++i) {
    const std::string m = std::to_string(19500000000LL + i);
    requests.push_back({m, sim.page_url(m)});
  }
  PageFetcher fetcher(s);
  const auto out = fetcher.fetch(requests);
  int ok = 0;
  for (const auto& o : out) ok += o.ok() && o.attempts == 1 ? 1 : 0;
  CHECK(ok == 10000);
  const LocalSeconds t = *parse_datetime(kStart);
  for (int i : {0, 4321, 9999}) {
    const Reading r = sim::reading_at(kSeed, requests[i].meter_no, t);
    CHECK(contains(out[i].body, ">" + requests[i].meter_no + "</label>"));
    CHECK(contains(out[i].body, ">" + format_hundredths(r.remain) + "</label><span>kWh"));
  }
  const auto st = stats(sim);
  CHECK(st["total"].GetUint64() == 10000);
  CHECK(st["meters"].MemberCount() == 10000);
}

TEST_CASE("sim: the clock runs --speed times faster than real time") {
  SimProcess sim({"--speed", "3600", "--start", kStart});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  rapidjson::Document d;
  d.Parse(http_get(sim.url("/_control/time")).c_str());
  REQUIRE(d.IsObject());
  const auto now = parse_datetime(d["now"].GetString());
  REQUIRE(now);
  // At least 1.1 real seconds * 3600 = 66 simulated minutes have passed.
  CHECK(*now >= *parse_datetime(kStart) + 3960);
}

TEST_CASE("sim: the history command prints the model's readings as CSV") {
  const std::string csv = test::run_sim_command(
      {"history", "--meters", "11,22", "--days", "1", "--interval", "3600", "--seed", "5",
       "--end", "2025-03-02 00:30:00"});
  // End floored to 2025-03-02 00:00; 25 hourly times from 2025-03-01 00:00.
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = csv.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(csv.substr(start, nl - start));
  }
  REQUIRE(lines.size() == 1 + 25 * 2);
  const Reading r = sim::reading_at(5, "22", *parse_datetime("2025-03-01 00:00:00"));
  CHECK(lines[2] == "22,2025-03-01 00:00:00," + format_hundredths(r.remain) + "," +
                        format_hundredths(*r.remain_money) + "," + format_fixed(*r.unit_price, 4));
  CHECK(lines.back().starts_with("22,2025-03-02 00:00:00,"));
}

TEST_CASE("sim fetch: up to 5 redirects are followed, more are an error") {
  auto sim = frozen_sim();
  PageFetcher fetcher(quick_settings());
  const auto out = fetcher.fetch({{"7001", sim.url("/_control/redirect?mid=7001&hops=5")},
                                  {"7002", sim.url("/_control/redirect?mid=7002&hops=6")}});
  CHECK(out[0].ok());
  CHECK(contains(out[0].body, R"(<label id="metid" style="color:#333;">7001</label>)"));
  CHECK(out[1].error == FetchError::kHttpStatus);
  CHECK(out[1].status == 302);
  CHECK(out[1].attempts == 1);
  CHECK(requests_for(sim, "7002") == 0);
}

TEST_CASE("sim fetch: requests go through the configured proxy") {
  auto sim = frozen_sim();
  FetcherOptions s = quick_settings();
  s.proxy = sim.url("");
  PageFetcher fetcher(s);
  // The real site's name does not resolve here: only the proxy can answer.
  const auto out = fetcher.fetch({{"8001", "http://www.wap.cnyiot.com/nat/pay.aspx?mid=8001"}});
  REQUIRE(out[0].ok());
  CHECK(contains(out[0].body, R"(<label id="metid" style="color:#333;">8001</label>)"));
  CHECK(requests_for(sim, "8001") == 1);
}

TEST_CASE("sim fetch: a proxy's password never reaches the error text") {
  FetcherOptions s = quick_settings();
  s.retries = 0;
  for (const std::string proxy : {"http://ebill:pa#ss-Secret9@127.0.0.1:1",
                                  "http://ebill:Secret9-pw@127.0.0.1:1"}) {
    INFO(proxy);
    s.proxy = proxy;
    PageFetcher fetcher(s);
    const auto out = fetcher.fetch({{"8002", "http://www.wap.cnyiot.com/nat/pay.aspx?mid=8002"}});
    REQUIRE_FALSE(out[0].ok());
    INFO(out[0].detail);
    CHECK_FALSE(out[0].detail.empty());
    CHECK_FALSE(contains(out[0].detail, "Secret9"));
  }
}

TEST_CASE("sim fetch: retries wait out an exponential backoff") {
  auto sim = frozen_sim({"--faults", "500:http500"});
  FetcherOptions s = quick_settings();
  s.backoff_base_ms = 200;
  s.backoff_cap_ms = 5000;
  const auto t0 = std::chrono::steady_clock::now();
  const FetchOutcome out = fetch_one(sim, "1500", s);
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  CHECK(out.attempts == 3);
  // Equal jitter: the first wait is at least 200/2 ms, the second at least 400/2.
  CHECK(elapsed >= std::chrono::milliseconds(300));
}
