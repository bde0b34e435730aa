// Session and listener in the style of Beast's asynchronous HTTP server
// examples: the listener accepts on a strand, each connection gets a session
// on its own strand, every read and write is bounded by tcp_stream's
// expiry timer.
#include "api/server/server.h"

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/server/metrics.h"
#include "common/log/log.h"

namespace ebill::api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

class Session;

// Live sessions, so a stop can reach the idle ones.
struct Registry {
  std::mutex mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> live;
  std::atomic<bool> stopping{false};  // set under mu, read anywhere
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const ApiServerSettings& settings, const App& app,
          std::shared_ptr<Registry> registry)
      : stream_(std::move(socket)), settings_(settings), app_(app),
        registry_(std::move(registry)) {}

  ~Session() {
    std::lock_guard lock(registry_->mu);
    registry_->live.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(registry_->mu);
      if (registry_->stopping) return;  // dropped: the socket closes
      registry_->live.emplace(this, weak_from_this());
    }
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read_request, shared_from_this()));
  }

  // Graceful stop: an idle connection closes now, a busy one after its answer.
  void shutdown() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->stream_.cancel();
    });
  }

 private:
  void read_request() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(settings_.header_limit));
    parser_->body_limit(settings_.body_limit);
    if (first_ || buffer_.size() > 0) {
      // A new connection must send its request within the header timeout;
      // pipelined bytes already buffered start the next request at once.
      read_rest();
      return;
    }
    // Keep-alive: wait up to the idle timeout for the next request's first
    // bytes, then give it the header timeout.
    stream_.expires_after(settings_.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          if (ec) return self->close();
          self->buffer_.commit(n);
          self->read_rest();
        });
  }

  void read_rest() {
    stream_.expires_after(settings_.header_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (!ec) return answer();
    if (ec == http::error::header_limit) {
      return reject(431, "header_too_large", "request headers exceed the limit");
    }
    if (ec == http::error::body_limit) {
      return reject(413, "body_too_large", "request body exceeds the limit");
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message &&
        ec != http::error::need_more) {
      return reject(400, "bad_request", "malformed HTTP request");
    }
    close();  // end of stream, timeout, reset, cancelled by a stop
  }

  void answer() {
    busy_ = true;
    started_ = Clock::now();
    metrics().request_started();
    auto& msg = parser_->get();
    request_ = Request{};
    request_.method = std::string(msg.method_string());
    request_.target = std::string(msg.target());
    for (const auto& field : msg) {
      request_.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request_.body = std::move(msg.body());
    request_.remote_address = remote_;
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    response_ = app_.handle(request_);
    send();
  }

  void reject(int status, std::string_view error, std::string_view detail) {
    busy_ = true;
    started_ = Clock::now();
    metrics().request_started();
    request_ = Request{};
    if (parser_->is_header_done()) {
      request_.method = std::string(parser_->get().method_string());
      request_.target = std::string(parser_->get().target());
    }
    request_.remote_address = remote_;
    keep_alive_ = false;
    version_ = 11;
    response_ = app_.reject(status, error, detail);
    send();
  }

  template <typename Message>
  void fill_header(Message& res) {
    res.result(static_cast<unsigned>(response_.status));
    res.version(version_);
    if (!response_.content_type.empty()) res.set(http::field::content_type, response_.content_type);
    for (const auto& [name, value] : response_.headers) res.set(name, value);
    res.keep_alive(keep_alive_ && !stopping_ && !registry_->stopping.load());
  }

  void send() {
    if (response_.stream) return send_stream();
    bool head = request_.method == "HEAD";
    auto res = std::make_shared<http::response<http::string_body>>();
    fill_header(*res);
    bool no_body = response_.status == 204 || response_.status == 304 || response_.status < 200;
    if (!no_body) res->content_length(response_.body.size());
    if (!head && !no_body) res->body() = std::move(response_.body);
    response_.body.clear();
    stream_.expires_after(settings_.idle_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        self->done(ec, res->keep_alive());
                      });
  }

  void send_stream() {
    header_.emplace();
    fill_header(*header_);
    header_->chunked(true);
    serializer_.emplace(*header_);
    stream_.expires_after(settings_.idle_timeout);
    http::async_write_header(
        stream_, *serializer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) return self->done(ec, false);
          if (self->request_.method == "HEAD") return self->done(ec, self->header_->keep_alive());
          self->next_chunk();
        });
  }

  void next_chunk() {
    bool more = false;
    chunk_.clear();
    try {
      while ((more = response_.stream(chunk_)) && chunk_.empty()) {
      }
    } catch (const std::exception& e) {
      log::error("api: {} {} stream failed: {}", request_.method, request_.path, e.what());
      return done(beast::error_code(net::error::connection_aborted), false);
    }
    auto self = shared_from_this();
    stream_.expires_after(settings_.idle_timeout);
    if (more) {
      net::async_write(stream_, http::make_chunk(net::buffer(chunk_)),
                       [self](beast::error_code ec, std::size_t) {
                         if (ec) return self->done(ec, false);
                         self->next_chunk();
                       });
    } else {
      net::async_write(stream_, http::make_chunk_last(),
                       [self](beast::error_code ec, std::size_t) {
                         self->done(ec, self->header_->keep_alive());
                       });
    }
  }

  // The answer is written (or failed): account, then next request or close.
  void done(beast::error_code ec, bool keep_alive) {
    auto elapsed = Clock::now() - started_;
    app_.finished(request_, response_, elapsed);
    metrics().request_finished();
    busy_ = false;
    response_ = Response{};
    header_.reset();
    serializer_.reset();
    first_ = false;
    if (ec) return close();
    if (!keep_alive || stopping_) return linger();
    read_request();
  }

  // Half-close, then read and discard what the client still sends for a
  // moment so the answer is not lost to a reset.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(1));
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const ApiServerSettings& settings_;
  const App& app_;
  std::shared_ptr<Registry> registry_;
  std::string remote_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  Response response_;
  std::optional<http::response<http::empty_body>> header_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::string chunk_;
  Clock::time_point started_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool first_ = true;
  bool busy_ = false;
  bool stopping_ = false;
};

}  // namespace

struct Server::Impl {
  Impl(const ApiServerSettings& s, const App& a)
      : settings(s), app(a),
        threads(s.threads ? s.threads : std::max(1u, std::thread::hardware_concurrency())),
        ioc(static_cast<int>(threads)), acceptor(net::make_strand(ioc)),
        accept_retry(acceptor.get_executor()), signals(ioc),
        registry(std::make_shared<Registry>()) {}

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        std::make_shared<Session>(std::move(socket), settings, app, registry)->start();
        accept();
        return;
      }
      // Out of file descriptors (EMFILE/ENFILE) and the like fail again at
      // once: wait a moment instead of spinning, and say why.
      log::warn("api: accept failed: {}; retrying in 100 ms", ec.message());
      accept_retry.expires_after(std::chrono::milliseconds(100));
      accept_retry.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec && acceptor.is_open()) accept();
      });
    });
  }

  // Runs on the io_context.
  void begin_stop() {
    std::vector<std::shared_ptr<Session>> sessions;
    {
      std::lock_guard lock(registry->mu);
      if (registry->stopping) return;
      registry->stopping = true;
      for (auto& [ptr, weak] : registry->live) {
        if (auto s = weak.lock()) sessions.push_back(std::move(s));
      }
    }
    log::info("api: stopping, {} connections open", sessions.size());
    beast::error_code ec;
    acceptor.close(ec);
    accept_retry.cancel();
    signals.cancel(ec);
    for (auto& s : sessions) s->shutdown();
    std::lock_guard lock(watchdog_mu);
    if (!watchdog.joinable()) {
      watchdog = std::thread([this] {
        std::unique_lock lock(watchdog_mu);
        if (watchdog_cv.wait_for(lock, settings.stop_timeout, [this] { return finished; })) return;
        log::warn("api: stop timeout, closing busy connections");
        ioc.stop();
        // A handler still blocking a worker would hold run() past the
        // deadline: the process leaves anyway (status 0, as for a stop).
        if (watchdog_cv.wait_for(lock, std::chrono::milliseconds(500), [this] { return finished; })) return;
        log::warn("api: handlers still busy after the stop timeout, exiting");
        std::_Exit(0);
      });
    }
  }

  const ApiServerSettings& settings;
  const App& app;
  unsigned threads;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer accept_retry;  // paces accept() after an error (EMFILE)
  net::signal_set signals;
  std::shared_ptr<Registry> registry;
  std::mutex watchdog_mu;
  std::condition_variable watchdog_cv;
  bool finished = false;
  std::thread watchdog;
};

Server::Server(const ApiServerSettings& settings, const App& app)
    : impl_(std::make_unique<Impl>(settings, app)) {}

Server::~Server() {
  {
    std::lock_guard lock(impl_->watchdog_mu);
    impl_->finished = true;
  }
  impl_->watchdog_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

Result<std::uint16_t, std::string> Server::listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->settings.host, ec);
  if (ec) return fail("bad HOST " + impl_->settings.host + ": " + ec.message());
  tcp::endpoint endpoint{address, impl_->settings.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return fail("cannot listen on " + impl_->settings.host + ":" +
                std::to_string(impl_->settings.port) + ": " + ec.message());
  }
  auto port = acceptor.local_endpoint(ec).port();
  impl_->accept();
  return port;
}

void Server::stop_on_signals() {
  impl_->signals.add(SIGTERM);
  impl_->signals.add(SIGINT);
  impl_->signals.async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    log::info("api: signal {} received", signal);
    impl_->begin_stop();
  });
}

void Server::stop() {
  net::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

void Server::run() {
  auto work = [this] {
    for (;;) {
      try {
        impl_->ioc.run();
        return;
      } catch (const std::exception& e) {
        log::error("api: worker caught: {}", e.what());
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < impl_->threads; ++i) workers.emplace_back(work);
  work();
  for (auto& t : workers) t.join();
  {
    std::lock_guard lock(impl_->watchdog_mu);
    impl_->finished = true;
  }
  impl_->watchdog_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

}  // namespace ebill::api
