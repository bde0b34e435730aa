// An in-process server with a streaming route: chunked answers driven by a
// producer, HEAD, a producer that fails midway, and stop().
#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>

#include "api/server/app.h"
#include "api/server/server.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::api;

namespace {

// Lines "row 0\n" .. "row N-1\n", one chunk each.
Response counting_stream(int rows) {
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  auto next = std::make_shared<int>(0);
  r.stream = [next, rows](std::string& chunk) {
    if (*next >= rows) return false;
    chunk = "row " + std::to_string((*next)++) + "\n";
    return true;
  };
  return r;
}

struct RunningServer {
  explicit RunningServer(ApiServerSettings s) : settings(std::move(s)), app(settings) {
    app.router().get("/stream", [](const Request& req) {
      return counting_stream(std::stoi(req.param("rows").value_or("3")));
    });
    app.router().get("/broken", [](const Request&) {
      Response r;
      auto calls = std::make_shared<int>(0);
      r.stream = [calls](std::string& chunk) -> bool {
        if ((*calls)++ == 2) throw std::runtime_error("cursor lost");
        chunk = "partial\n";
        return true;
      };
      return r;
    });
    server = std::make_unique<http::Server>(server_options(settings), handler);
    auto p = server->listen();
    REQUIRE(p);
    port = *p;
    thread = std::thread([this] { server->run(); });
  }
  ~RunningServer() {
    server->stop();
    thread.join();
    workers.stop(std::chrono::seconds(5));
  }
  ApiServerSettings settings;
  App app;
  Workers workers{settings};
  AppHandler handler{app, workers};
  std::unique_ptr<http::Server> server;
  int port = 0;
  std::thread thread;
};

ApiServerSettings loopback() {
  ApiServerSettings s;
  s.host = "127.0.0.1";
  s.port = 0;
  s.threads = 2;
  s.web_root = "";
  return s;
}

}  // namespace

TEST_CASE("a streaming route answers chunked, keeps the connection, and HEAD sends no body") {
  RunningServer srv(loopback());
  test::Connection c(srv.port);
  REQUIRE(c.send("GET /stream?rows=1000 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = c.read_response();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->chunked);
  CHECK(r->header("Content-Type") == "text/csv; charset=utf-8");
  std::string expected;
  for (int i = 0; i < 1000; ++i) expected += "row " + std::to_string(i) + "\n";
  CHECK(r->body == expected);
  REQUIRE(c.send("GET /stream?rows=0 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto empty = c.read_response();
  REQUIRE(empty);
  CHECK(empty->body.empty());
  REQUIRE(c.send("HEAD /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = c.read_response(true);
  REQUIRE(head);
  CHECK(head->header("Transfer-Encoding") == "chunked");
  auto after = c.read_response();
  REQUIRE(after);
  CHECK(after->body == "{\"status\":\"ok\"}");
}

TEST_CASE("a producer that throws midway cuts the connection instead of ending the body") {
  RunningServer srv(loopback());
  test::Connection c(srv.port);
  REQUIRE(c.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK_FALSE(c.read_response());  // no terminating chunk ever arrives
  CHECK(test::get(srv.port, "/healthz").status == 200);
}

TEST_CASE("stop() ends run() with idle keep-alive connections open") {
  auto srv = std::make_unique<RunningServer>(loopback());
  test::Connection c(srv->port);
  REQUIRE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(c.read_response());
  auto t0 = std::chrono::steady_clock::now();
  srv.reset();  // stop() + join
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
  CHECK(c.closed_within(std::chrono::milliseconds(500)));
}

