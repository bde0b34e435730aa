#include "api/handlers/fetch_gate.h"

#include <cctype>

namespace ebill::api {

bool constant_time_equals(const std::string& a, const std::string& b) {
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

FetchGate::FetchGate(std::string token, int cooldown_s, int test_cooldown_s, int max_in_flight)
    : token_(std::move(token)), cooldown_(cooldown_s), test_cooldown_(test_cooldown_s),
      max_in_flight_(max_in_flight) {}

FetchGate::Slot::~Slot() {
  if (gate_ == nullptr) return;
  std::lock_guard lock(gate_->mu_);
  --gate_->in_flight_;
}

FetchGate::Slot FetchGate::enter() {
  std::lock_guard lock(mu_);
  if (in_flight_ >= max_in_flight_) return Slot(nullptr);
  ++in_flight_;
  return Slot(this);
}

namespace {

// "http://host:port/path" → "host:port" (the default port dropped); "" when
// it is not an http(s) URL.
std::string host_of(std::string_view url) {
  std::string_view default_port;
  if (url.rfind("http://", 0) == 0) {
    url.remove_prefix(7);
    default_port = ":80";
  } else if (url.rfind("https://", 0) == 0) {
    url.remove_prefix(8);
    default_port = ":443";
  } else {
    return "";
  }
  std::string host(url.substr(0, url.find_first_of("/?#")));
  if (host.size() > default_port.size() &&
      host.compare(host.size() - default_port.size(), default_port.size(), default_port) == 0) {
    host.resize(host.size() - default_port.size());
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool same_site(const Request& request) {
  if (auto site = request.header("Sec-Fetch-Site")) {
    return iequals(*site, "same-origin") || iequals(*site, "none");
  }
  auto from = request.header("Origin");
  if (!from) from = request.header("Referer");
  if (!from) return true;
  const auto host = request.header("Host");
  if (!host) return false;
  const std::string named = host_of(*from);
  return !named.empty() && (named == lower(*host) || host_of("http://" + *host) == named);
}

std::optional<Response> FetchGate::refuse(const Request& request) {
  if (!same_site(request)) {
    return error_response(403, "cross_site", "operator routes answer only this server's own page and scripts");
  }
  if (token_.empty()) return std::nullopt;
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (const int wait = wrong_tokens_.wait_s(request.remote_address, now); wait > 0) {
    Response r = error_response(429, "too_many_requests", "too many wrong tokens from this address");
    r.set_header("Retry-After", std::to_string(wait));
    return r;
  }
  if (auto header = request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (header->size() > kBearer.size() && iequals(header->substr(0, kBearer.size()), kBearer) &&
        constant_time_equals(header->substr(kBearer.size()), token_)) {
      return std::nullopt;
    }
  }
  wrong_tokens_.failed(request.remote_address, now);
  return unauthorized_response();
}

int FetchGate::reserve(const std::string& meter_no) { return reserve_key("fetch " + meter_no, cooldown_); }

int FetchGate::reserve_test_notification(const std::string& meter_no) {
  return reserve_key("test " + meter_no, test_cooldown_);
}

int FetchGate::reserve_key(const std::string& key, std::chrono::seconds cooldown) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto [it, inserted] = last_.try_emplace(key, now);
  if (inserted) return 0;
  const auto ready = it->second + cooldown;
  if (now >= ready) {
    it->second = now;
    return 0;
  }
  const auto wait = std::chrono::ceil<std::chrono::seconds>(ready - now).count();
  return wait < 1 ? 1 : static_cast<int>(wait);
}

Response unauthorized_response() {
  Response r = error_response(401, "unauthorized",
                              "this server needs its operator token: Authorization: Bearer <token>");
  r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

Response cooldown_response(const std::string& why, int wait_s) {
  Response r = error_response(429, "too_many_requests",
                              why + "; retry in " + std::to_string(wait_s) + " s");
  r.set_header("Retry-After", std::to_string(wait_s));
  return r;
}

Response busy_response() {
  Response r = error_response(429, "too_many_requests", "another manual fetch or test is running");
  r.set_header("Retry-After", "1");
  return r;
}

}  // namespace ebill::api
