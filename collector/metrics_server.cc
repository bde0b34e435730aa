#include "collector/metrics_server.h"

#include <thread>

#include "common/http/server.h"

namespace ebill::collector {
namespace {

http::Response plain(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = std::move(body);
  return r;
}

class MetricsHandler : public http::Handler {
 public:
  explicit MetricsHandler(Metrics& metrics) : metrics_(metrics) {}

  void handle(http::Request& request, http::Reply reply) override {
    if (request.method != "GET" && request.method != "HEAD") {
      http::Response r = plain(405, "only GET\n");
      r.set_header("Allow", "GET, HEAD");
      return reply(std::move(r));
    }
    reply(plain(200, metrics_.render()));
  }

  http::Response reject(const http::Request&, int status, std::string_view,
                        std::string_view detail) override {
    return plain(status, std::string(detail) + "\n");
  }

  void finished(const http::Request&, const http::Response&, std::chrono::nanoseconds) override {}

 private:
  Metrics& metrics_;
};

http::ServerOptions options(const std::string& host, int port) {
  http::ServerOptions o;
  o.name = "metrics";
  o.host = host;
  o.port = static_cast<std::uint16_t>(port);
  o.threads = 1;
  o.limits.header_timeout = std::chrono::seconds(5);
  o.limits.idle_timeout = std::chrono::seconds(5);
  o.limits.stop_timeout = std::chrono::seconds(1);
  o.limits.header_limit = 8 * 1024;
  o.limits.body_limit = 1024;  // a small POST still gets its 405
  o.limits.max_connections = 16;
  return o;
}

}  // namespace

struct MetricsServer::Impl {
  Impl(const std::string& host, int port, Metrics& metrics)
      : handler(metrics), server(options(host, port), handler) {}
  MetricsHandler handler;
  http::Server server;
  int port = 0;
  std::thread thread;
};

Result<std::unique_ptr<MetricsServer>, std::string> MetricsServer::start(const std::string& host,
                                                                         int port,
                                                                         Metrics& metrics) {
  auto impl = std::make_unique<Impl>(host, port, metrics);
  auto bound = impl->server.listen();
  if (!bound.ok()) return fail("METRICS_PORT: " + bound.error());
  impl->port = *bound;
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->server.run(); });
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MetricsServer::~MetricsServer() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int MetricsServer::port() const { return impl_->port; }

}  // namespace ebill::collector
