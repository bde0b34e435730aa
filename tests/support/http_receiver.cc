#include "tests/support/http_receiver.h"

#include <algorithm>
#include <cctype>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace ebill::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpReceiver::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

std::string ReceivedRequest::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

HttpReceiver::HttpReceiver() : impl_(std::make_unique<Impl>()) {
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  acceptor_thread_ = std::thread([this] {
    while (true) {
      boost::system::error_code ec;
      tcp::socket socket(impl_->io);
      impl_->acceptor.accept(socket, ec);
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) break;
      if (ec) continue;
      const int fd = socket.release(ec);
      if (!ec) connections_.emplace_back([this, fd] { serve(fd); });
    }
  });
}

HttpReceiver::~HttpReceiver() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  // Wake the blocking accept with one last connection.
  boost::system::error_code ec;
  tcp::socket poke(impl_->io);
  poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  acceptor_thread_.join();
  for (std::thread& t : connections_) t.join();
}

std::string HttpReceiver::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void HttpReceiver::respond(int status, std::string body) {
  std::lock_guard<std::mutex> lock(mu_);
  status_ = status;
  body_ = std::move(body);
}

void HttpReceiver::hang() {
  std::lock_guard<std::mutex> lock(mu_);
  hang_ = true;
}

void HttpReceiver::release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    hang_ = false;
  }
  cv_.notify_all();
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

bool HttpReceiver::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return requests_.size() >= n; });
}

void HttpReceiver::serve(int fd) {
  asio::io_context io;
  tcp::socket socket(io, tcp::v4(), fd);
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  boost::system::error_code ec;
  http::read(socket, buffer, req, ec);
  if (ec) return;
  ReceivedRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    r.headers[name] = std::string(field.value());
  }
  r.body = req.body();
  http::response<http::string_body> res;
  {
    std::unique_lock<std::mutex> lock(mu_);
    requests_.push_back(std::move(r));
    cv_.notify_all();
    cv_.wait(lock, [this] { return !hang_ || stop_; });
    if (stop_) return;
    res.result(static_cast<unsigned>(status_));
    res.body() = body_;
  }
  res.version(11);
  res.set(http::field::content_type, "application/json");
  res.keep_alive(false);
  res.prepare_payload();
  http::write(socket, res, ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace ebill::test
