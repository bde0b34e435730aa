// The listener, in the style of Beast's asynchronous HTTP server examples:
// it accepts on its own strand and gives each connection a strand of its
// own. A stop, from a signal or stop(), runs on the listener's strand too.
#include "common/http/server.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "common/http/session.h"
#include "common/log/log.h"

namespace ebill::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

struct Server::Impl {
  Impl(ServerOptions o, Handler& handler)
      : shared(std::make_shared<ServerShared>(std::move(o), handler)),
        options(shared->options),
        threads(options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency())),
        ioc(static_cast<int>(threads)), strand(net::make_strand(ioc)), acceptor(strand),
        accept_retry(strand), signals(strand) {}

  // On the strand.
  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        start_session(std::move(socket), shared);
        accept();
        return;
      }
      // Out of file descriptors (EMFILE/ENFILE) and the like fail again at
      // once: wait a moment instead of spinning, and say why.
      log::warn("{}: accept failed: {}; retrying in 100 ms", options.name, ec.message());
      accept_retry.expires_after(std::chrono::milliseconds(100));
      accept_retry.async_wait([this](error_code wait_ec) {
        if (!wait_ec && acceptor.is_open()) accept();
      });
    });
  }

  // On the strand.
  void begin_stop() {
    std::vector<std::shared_ptr<Connection>> live;
    if (!shared->connections.begin_stop(&live)) return;
    log::info("{}: stopping, {} connections open", options.name, live.size());
    error_code ec;
    acceptor.close(ec);
    accept_retry.cancel();
    signals.cancel(ec);
    for (auto& c : live) c->shutdown();
    std::lock_guard lock(watchdog_mu);
    if (!watchdog.joinable()) watchdog = std::thread([this] { watch_stop(); });
  }

  // Cuts off what a graceful stop did not finish in time.
  void watch_stop() {
    std::unique_lock lock(watchdog_mu);
    if (watchdog_cv.wait_for(lock, options.limits.stop_timeout, [this] { return finished; })) return;
    log::warn("{}: stop timeout, closing busy connections", options.name);
    ioc.stop();
    if (!options.exit_when_stuck) return;
    // A handler still blocking a worker would hold run() past the deadline:
    // the process leaves anyway (status 0, as for a stop).
    if (watchdog_cv.wait_for(lock, std::chrono::milliseconds(500), [this] { return finished; })) return;
    log::warn("{}: handlers still busy after the stop timeout, exiting", options.name);
    std::_Exit(0);
  }

  void end_watchdog() {
    {
      std::lock_guard lock(watchdog_mu);
      finished = true;
    }
    watchdog_cv.notify_all();
    if (watchdog.joinable()) watchdog.join();
  }

  std::shared_ptr<ServerShared> shared;
  const ServerOptions& options;  // in *shared
  unsigned threads;
  net::io_context ioc;
  net::strand<net::io_context::executor_type> strand;  // the listener's
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;  // paces accept() after an error (EMFILE)
  net::signal_set signals;
  std::mutex watchdog_mu;
  std::condition_variable watchdog_cv;
  bool finished = false;
  std::thread watchdog;
};

Server::Server(ServerOptions options, Handler& handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

Server::~Server() { impl_->end_watchdog(); }

Result<std::uint16_t, std::string> Server::listen() {
  const ServerOptions& o = impl_->options;
  error_code ec;
  auto address = net::ip::make_address(o.host, ec);
  if (ec) return fail("bad listen address " + o.host + ": " + ec.message());
  tcp::endpoint endpoint{address, o.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + ec.message());
  }
  auto port = acceptor.local_endpoint(ec).port();
  net::post(impl_->strand, [this] { impl_->accept(); });
  return port;
}

void Server::stop_on_signals() {
  impl_->signals.add(SIGTERM);
  impl_->signals.add(SIGINT);
  impl_->signals.async_wait([this](error_code ec, int signal) {
    if (ec) return;
    log::info("{}: signal {} received", impl_->options.name, signal);
    impl_->begin_stop();
  });
}

void Server::stop() {
  net::post(impl_->strand, [this] { impl_->begin_stop(); });
}

void Server::run() {
  auto work = [this] {
    for (;;) {
      try {
        impl_->ioc.run();
        return;
      } catch (const std::exception& e) {
        log::error("{}: worker caught: {}", impl_->options.name, e.what());
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < impl_->threads; ++i) workers.emplace_back(work);
  work();
  for (auto& t : workers) t.join();
  impl_->end_watchdog();
}

}  // namespace ebill::http
