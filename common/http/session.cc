// One connection, in the style of Beast's asynchronous HTTP server examples:
// everything runs on the connection's strand and every read and write is
// bounded by tcp_stream's expiry timer.
#include "common/http/session.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <optional>

#include "common/log/log.h"

namespace ebill::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

using Clock = std::chrono::steady_clock;
using tcp_executor = beast::tcp_stream::executor_type;

class Session : public Connection, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<ServerShared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)), limits_(shared_->options.limits) {}

  ~Session() override { shared_->connections.remove(this); }

  void start() {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    switch (shared_->connections.add(this, weak_from_this(), remote_,
                                     limits_.crowded_idle_timeout)) {
      case Connections::Admit::kAdmitted: break;
      case Connections::Admit::kFull:
        if (shared_->refusals.should_log()) {
          log::warn("{}: {} connections open, refusing new ones", shared_->options.name,
                    limits_.max_connections);
        }
        return;  // dropped: the socket closes
      case Connections::Admit::kClientFull:
        if (shared_->refusals.should_log()) {
          log::warn("{}: {} connections open from {}, refusing more from it", shared_->options.name,
                    limits_.max_connections_per_client, remote_);
        }
        return;
      case Connections::Admit::kStopping: return;
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read_request, shared_from_this()));
  }

  void close_if_idle(std::chrono::milliseconds idle) override {
    net::dispatch(stream_.get_executor(), [self = shared_from_this(), idle] {
      if (self->idle_wait_ && Clock::now() - self->idle_since_ >= idle) self->stream_.cancel();
    });
  }

  void shutdown() override {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->stream_.cancel();
    });
  }

 private:
  void read_request() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.header_limit));
    parser_->body_limit(limits_.body_limit);
    if (first_ || buffer_.size() > 0) {
      // A new connection must send its request within the header timeout;
      // pipelined bytes already buffered start the next request at once.
      read_rest();
      return;
    }
    // Keep-alive: wait up to the idle timeout for the next request's first
    // bytes, then give it the header timeout.
    stream_.expires_after(shared_->connections.crowded()
                              ? std::min(limits_.idle_timeout, limits_.crowded_idle_timeout)
                              : limits_.idle_timeout);
    idle_wait_ = true;
    idle_since_ = Clock::now();
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, std::size_t n) {
          self->idle_wait_ = false;
          if (ec) return self->close();
          self->buffer_.commit(n);
          self->read_rest();
        });
  }

  void read_rest() {
    stream_.expires_after(limits_.header_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (!ec) return answer();
    if (ec == bhttp::error::header_limit) {
      return reject(431, "header_too_large", "request headers exceed the limit");
    }
    if (ec == bhttp::error::body_limit) {
      return reject(413, "body_too_large", "request body exceeds the limit");
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
        ec != bhttp::error::need_more) {
      return reject(400, "bad_request", "malformed HTTP request");
    }
    close();  // end of stream, timeout, reset, cancelled by a stop
  }

  void answer() {
    busy_ = true;
    started_ = Clock::now();
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
    // The pending answer counts as work, so run() does not return while a
    // handler elsewhere still owes it.
    auto work = std::make_shared<net::executor_work_guard<tcp_executor>>(stream_.get_executor());
    shared_->handler.handle(request_, [self = shared_from_this(), work](Response response) {
      net::dispatch(self->stream_.get_executor(),
                    [self, response = std::move(response)]() mutable {
                      self->response_ = std::move(response);
                      self->send();
                    });
    });
  }

  void reject(int status, std::string_view error, std::string_view detail) {
    busy_ = true;
    started_ = Clock::now();
    request_ = Request{};
    if (parser_->is_header_done()) {
      request_.method = std::string(parser_->get().method_string());
      request_.target = std::string(parser_->get().target());
    }
    request_.remote_address = remote_;
    keep_alive_ = false;
    version_ = 11;
    response_ = shared_->handler.reject(request_, status, error, detail);
    send();
  }

  bool keep_open() const { return keep_alive_ && !stopping_ && !shared_->connections.stopping(); }

  template <typename Message>
  void fill_header(Message& res) {
    res.result(static_cast<unsigned>(response_.status));
    res.version(version_);
    if (!response_.content_type.empty()) res.set(bhttp::field::content_type, response_.content_type);
    for (const auto& [name, value] : response_.headers) res.set(name, value);
    res.keep_alive(keep_open());
  }

  void send() {
    if (response_.stream) return send_stream();
    bool head = request_.method == "HEAD";
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    fill_header(*res);
    bool no_body = response_.status == 204 || response_.status == 304 || response_.status < 200;
    if (!no_body) res->content_length(response_.body.size());
    if (!head && !no_body) res->body() = std::move(response_.body);
    response_.body.clear();
    stream_.expires_after(limits_.idle_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                         self->done(ec, res->keep_alive());
                       });
  }

  void send_stream() {
    header_.emplace();
    fill_header(*header_);
    header_->chunked(true);
    serializer_.emplace(*header_);
    stream_.expires_after(limits_.idle_timeout);
    bhttp::async_write_header(
        stream_, *serializer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) return self->done(ec, false);
          if (self->request_.method == "HEAD") return self->done(ec, self->header_->keep_alive());
          self->next_chunk();
        });
  }

  // Asks the handler for the next piece; it may come from another thread.
  // The piece owed counts as work, as a pending answer does.
  void next_chunk() {
    auto work = std::make_shared<net::executor_work_guard<tcp_executor>>(stream_.get_executor());
    shared_->handler.produce(response_.stream, [self = shared_from_this(), work](Chunk chunk) {
      net::dispatch(self->stream_.get_executor(), [self, chunk = std::move(chunk)]() mutable {
        self->write_chunk(std::move(chunk));
      });
    });
  }

  void write_chunk(Chunk chunk) {
    if (chunk.kind == Chunk::Kind::kFailed) {
      log::error("{}: {} {} stream failed: {}", shared_->options.name, request_.method,
                 request_.path, chunk.error);
      return done(beast::error_code(net::error::connection_aborted), false);
    }
    auto self = shared_from_this();
    stream_.expires_after(limits_.idle_timeout);
    if (chunk.kind == Chunk::Kind::kData) {
      chunk_ = std::move(chunk.data);
      net::async_write(stream_, bhttp::make_chunk(net::buffer(chunk_)),
                       [self](beast::error_code ec, std::size_t) {
                         if (ec) return self->done(ec, false);
                         self->next_chunk();
                       });
    } else {
      net::async_write(stream_, bhttp::make_chunk_last(),
                       [self](beast::error_code ec, std::size_t) {
                         self->done(ec, self->header_->keep_alive());
                       });
    }
  }

  // The answer is written (or failed): account, then next request or close.
  void done(beast::error_code ec, bool keep_alive) {
    shared_->handler.finished(request_, response_, Clock::now() - started_);
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
  std::shared_ptr<ServerShared> shared_;
  const Limits& limits_;  // in *shared_
  std::string remote_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;
  Response response_;
  std::optional<bhttp::response<bhttp::empty_body>> header_;
  std::optional<bhttp::response_serializer<bhttp::empty_body>> serializer_;
  std::string chunk_;
  Clock::time_point started_;
  Clock::time_point idle_since_;  // when the keep-alive wait began
  bool idle_wait_ = false;        // waiting for the next request's first bytes
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool first_ = true;
  bool busy_ = false;
  bool stopping_ = false;
};

}  // namespace

void start_session(tcp::socket socket, std::shared_ptr<ServerShared> shared) {
  std::make_shared<Session>(std::move(socket), std::move(shared))->start();
}

}  // namespace ebill::http
