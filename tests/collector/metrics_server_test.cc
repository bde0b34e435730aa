// The collector's /metrics endpoint in process, on the common server core:
// what it answers, and that a silent client neither blocks others nor stays.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <vector>

#include "collector/metrics_server.h"
#include "tests/support/eventually.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace std::chrono_literals;

TEST_CASE("/metrics answers GET and HEAD, refuses other methods, and cuts silent clients") {
  collector::Metrics metrics;
  metrics.set_spool_depth(7);
  auto server = collector::MetricsServer::start("127.0.0.1", 0, metrics);
  REQUIRE(server.ok());
  const int port = (*server)->port();

  test::Connection silent(port);  // connects, never sends a request
  auto r = test::get(port, "/metrics");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(r.body.find("ebill_collector_spool_depth 7\n") != std::string::npos);
  auto head = test::request(port, "HEAD", "/metrics");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  auto post = test::request(port, "POST", "/metrics", {}, "x");
  CHECK(post.status == 405);
  CHECK(post.header("Allow") == "GET, HEAD");

  // Keep-alive: two scrapes on one connection.
  test::Connection scraper(port);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(scraper.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto s = scraper.read_response();
    REQUIRE(s);
    CHECK(s->status == 200);
  }
  CHECK(silent.closed_within(10s));  // the 5 s read deadline
}

TEST_CASE("/metrics holds at most 16 connections and serves again once one closes") {
  collector::Metrics metrics;
  auto server = collector::MetricsServer::start("127.0.0.1", 0, metrics);
  REQUIRE(server.ok());
  const int port = (*server)->port();
  std::vector<std::unique_ptr<test::Connection>> open;
  for (int i = 0; i < 16; ++i) {
    open.push_back(std::make_unique<test::Connection>(port));
    REQUIRE(open.back()->send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(open.back()->read_response());
  }
  test::Connection seventeenth(port);
  CHECK(seventeenth.closed_within(2s));
  open.pop_back();
  CHECK(test::eventually([&] {
    test::Connection c(port);
    return c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") &&
           c.read_response(false, 200ms).has_value();
  }));
}

TEST_CASE("a port already taken fails with a line naming METRICS_PORT") {
  collector::Metrics metrics;
  auto first = collector::MetricsServer::start("127.0.0.1", 0, metrics);
  REQUIRE(first.ok());
  auto second = collector::MetricsServer::start("127.0.0.1", (*first)->port(), metrics);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().rfind("METRICS_PORT: cannot listen on 127.0.0.1:", 0) == 0);
}
