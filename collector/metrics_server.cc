#include "collector/metrics_server.h"

#include <boost/asio.hpp>
#include <thread>

#include "common/log/log.h"

namespace ebill::collector {

namespace asio = boost::asio;
using asio::ip::tcp;

struct MetricsServer::Impl {
  Impl(Metrics& m) : metrics(m), acceptor(io) {}

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed: the server is stopping
      serve(std::make_shared<tcp::socket>(std::move(socket)));
      accept();
    });
  }

  // Reads the request head, answers with the metrics, closes.
  void serve(std::shared_ptr<tcp::socket> socket) {
    auto request = std::make_shared<std::string>();
    asio::async_read_until(
        *socket, asio::dynamic_buffer(*request, 8192), "\r\n\r\n",
        [this, socket, request](boost::system::error_code ec, std::size_t) {
          if (ec) return;
          const bool get = request->rfind("GET ", 0) == 0;
          const std::string body = get ? metrics.render() : "only GET\n";
          auto response = std::make_shared<std::string>(
              std::string(get ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 405 Method Not Allowed\r\n") +
              "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
              "Content-Length: " + std::to_string(body.size()) +
              "\r\nConnection: close\r\n\r\n" + body);
          asio::async_write(*socket, asio::buffer(*response),
                            [socket, response](boost::system::error_code, std::size_t) {
                              boost::system::error_code ignored;
                              socket->shutdown(tcp::socket::shutdown_both, ignored);
                            });
        });
  }

  Metrics& metrics;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;
};

Result<std::unique_ptr<MetricsServer>, std::string> MetricsServer::start(const std::string& host,
                                                                         int port,
                                                                         Metrics& metrics) {
  auto impl = std::make_unique<Impl>(metrics);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return fail("METRICS_PORT: bad listen address " + host);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("METRICS_PORT: cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  impl->accept();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->io.run(); });
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MetricsServer::~MetricsServer() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int MetricsServer::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace ebill::collector
