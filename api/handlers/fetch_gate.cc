#include "api/handlers/fetch_gate.h"

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

FetchGate::FetchGate(std::string token, int cooldown_s, int max_in_flight)
    : token_(std::move(token)), cooldown_(cooldown_s), max_in_flight_(max_in_flight) {}

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

bool FetchGate::authorized(const Request& request) const {
  if (token_.empty()) return true;
  if (auto header = request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (header->size() > kBearer.size() && iequals(header->substr(0, kBearer.size()), kBearer) &&
        constant_time_equals(header->substr(kBearer.size()), token_)) {
      return true;
    }
  }
  auto param = request.param("token");
  return param && constant_time_equals(*param, token_);
}

int FetchGate::reserve(const std::string& meter_no) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto [it, inserted] = last_.try_emplace(meter_no, now);
  if (inserted) return 0;
  const auto ready = it->second + cooldown_;
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

Response busy_response() {
  Response r = error_response(429, "too_many_requests", "another manual fetch or test is running");
  r.set_header("Retry-After", "1");
  return r;
}

}  // namespace ebill::api
