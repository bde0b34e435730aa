#include "tests/sim/http_server.h"

#include <utility>  // before Asio: Boost 1.74 awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "common/time/civil_time.h"

namespace ebill::sim {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, SimService* service)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), service_(service) {}

  void start() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    request_ = {};
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
    if (ec) return;
    const auto encoding = request_[http::field::accept_encoding];
    SimRequest req{std::string_view(request_.method_string().data(), request_.method_string().size()),
                   std::string_view(request_.target().data(), request_.target().size()),
                   encoding.find("gzip") != beast::string_view::npos};
    answer_ = service_->handle(req);
    if (answer_.reset) {
      // Linger 0 makes close() send RST: the client sees a reset, no answer.
      stream_.socket().set_option(asio::socket_base::linger(true, 0), ec);
      stream_.socket().close(ec);
      return;
    }
    if (answer_.is_page) service_->stats().enter();
    if (answer_.delay_ms > 0) {
      timer_.expires_after(std::chrono::milliseconds(answer_.delay_ms));
      timer_.async_wait([self = shared_from_this()](beast::error_code) { self->write(); });
    } else {
      write();
    }
  }

  void write() {
    response_ = {};
    response_.version(request_.version());
    response_.result(static_cast<http::status>(answer_.status));
    response_.set(http::field::server, "Microsoft-IIS/8.5");
    response_.set("X-AspNet-Version", "4.0.30319");
    response_.set("X-Sim-Time", format_datetime(answer_.sim_time));
    response_.set(http::field::content_type, answer_.content_type);
    response_.set(http::field::cache_control, "private");
    if (!answer_.location.empty()) response_.set(http::field::location, answer_.location);
    if (!answer_.content_encoding.empty()) {
      response_.set(http::field::content_encoding, answer_.content_encoding);
    }
    response_.keep_alive(request_.keep_alive());
    response_.body() = std::move(answer_.body);
    response_.prepare_payload();
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  void on_write(beast::error_code ec) {
    if (answer_.is_page) service_->stats().leave();
    if (ec) return;
    if (!response_.keep_alive()) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
    read();
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  SimResponse answer_;
  SimService* service_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, tcp::acceptor acceptor, SimService* service)
      : io_(io), acceptor_(std::move(acceptor)), service_(service) {}

  void accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
                             if (!ec) {
                               s.set_option(tcp::no_delay(true), ec);
                               std::make_shared<Session>(std::move(s), self->service_)->start();
                             }
                             if (self->acceptor_.is_open()) self->accept();
                           });
  }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  SimService* service_;
};

}  // namespace

int run_server(const ServerOptions& options, SimService* service,
               const std::function<void(const std::string&, int)>& on_listening) {
  const int threads = std::max(1, options.threads);
  asio::io_context io(threads);
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) {
    std::cerr << "ebill-meter-sim: bad --host " << options.host << "\n";
    return 1;
  }
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "ebill-meter-sim: cannot listen on " << options.host << ":" << options.port
              << ": " << ec.message() << "\n";
    return 1;
  }
  const int port = acceptor.local_endpoint().port();
  std::make_shared<Listener>(io, std::move(acceptor), service)->accept();

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](beast::error_code, int) { io.stop(); });
  on_listening(options.host, port);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  return 0;
}

}  // namespace ebill::sim
