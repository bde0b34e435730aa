#include "tests/support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace ebill::test {

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (http::iequals(k, name)) return v;
  }
  return std::nullopt;
}

Connection::Connection(int port, const std::string& source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ >= 0 && !source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot bind the client to " + source);
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

long Connection::receive(char* data, std::size_t size, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) return -1;
    if (r < 0) return 0;
    ssize_t n = ::recv(fd_, data, size, 0);
    if (n < 0 && errno == EINTR) continue;
    return n < 0 ? 0 : static_cast<long>(n);
  }
}

bool Connection::fill(std::chrono::steady_clock::time_point deadline) {
  char chunk[16384];
  long n = receive(chunk, sizeof chunk, deadline);
  if (n <= 0) return false;
  buf_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<HttpResponse> Connection::read_response(bool head, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t end;
  while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  std::string head_text = buf_.substr(0, end);
  buf_.erase(0, end + 4);
  HttpResponse res;
  std::size_t line_end = head_text.find("\r\n");
  std::string status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0) return std::nullopt;
  res.status = std::atoi(status_line.c_str() + 9);
  std::size_t pos = line_end == std::string::npos ? head_text.size() : line_end + 2;
  while (pos < head_text.size()) {
    std::size_t e = head_text.find("\r\n", pos);
    if (e == std::string::npos) e = head_text.size();
    std::string line = head_text.substr(pos, e - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      res.headers.emplace_back(line.substr(0, colon), v == std::string::npos ? "" : line.substr(v));
    }
    pos = e + 2;
  }
  if (head || res.status == 204 || res.status == 304 || res.status < 200) return res;
  auto te = res.header("Transfer-Encoding");
  if (te && te->find("chunked") != std::string::npos) {
    res.chunked = true;
    for (;;) {
      std::size_t le;
      while ((le = buf_.find("\r\n")) == std::string::npos) {
        if (!fill(deadline)) return std::nullopt;
      }
      std::size_t size = std::strtoul(buf_.c_str(), nullptr, 16);
      buf_.erase(0, le + 2);
      while (buf_.size() < size + 2) {
        if (!fill(deadline)) return std::nullopt;
      }
      res.body.append(buf_, 0, size);
      buf_.erase(0, size + 2);
      if (size == 0) return res;
    }
  }
  if (auto cl = res.header("Content-Length")) {
    std::size_t size = std::strtoul(cl->c_str(), nullptr, 10);
    while (buf_.size() < size) {
      if (!fill(deadline)) return std::nullopt;
    }
    res.body = buf_.substr(0, size);
    buf_.erase(0, size);
    return res;
  }
  while (fill(deadline)) {
  }
  res.body = std::move(buf_);
  buf_.clear();
  return res;
}

bool Connection::closed_within(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[4096];
  for (;;) {
    long n = receive(chunk, sizeof chunk, deadline);
    if (n < 0) return false;
    if (n == 0) return true;
  }
}

int test_time_scale() {
  static const int scale = [] {
    const char* text = std::getenv("EBILL_TEST_TIME_SCALE");
    if (text == nullptr || *text == '\0') return 1;
    char* end = nullptr;
    const long n = std::strtol(text, &end, 10);
    if (*end != '\0' || n < 1 || n > 100) {
      throw std::runtime_error(std::string("EBILL_TEST_TIME_SCALE: must be a whole number from 1 to 100 (got \"") +
                               text + "\")");
    }
    return static_cast<int>(n);
  }();
  return scale;
}

namespace {

std::chrono::milliseconds request_timeout() { return std::chrono::seconds(5) * test_time_scale(); }

}  // namespace

HttpResponse request(int port, std::string_view method, std::string_view target,
                     const std::vector<http::Field>& headers, std::string_view body,
                     const std::string& source) {
  Connection c(port, source);
  std::string req = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty()) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "Connection: close\r\n\r\n";
  req += body;
  if (!c.send(req)) throw std::runtime_error("send failed");
  auto res = c.read_response(method == "HEAD", request_timeout());
  if (!res) throw std::runtime_error("no response to " + std::string(method) + " " + std::string(target));
  return *res;
}

}  // namespace ebill::test
