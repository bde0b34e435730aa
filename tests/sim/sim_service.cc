#include "tests/sim/sim_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "tests/sim/gzip.h"
#include "tests/sim/meter_model.h"
#include "tests/sim/page_render.h"

namespace ebill::sim {

namespace {

// The value of `key` in a query string ("a=1&b=2"); no percent-decoding is
// needed for the plain tokens the simulator accepts.
std::optional<std::string_view> query_param(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = item.find('=');
    if (item.substr(0, eq) == key) {
      return eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    }
  }
  return std::nullopt;
}

bool valid_meter_no(std::string_view mid) {
  return !mid.empty() && mid.size() <= 32 &&
         std::all_of(mid.begin(), mid.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '-';
         });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

SimResponse text(int status, std::string body) {
  SimResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

SimResponse json(std::string body) {
  SimResponse r;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

// A different meter number of the same length: the last digit moved on by one.
std::string other_meter(std::string_view mid) {
  std::string other(mid);
  char& last = other.back();
  last = (last >= '0' && last <= '8') ? static_cast<char>(last + 1) : '0';
  return other;
}

PageData page_data(std::uint64_t seed, const std::string& mid, LocalSeconds t,
                   Hundredths offset) {
  const MeterParams p = params_for(seed, mid);
  const Reading r = reading_at(seed, mid, t);
  const Hundredths remain = r.remain + offset;
  return PageData{p.name, mid, remain, cost_of(remain, *r.unit_price).value(), *r.unit_price, true};
}

}  // namespace

SimResponse SimService::handle(const SimRequest& request) {
  std::string_view target = request.target;
  // Absolute-form targets arrive when a client uses the simulator as its
  // HTTP proxy: answer for any host.
  if (target.starts_with("http://") || target.starts_with("https://")) {
    const std::size_t slash = target.find('/', target.find("//") + 2);
    target = slash == std::string_view::npos ? "/" : target.substr(slash);
  }
  const std::size_t q = target.find('?');
  const std::string_view path = target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  SimResponse r;
  if (iequals(path, "/nat/pay.aspx")) {
    const auto mid = query_param(query, "mid");
    r = mid ? page(request.method, *mid, request.accepts_gzip)
            : text(400, render_status_page(400));
  } else if (path.starts_with("/_control/")) {
    r = control(path.substr(10), query);
  } else {
    r = text(404, render_status_page(404));
  }
  r.sim_time = clock_.now();
  return r;
}

SimResponse SimService::page(std::string_view method, std::string_view mid_text, bool gzip) {
  if (!valid_meter_no(mid_text)) return text(400, render_status_page(400));
  const std::string mid(mid_text);
  stats_.count_request(mid);
  SimResponse r;
  r.is_page = true;
  r.delay_ms = latency_ms_.load();
  if (method != "GET") {
    r.status = 405;
    r.body = render_status_page(405);
    return r;
  }
  const LocalSeconds now = clock_.now();
  const FaultMode mode = faults_->mode_for(mid);
  switch (mode) {
    case FaultMode::kNone:
      r.body = render_page(page_data(seed_, mid, now, offsets_.of(mid)));
      break;
    case FaultMode::kSlow:
      r.delay_ms += slow_ms_;
      r.body = render_page(page_data(seed_, mid, now, offsets_.of(mid)));
      break;
    case FaultMode::kHttp500:
    case FaultMode::kHttp502:
    case FaultMode::kHttp405:
      r.status = mode == FaultMode::kHttp500 ? 500 : mode == FaultMode::kHttp502 ? 502 : 405;
      r.body = render_status_page(r.status);
      return r;  // error bodies go out uncompressed
    case FaultMode::kBlock:
      r.body = render_block_page();
      break;
    case FaultMode::kTruncated: {
      r.body = render_page(page_data(seed_, mid, now, offsets_.of(mid)));
      // Cut two bytes into the 剩余电量 value: "52.36" arrives as "52".
      const std::string marker = R"(剩余电量:</span><label style="color:#f60;">)";
      r.body.resize(r.body.find(marker) + marker.size() + 2);
      break;
    }
    case FaultMode::kGarbled:
      r.body = render_page(page_data(seed_, mid, now, offsets_.of(mid)));
      for (char& c : r.body) {
        if (static_cast<unsigned char>(c) >= 0x80) c = '\xff';
      }
      break;
    case FaultMode::kNoBalance: {
      PageData d = page_data(seed_, mid, now, offsets_.of(mid));
      d.with_balance = false;
      r.body = render_page(d);
      break;
    }
    case FaultMode::kOtherMeter:
      r.body = render_page(page_data(seed_, other_meter(mid), now, offsets_.of(other_meter(mid))));
      break;
    case FaultMode::kReset:
      r.reset = true;
      return r;
  }
  if (gzip) {
    std::string packed = gzip_compress(r.body);
    if (!packed.empty()) {
      r.body = std::move(packed);
      r.content_encoding = "gzip";
    }
  }
  return r;
}

SimResponse SimService::control(std::string_view what, std::string_view query) {
  const auto mid = query_param(query, "mid");
  if (mid && !valid_meter_no(*mid)) return text(400, "bad mid\n");
  if (what == "fault") {
    const auto mode_text = query_param(query, "mode");
    if (!mode_text) {
      return json(fmt::format(R"({{"mid":"{}","mode":"{}"}})", mid.value_or(""),
                              fault_name(faults_->mode_for(mid.value_or("")))));
    }
    const auto mode = parse_fault(*mode_text);
    if (!mode) return text(400, "unknown mode\n");
    if (mid) {
      faults_->set_override(std::string(*mid), *mode);
    } else {
      faults_->set_global(*mode);
    }
    return json(fmt::format(R"({{"mid":"{}","mode":"{}"}})", mid.value_or(""), fault_name(*mode)));
  }
  if (what == "latency") {
    int ms = 0;
    const auto v = query_param(query, "ms").value_or("");
    if (std::from_chars(v.data(), v.data() + v.size(), ms).ec != std::errc() || ms < 0) {
      return text(400, "bad ms\n");
    }
    latency_ms_ = ms;
    return json(fmt::format(R"({{"latency_ms":{}}})", ms));
  }
  if (what == "stats") {
    if (mid) return json(fmt::format(R"({{"mid":"{}","requests":{}}})", *mid, stats_.requests_for(*mid)));
    return json(stats_.to_json());
  }
  if (what == "reset") {
    stats_.reset();
    return json(R"({"reset":true})");
  }
  if (what == "redirect" && mid) {
    int hops = 1;
    const auto v = query_param(query, "hops").value_or("1");
    std::from_chars(v.data(), v.data() + v.size(), hops);
    SimResponse r = text(302, "");
    r.location = hops > 1 ? fmt::format("/_control/redirect?mid={}&hops={}", *mid, hops - 1)
                          : fmt::format("/nat/pay.aspx?mid={}", *mid);
    return r;
  }
  if (what == "balance" && mid) {
    const auto add = parse_hundredths(query_param(query, "add").value_or(""));
    if (!add) return text(400, "bad add\n");
    const Hundredths offset = offsets_.add(std::string(*mid), *add);
    return json(fmt::format(R"({{"mid":"{}","offset":"{}"}})", *mid, format_hundredths(offset)));
  }
  if (what == "time") return json(fmt::format(R"({{"now":"{}"}})", format_datetime(clock_.now())));
  return text(404, render_status_page(404));
}

}  // namespace ebill::sim
