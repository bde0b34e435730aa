// The common HTTP server core on loopback with a small handler: answers that
// come later from another thread, the connection cap, the header deadline,
// unreadable requests and a graceful stop with a request in flight.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/http/server.h"
#include "tests/support/eventually.h"
#include "tests/support/http_client.h"
#include "tests/support/stderr_capture.h"

using namespace ebill;
using namespace std::chrono_literals;

namespace {

// Echoes the target. "/later?ms" answers from another thread after 200 ms.
class EchoHandler : public http::Handler {
 public:
  ~EchoHandler() override {
    std::lock_guard lock(mu_);
    for (auto& t : workers_) t.join();
  }

  void handle(http::Request& request, http::Reply reply) override {
    ++handled;
    http::Response r;
    r.content_type = "text/plain";
    r.body = request.method + " " + request.target;
    if (request.target.rfind("/later", 0) != 0) return reply(std::move(r));
    std::lock_guard lock(mu_);
    workers_.emplace_back([reply, r]() mutable {
      std::this_thread::sleep_for(200ms);
      reply(std::move(r));
    });
  }

  http::Response reject(const http::Request&, int status, std::string_view error,
                        std::string_view) override {
    http::Response r;
    r.status = status;
    r.content_type = "text/plain";
    r.body = std::string(error);
    return r;
  }

  void finished(const http::Request&, const http::Response& response,
                std::chrono::nanoseconds) override {
    std::lock_guard lock(mu_);
    statuses.push_back(response.status);
  }

  std::vector<int> finished_statuses() {
    std::lock_guard lock(mu_);
    return statuses;
  }

  std::atomic<int> handled{0};

 private:
  std::mutex mu_;
  std::vector<std::thread> workers_;
  std::vector<int> statuses;
};

struct RunningServer {
  explicit RunningServer(http::Limits limits) {
    http::ServerOptions o;
    o.name = "test";
    o.threads = 2;
    o.limits = limits;
    server = std::make_unique<http::Server>(o, handler);
    auto p = server->listen();
    REQUIRE(p.ok());
    port = *p;
    thread = std::thread([this] { server->run(); });
  }
  ~RunningServer() {
    server->stop();
    if (thread.joinable()) thread.join();
  }
  EchoHandler handler;
  std::unique_ptr<http::Server> server;
  int port = 0;
  std::thread thread;
};

std::string get_request(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

}  // namespace

TEST_CASE("an answer given later from another thread reaches the client, and the connection goes on") {
  RunningServer srv(http::Limits{});
  test::Connection c(srv.port);
  REQUIRE(c.send(get_request("/later?1")));
  auto first = c.read_response();
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK(first->body == "GET /later?1");
  REQUIRE(c.send(get_request("/now")));
  auto second = c.read_response();
  REQUIRE(second);
  CHECK(second->body == "GET /now");
  // finished() runs once the write completed: maybe after the client read it.
  CHECK(test::eventually([&] { return srv.handler.finished_statuses().size() == 2; }));
  CHECK(srv.handler.finished_statuses() == std::vector<int>{200, 200});
}

TEST_CASE("connections beyond the cap are closed at once, and a freed place admits again") {
  http::Limits limits;
  limits.max_connections = 2;
  test::StderrCapture log;
  RunningServer srv(limits);
  auto a = std::make_unique<test::Connection>(srv.port);
  test::Connection b(srv.port);
  for (test::Connection* c : {a.get(), &b}) {
    REQUIRE(c->send(get_request("/open")));
    REQUIRE(c->read_response());  // admitted and kept alive
  }
  test::Connection refused(srv.port);
  CHECK(refused.closed_within(2s));
  CHECK(srv.handler.handled == 2);
  CHECK(log.text().find("WARN test: 2 connections open, refusing new ones") != std::string::npos);
  a.reset();
  CHECK(test::eventually([&] {
    test::Connection c(srv.port);
    return c.send(get_request("/again")) && c.read_response(false, 500ms).has_value();
  }));
}

TEST_CASE("a connection that sends no request is closed at the header timeout") {
  http::Limits limits;
  limits.header_timeout = 300ms;
  RunningServer srv(limits);
  test::Connection silent(srv.port);
  CHECK(silent.closed_within(5s));
  test::Connection half(srv.port);
  REQUIRE(half.send("GET /slow HTTP/1.1\r\nHo"));
  CHECK(half.closed_within(5s));
  CHECK(srv.handler.handled == 0);
}

TEST_CASE("an unreadable request gets the handler's reject answer, then the connection closes") {
  http::Limits limits;
  limits.header_limit = 1024;
  RunningServer srv(limits);
  test::Connection c(srv.port);
  REQUIRE(c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n"));
  auto r = c.read_response();
  REQUIRE(r);
  CHECK(r->status == 431);
  CHECK(r->body == "header_too_large");
  CHECK(c.closed_within(2s));
  CHECK(srv.handler.handled == 0);
  CHECK(test::eventually([&] { return srv.handler.finished_statuses().size() == 1; }));
  CHECK(srv.handler.finished_statuses() == std::vector<int>{431});
}

TEST_CASE("stop() answers the request in flight with Connection: close and ends run()") {
  auto srv = std::make_unique<RunningServer>(http::Limits{});
  test::Connection idle(srv->port);
  test::Connection busy(srv->port);
  REQUIRE(busy.send(get_request("/later?stop")));
  REQUIRE(test::eventually([&] { return srv->handler.handled == 1; }));
  srv->server->stop();
  auto r = busy.read_response();
  REQUIRE(r);
  CHECK(r->body == "GET /later?stop");
  CHECK(r->header("Connection") == "close");
  CHECK(idle.closed_within(2s));
  srv->thread.join();  // run() returned
  CHECK_THROWS(test::Connection(srv->port));
}
