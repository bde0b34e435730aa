// What must never wait on a slow handler: the I/O threads. The real
// ebill-api with one I/O thread against the real simulator's slow page, an
// in-process server whose stream producer blocks, and floods of idle
// connections. Labelled `concurrency` (run under TSan in build-tsan).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "api/server/app.h"
#include "api/server/metrics.h"
#include "api/server/server.h"
#include "tests/api/support/api_on_database.h"
#include "tests/sim/sim_process.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kSimTime = "2025-03-10 12:00:00";
constexpr const char* kMeter = "19501609994";
constexpr const char* kOther = "19501609995";

// ebill_api_requests_in_flight of /metrics (the /metrics request included).
int in_flight(int port) {
  const std::string body = get(port, "/metrics").body;
  const std::string name = "\nebill_api_requests_in_flight ";
  const auto pos = body.find(name);
  REQUIRE(pos != std::string::npos);
  return std::stoi(body.substr(pos + name.size()));
}

// A keep-alive client on its own loopback address (127.0.0.X), so one test
// can be many clients.
class Client {
 public:
  Client(const char* source, int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends GET /healthz and reads the answer: true for a 200, false when the
  // server closes the connection instead (or nothing comes within 5 s).
  bool healthz() {
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) < 0) return false;
    std::string got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (got.find("{\"status\":\"ok\"}") == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[1024];
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return false;
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got.rfind("HTTP/1.1 200", 0) == 0;
  }

 private:
  int fd_;
};

// An in-process server with one I/O thread and one read worker that a test
// can hold: GET /held blocks the worker until release(), GET /quick answers
// at once (on the worker), GET /metrics runs inline (on the I/O thread).
class HeldWorker {
 public:
  explicit HeldWorker(std::size_t queue_limit) : settings_(settings(queue_limit)) {
    app_.router().get("/held", [this](const api::Request&) {
      entered_ = true;
      released_.wait();
      return reply("held");
    });
    app_.router().get("/quick", [](const api::Request&) { return reply("quick"); });
    app_.router().get("/metrics", [](const api::Request&) { return reply(api::metrics().render()); });
    app_.router().set_lane("/metrics", api::Lane::kInline);
    auto port = server_.listen();
    REQUIRE(port);
    port_ = *port;
    run_ = std::thread([this] { server_.run(); });
  }
  ~HeldWorker() {
    release();
    server_.stop();
    run_.join();
    workers_.stop(std::chrono::seconds(5));
  }
  HeldWorker(const HeldWorker&) = delete;
  HeldWorker& operator=(const HeldWorker&) = delete;

  int port() const { return port_; }
  // Holds the worker: GET /held on `c`, once it runs.
  void hold(Connection& c) {
    REQUIRE(c.send("GET /held HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(eventually([&] { return entered_.load(); }, std::chrono::seconds(5)));
  }
  // Sends GET `path` on `c` and waits until the I/O thread has read it (and
  // so queued it: /metrics runs on that same thread).
  void send_queued(Connection& c, const std::string& path) {
    const int before = in_flight(port_);
    REQUIRE(c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(eventually([&] { return in_flight(port_) == before + 1; }, std::chrono::seconds(5)));
  }
  void release() {
    if (!released_flag_.exchange(true)) release_.set_value();
  }

 private:
  static api::ApiServerSettings settings(std::size_t queue_limit) {
    api::ApiServerSettings s;
    s.host = "127.0.0.1";
    s.threads = 1;
    s.workers = 1;
    s.queue_limit = queue_limit;
    return s;
  }
  static api::Response reply(std::string body) {
    api::Response r;
    r.body = std::move(body);
    return r;
  }

  const api::ApiServerSettings settings_;
  api::App app_{settings_};
  api::Workers workers_{settings_};
  api::AppHandler handler_{app_, workers_};
  http::Server server_{api::server_options(settings_), handler_};
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  std::atomic<bool> released_flag_{false};
  std::atomic<bool> entered_{false};
  int port_ = 0;
  std::thread run_;
};

}  // namespace

TEST_CASE("a flood of idle keep-alive connections: capped per client and in all",
          "[concurrency]") {
  ApiProcess api({{"API_MAX_CONNECTIONS", "100"}, {"API_MAX_CONNECTIONS_PER_CLIENT", "64"}});
  // One client: 64 connections answered and left idle, the rest closed at once.
  std::vector<std::unique_ptr<Client>> flood;
  int answered = 0;
  for (int i = 0; i < 70; ++i) {
    flood.push_back(std::make_unique<Client>("127.0.0.3", api.port()));
    if (flood.back()->healthz()) ++answered;
  }
  CHECK(answered == 64);
  // A second client takes the rest of the 100 (and more are refused).
  answered = 0;
  for (int i = 0; i < 64; ++i) {
    flood.push_back(std::make_unique<Client>("127.0.0.4", api.port()));
    if (flood.back()->healthz()) ++answered;
  }
  CHECK(answered <= 36);
  // Above 80 % of the cap, idle connections are closed after 2 s: a new
  // client gets in.
  CHECK(eventually([&] { return Client("127.0.0.2", api.port()).healthz(); },
                   std::chrono::seconds(15)));
  CHECK(api.log().find("refusing") != std::string::npos);
}

TEST_CASE("slow fetches never hold the I/O thread or the read workers", "[concurrency]") {
  // One I/O thread, eight fetches of a page that answers only after 5 s
  // (each times out after 4 s): two run, six wait on the operator workers.
  // While all eight are pending, /healthz and /kpi answer.
  SimProcess sim{{"--speed", "0", "--start", kSimTime, "--seed", "1", "--slow-ms", "5000"}};
  TestDatabase db{Backend::kSqlite};
  ApiProcess api(api_env(db, "UTC", kSimTime, std::string(kMeter) + "," + kOther,
                         {{"METER_SOURCE_URL", sim.url("/nat/pay.aspx?mid={meter}")},
                          {"FETCH_CONNECT_TIMEOUT", "1"},
                          {"FETCH_TIMEOUT", "4"},
                          {"FETCH_RETRIES", "0"},
                          {"API_THREADS", "1"},
                          {"API_QUEUE_TIMEOUT_SECONDS", "60"},
                          {"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}}));
  http_get(sim.url(std::string("/_control/fault?mid=") + kMeter + "&mode=slow"));
  std::vector<std::unique_ptr<Connection>> fetches;
  for (int i = 0; i < 8; ++i) {
    fetches.push_back(std::make_unique<Connection>(api.port()));
    REQUIRE(fetches.back()->send(std::string("GET /fetch?device_id=") + kMeter +
                                 " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  }
  REQUIRE(eventually([&] { return in_flight(api.port()) == 9; }, std::chrono::seconds(3)));
  CHECK(get(api.port(), "/healthz").status == 200);
  CHECK(get(api.port(), "/kpi").status == 200);
  CHECK(get(api.port(), "/devices").status == 200);
  CHECK(in_flight(api.port()) == 9);  // the eight are still pending
  for (auto& c : fetches) {
    auto r = c->read_response(false, std::chrono::seconds(30));
    REQUIRE(r);
    CHECK(r->status == 504);
  }
  http_get(sim.url(std::string("/_control/fault?mid=") + kMeter + "&mode=none"));
  CHECK(get(api.port(), std::string("/fetch?device_id=") + kOther).status == 200);
}

TEST_CASE("a stream producer that blocks holds a worker, never the I/O thread", "[concurrency]") {
  api::ApiServerSettings s;
  s.host = "127.0.0.1";
  s.threads = 1;
  api::App app(s);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> producing{false};
  app.router().get("/held", [&](const api::Request&) {
    api::Response r;
    auto sent = std::make_shared<bool>(false);
    r.stream = [&, sent](std::string& chunk) {
      if (*sent) return false;
      producing = true;
      released.wait();  // a slow cursor
      chunk = "late\n";
      *sent = true;
      return true;
    };
    return r;
  });
  api::Workers workers(s);
  api::AppHandler handler(app, workers);
  http::Server server(api::server_options(s), handler);
  auto port = server.listen();
  REQUIRE(port);
  std::thread run([&] { server.run(); });

  Connection held(*port);
  REQUIRE(held.send("GET /held HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(eventually([&] { return producing.load(); }, std::chrono::seconds(5)));
  for (int i = 0; i < 3; ++i) CHECK(get(*port, "/healthz").status == 200);
  release.set_value();
  auto r = held.read_response();
  REQUIRE(r);
  CHECK(r->body == "late\n");

  server.stop();
  run.join();
  CHECK(workers.stop(std::chrono::seconds(5)));
}

TEST_CASE("the database opens in the background: /healthz answers while it hangs", "[concurrency]") {
  // A MariaDB address that accepts connections and never speaks.
  const int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(silent >= 0);
  sockaddr_in at{};
  at.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
  REQUIRE(::bind(silent, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0);
  REQUIRE(::listen(silent, 16) == 0);
  socklen_t len = sizeof at;
  REQUIRE(::getsockname(silent, reinterpret_cast<sockaddr*>(&at), &len) == 0);
  {
    ApiProcess api({{"DB_HOST", "127.0.0.1"}, {"DB_PORT", std::to_string(ntohs(at.sin_port))},
                    {"DB_USER", "ebill"}, {"DB_PASSWORD", "x"}, {"DB_NAME", "ebill"},
                    {"DB_CONNECT_TIMEOUT", "10"}, {"DB_READ_TIMEOUT", "10"}},
                   ApiBuild::kTest, StartWait::kListening);
    CHECK(get(api.port(), "/healthz").status == 200);
    CHECK(get(api.port(), "/readyz").status == 503);
    CHECK(get(api.port(), "/kpi").status == 503);
    // Listening came first: the first open attempt is still waiting.
    CHECK(api.log().find("api: database") == std::string::npos);
  }
  ::close(silent);
}

TEST_CASE("a full worker queue is answered 503 with Retry-After at once", "[concurrency]") {
  HeldWorker server(1);
  Connection running(server.port()), queued(server.port()), refused(server.port());
  server.hold(running);
  server.send_queued(queued, "/quick");  // the one place in the queue
  REQUIRE(refused.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = refused.read_response();  // while the worker is still held
  REQUIRE(r);
  CHECK(r->status == 503);
  CHECK(r->header("Retry-After") == "1");
  CHECK(r->body.find("\"overloaded\"") != std::string::npos);
  // Liveness needs no worker: /healthz answers while the queue is full.
  Connection alive(server.port());
  REQUIRE(alive.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto health = alive.read_response();
  REQUIRE(health);
  CHECK(health->status == 200);

  server.release();
  auto held = running.read_response();
  REQUIRE(held);
  CHECK(held->body == "held");
  auto later = queued.read_response();
  REQUIRE(later);
  CHECK(later->status == 200);
  CHECK(later->body == "quick");
}

TEST_CASE("a request that waited longer than API_QUEUE_TIMEOUT_SECONDS is answered 503, not run",
          "[concurrency]") {
  // The real program with one read worker and two requests that each hold
  // it 2.5 s: whichever comes second waits past the 1 s deadline.
  ApiProcess api({{"API_WORKERS", "1"}, {"API_QUEUE_TIMEOUT_SECONDS", "1"}});
  Connection a(api.port()), b(api.port());
  REQUIRE(a.send("GET /test/slow?ms=2500 HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(b.send("GET /test/slow?ms=2500 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto ra = a.read_response(false, std::chrono::seconds(10));
  auto rb = b.read_response(false, std::chrono::seconds(10));
  REQUIRE(ra);
  REQUIRE(rb);
  CHECK(ra->status + rb->status == 200 + 503);
  const HttpResponse& late = ra->status == 503 ? *ra : *rb;
  CHECK(late.header("Retry-After") == "1");
  CHECK(late.body.find("waited too long") != std::string::npos);
  // A request that gets the worker in time runs.
  CHECK(get(api.port(), "/test/slow?ms=0").status == 200);
}
