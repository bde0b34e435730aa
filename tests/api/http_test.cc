// The real ebill-api on loopback: routing, errors, limits, timeouts,
// keep-alive, CORS, metrics and the access log.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <regex>
#include <string>
#include <thread>

#include "tests/api/support/api_process.h"
#include "tests/support/http_client.h"

using namespace ebill::test;
using ebill::api::Field;

namespace {
// Answers are counted and logged just after they are written, so a test
// that has its answer waits a moment for the bookkeeping (eventually()).

std::string get_request(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}
}  // namespace

TEST_CASE("healthz answers ok JSON") {
  ApiProcess api;
  auto r = get(api.port(), "/healthz");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.body == "{\"status\":\"ok\"}");
}

TEST_CASE("unknown paths are 404 JSON, malformed escapes 400") {
  ApiProcess api;
  auto r = get(api.port(), "/no/such/path?x=1");
  CHECK(r.status == 404);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.body == "{\"error\":\"not_found\",\"detail\":\"no such path: /no/such/path\"}");
  auto bad = get(api.port(), "/healthz?date=%zz");
  CHECK(bad.status == 400);
  CHECK(bad.body == "{\"error\":\"bad_request\",\"detail\":\"malformed request target\"}");
  CHECK(get(api.port(), "/healthz%").status == 400);
}

TEST_CASE("other methods on a known path are 405 with Allow") {
  ApiProcess api;
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    auto r = request(api.port(), method, "/healthz");
    CHECK(r.status == 405);
    CHECK(r.header("Allow") == "GET, HEAD, OPTIONS");
    CHECK(r.body == std::string("{\"error\":\"method_not_allowed\",\"detail\":\"") + method +
                        " is not allowed on /healthz\"}");
  }
}

TEST_CASE("HEAD answers like GET without a body") {
  ApiProcess api;
  auto g = get(api.port(), "/healthz");
  auto h = request(api.port(), "HEAD", "/healthz");
  CHECK(h.status == 200);
  CHECK(h.body.empty());
  CHECK(h.header("Content-Length") == std::to_string(g.body.size()));
  CHECK(h.header("Content-Type") == g.header("Content-Type"));
  // A HEAD on a keep-alive connection leaves no stray body bytes behind.
  Connection c(api.port());
  REQUIRE(c.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + get_request("/healthz")));
  auto first = c.read_response(true);
  REQUIRE(first);
  CHECK(first->body.empty());
  auto second = c.read_response();
  REQUIRE(second);
  CHECK(second->body == "{\"status\":\"ok\"}");
}

TEST_CASE("OPTIONS answers 204 with Allow on known paths, 404 elsewhere") {
  ApiProcess api;
  auto r = request(api.port(), "OPTIONS", "/metrics");
  CHECK(r.status == 204);
  CHECK(r.header("Allow") == "GET, HEAD, OPTIONS");
  CHECK_FALSE(r.header("Access-Control-Allow-Origin"));
  CHECK(request(api.port(), "OPTIONS", "/nothing").status == 404);
}

TEST_CASE("handler exceptions become 500 JSON with a log line, HttpError its own status") {
  ApiProcess api;
  auto r = get(api.port(), "/test/throw");
  CHECK(r.status == 500);
  CHECK(r.body == "{\"error\":\"internal\",\"detail\":\"the server failed to answer this request\"}");
  auto u = get(api.port(), "/test/unavailable");
  CHECK(u.status == 503);
  CHECK(u.body == "{\"error\":\"database_unavailable\",\"detail\":\"the database does not answer\"}");
  CHECK_THAT(api.log(), Catch::Contains("ERROR api: GET /test/throw failed: test route failure"));
  CHECK(get(api.port(), "/healthz").status == 200);
}

TEST_CASE("the production binary has no test routes, whatever the environment says") {
  ApiProcess api({{"EBILL_API_TEST_ROUTES", "1"}}, ApiBuild::kProduction);
  for (const char* path : {"/test/slow?ms=0", "/test/throw", "/test/unavailable"}) {
    auto r = get(api.port(), path);
    CHECK(r.status == 404);
    CHECK(r.body.find("\"not_found\"") != std::string::npos);
  }
  CHECK(get(api.port(), "/healthz").status == 200);
  ApiProcess test_build;
  CHECK(get(test_build.port(), "/test/slow?ms=0").body == "{\"slept_ms\":0}");
}

TEST_CASE("headers beyond 16 KiB are refused with 431") {
  ApiProcess api;
  Connection c(api.port());
  std::string big(17000, 'a');
  REQUIRE(c.send(get_request("/healthz", "X-Big: " + big + "\r\n")));
  auto r = c.read_response();
  REQUIRE(r);
  CHECK(r->status == 431);
  CHECK(r->body == "{\"error\":\"header_too_large\",\"detail\":\"request headers exceed the limit\"}");
  CHECK(c.closed_within(std::chrono::seconds(3)));
  // Just under the limit still works.
  auto ok = get(api.port(), "/healthz", {{"X-Big", std::string(15000, 'b')}});
  CHECK(ok.status == 200);
}

TEST_CASE("bodies beyond 64 KiB are refused with 413") {
  ApiProcess api;
  {
    Connection c(api.port());
    REQUIRE(c.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" +
                   std::string(1000, 'x')));
    auto r = c.read_response();
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(r->body == "{\"error\":\"body_too_large\",\"detail\":\"request body exceeds the limit\"}");
  }
  {
    // Chunked bodies are counted as they arrive.
    Connection c(api.port());
    std::string chunk(40000, 'y');
    char size[16];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    std::string msg = "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    msg += std::string(size) + "\r\n" + chunk + "\r\n" + size + "\r\n" + chunk + "\r\n0\r\n\r\n";
    c.send(msg);
    auto r = c.read_response();
    REQUIRE(r);
    CHECK(r->status == 413);
  }
  // A body within the limit reaches the router (405 here: /healthz is GET only).
  CHECK(request(api.port(), "POST", "/healthz", {}, std::string(60000, 'z')).status == 405);
}

TEST_CASE("a client that never finishes its headers is cut off after the header timeout") {
  ApiProcess api(Env{{"EBILL_API_TEST_HEADER_TIMEOUT_MS", "300"}});
  Connection idle(api.port());  // sends nothing at all
  Connection slow(api.port());
  REQUIRE(slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  REQUIRE(slow.send("X-Slow: 1\r\n"));
  CHECK(slow.closed_within(std::chrono::seconds(3)));
  CHECK(idle.closed_within(std::chrono::seconds(3)));
  CHECK(get(api.port(), "/healthz").status == 200);
}

TEST_CASE("keep-alive serves several requests on one connection, idle ones close") {
  ApiProcess api(Env{{"EBILL_API_TEST_IDLE_TIMEOUT_MS", "400"}});
  Connection c(api.port());
  for (int i = 0; i < 5; ++i) {
    REQUIRE(c.send(get_request(i % 2 ? "/healthz" : "/nope")));
    auto r = c.read_response();
    REQUIRE(r);
    CHECK(r->status == (i % 2 ? 200 : 404));
  }
  // Pipelined: two requests in one write, two answers in order.
  REQUIRE(c.send(get_request("/healthz") + get_request("/missing")));
  auto a = c.read_response();
  auto b = c.read_response();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->status == 200);
  CHECK(b->status == 404);
  // After the idle timeout the server closes the connection.
  CHECK(c.closed_within(std::chrono::seconds(3)));
  // "Connection: close" is honoured.
  Connection d(api.port());
  REQUIRE(d.send(get_request("/healthz", "Connection: close\r\n")));
  auto r = d.read_response();
  REQUIRE(r);
  CHECK(r->header("Connection") == "close");
  CHECK(d.closed_within(std::chrono::seconds(2)));
}

TEST_CASE("CORS is off unless CORS_ORIGINS names the origin") {
  {
    ApiProcess api;
    auto r = get(api.port(), "/healthz", {{"Origin", "https://a.example"}});
    CHECK_FALSE(r.header("Access-Control-Allow-Origin"));
  }
  ApiProcess api(Env{{"CORS_ORIGINS", "https://a.example, https://b.example"}});
  auto ok = get(api.port(), "/healthz", {{"Origin", "https://b.example"}});
  CHECK(ok.header("Access-Control-Allow-Origin") == "https://b.example");
  CHECK(ok.header("Vary") == "Origin");
  auto other = get(api.port(), "/healthz", {{"Origin", "https://evil.example"}});
  CHECK_FALSE(other.header("Access-Control-Allow-Origin"));
  auto pre = request(api.port(), "OPTIONS", "/healthz",
                     {{"Origin", "https://a.example"}, {"Access-Control-Request-Method", "GET"}});
  CHECK(pre.status == 204);
  CHECK(pre.header("Access-Control-Allow-Origin") == "https://a.example");
  CHECK(pre.header("Access-Control-Allow-Methods") == "GET, HEAD, POST, OPTIONS");
  CHECK(pre.header("Access-Control-Allow-Headers") == "Authorization, Content-Type");
}

TEST_CASE("metrics count requests by route and status") {
  ApiProcess api;
  for (int i = 0; i < 3; ++i) CHECK(get(api.port(), "/healthz").status == 200);
  CHECK(get(api.port(), "/absent").status == 404);
  CHECK(request(api.port(), "POST", "/healthz").status == 405);
  HttpResponse m;
  // Five requests finished before the first poll; each earlier poll adds one
  // and the current /metrics is still in flight.
  int polls = 0;
  CHECK(eventually([&] {
    m = get(api.port(), "/metrics");
    std::string count = "ebill_api_request_duration_seconds_count " + std::to_string(5 + polls++) + "\n";
    return m.body.find(count) != std::string::npos;
  }));
  CHECK(m.status == 200);
  CHECK(m.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  CHECK_THAT(m.body, Catch::Contains("ebill_api_requests_total{route=\"/healthz\",status=\"200\"} 3\n"));
  CHECK_THAT(m.body, Catch::Contains("ebill_api_requests_total{route=\"/healthz\",status=\"405\"} 1\n"));
  CHECK_THAT(m.body, Catch::Contains("ebill_api_requests_total{route=\"not_found\",status=\"404\"} 1\n"));
  CHECK_THAT(m.body, Catch::Contains("ebill_api_requests_in_flight 1\n"));
  CHECK_THAT(m.body, Catch::Contains("ebill_api_database_errors_total 0\n"));
}

TEST_CASE("one access-log line per request, without the token") {
  ApiProcess api;
  CHECK(get(api.port(), "/healthz?token=hunter2&x=1").status == 200);
  CHECK(get(api.port(), "/nope").status == 404);
  CHECK(request(api.port(), "HEAD", "/healthz").status == 200);
  std::string log;
  CHECK(eventually([&] {
    log = api.log();
    return log.find("HEAD /healthz 200") != std::string::npos &&
           log.find("GET /nope 404") != std::string::npos &&
           log.find("GET /healthz?x=1 200") != std::string::npos;
  }));
  CHECK(log.find("hunter2") == std::string::npos);
  std::regex line(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ INFO api: (\S+) (\S+) (\d{3}) \d+\.\dms)");
  std::vector<std::string> seen;
  for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) {
    seen.push_back((*it)[1].str() + " " + (*it)[2].str() + " " + (*it)[3].str());
  }
  // Lines are written once each answer is out, so their order may vary.
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"GET /healthz?x=1 200", "GET /nope 404", "HEAD /healthz 200"});
}

TEST_CASE("SIGTERM lets an in-flight request finish and exits 0 within 5 s") {
  ApiProcess api;
  Connection idle(api.port());  // an idle keep-alive connection must not hold the stop
  REQUIRE(idle.send(get_request("/healthz")));
  REQUIRE(idle.read_response());
  Connection slow(api.port());
  REQUIRE(slow.send(get_request("/test/slow?ms=1500")));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the handler is sleeping now
  auto t0 = std::chrono::steady_clock::now();
  api.signal(SIGTERM);
  auto r = slow.read_response();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "{\"slept_ms\":1500}");
  CHECK(r->header("Connection") == "close");
  auto rc = api.wait_exit(std::chrono::seconds(5));
  CHECK(rc == std::optional<int>(0));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  CHECK(idle.closed_within(std::chrono::milliseconds(100)));
  CHECK_THAT(api.log(), Catch::Contains("api: stopped"));
}

TEST_CASE("SIGINT on an idle server exits 0 promptly") {
  ApiProcess api;
  CHECK(get(api.port(), "/healthz").status == 200);
  api.signal(SIGINT);
  CHECK(api.wait_exit(std::chrono::seconds(5)) == std::optional<int>(0));
}

TEST_CASE("garbage and invalid HTTP never crash the server") {
  ApiProcess api;
  std::vector<std::string> bad = {
      "\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "G\x01T / HTTP/1.1\r\n\r\n",
      "GET /\x7f HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
      "GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
      "GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551616\r\n\r\n",
  };
  std::uint32_t seed = 12345;
  auto next = [&seed] { seed = seed * 1103515245u + 12345u; return seed >> 8; };
  for (int i = 0; i < 300; ++i) {
    std::string bytes;
    if (i < static_cast<int>(bad.size())) {
      bytes = bad[static_cast<std::size_t>(i)];
    } else {
      std::size_t n = 1 + next() % 600;
      for (std::size_t k = 0; k < n; ++k) bytes.push_back(static_cast<char>(next() & 0xff));
      if (i % 3 == 0) bytes = "GET /" + bytes + " HTTP/1.1\r\n\r\n";
    }
    Connection c(api.port());
    c.send(bytes);
    auto r = c.read_response(false, std::chrono::milliseconds(500));
    if (r) CHECK(r->status < 500);
  }
  auto h = get(api.port(), "/healthz");
  CHECK(h.status == 200);
  CHECK(api.wait_exit(std::chrono::milliseconds(1)) == std::nullopt);
}

TEST_CASE("bad settings stop with one line naming the setting and exit 2") {
  auto [rc, err] = run_api_expecting_exit({{"PORT", "abc"}});
  CHECK(rc == 2);
  CHECK(err == "ebill-api: PORT: must be a whole number from 0 to 65535 (got \"abc\")\n");
  auto [rc2, err2] = run_api_expecting_exit({{"API_THREADS", "0"}});
  CHECK(rc2 == 2);
  CHECK(err2 == "ebill-api: API_THREADS: must be a whole number from 1 to 256 (got \"0\")\n");
}

TEST_CASE("a handler stuck past the stop timeout does not keep the process alive") {
  ApiProcess api;
  Connection stuck(api.port());
  REQUIRE(stuck.send(get_request("/test/slow?ms=9000")));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto t0 = std::chrono::steady_clock::now();
  api.signal(SIGTERM);
  CHECK(api.wait_exit(std::chrono::seconds(8)) == std::optional<int>(0));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  CHECK_THAT(api.log(), Catch::Contains("api: stop timeout, closing busy connections"));
}
