#include "common/fetch/page_fetcher.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <deque>
#include <map>
#include <random>
#include <string>

#include "common/fetch/curl_global.h"
#include "common/fetch/error_text.h"
#include "common/fetch/host_rate_limiter.h"
#include "common/fetch/retry_policy.h"
#include "common/fetch/url_host.h"

namespace ebill {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kMaxPollWait = std::chrono::milliseconds(50);  // bounds the stop latency

// One attempt of one request, owned by the loop while its easy handle runs.
struct Transfer {
  std::size_t index = 0;
  int attempt = 1;
  std::string body;
  bool too_large = false;
  std::size_t max_body = 0;
  char error[CURL_ERROR_SIZE] = {};
};

// A request waiting for a slot (first attempt or a retry after backoff).
struct Pending {
  std::size_t index = 0;
  int attempt = 1;
  Clock::time_point not_before;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

void classify(CURLcode rc, long status, const Transfer& t, const std::string& proxy,
              FetchOutcome* out) {
  out->status = status;
  if (rc == CURLE_OK) {
    if (status >= 200 && status <= 299) {
      out->error = FetchError::kNone;
      out->detail.clear();
    } else {
      out->error = FetchError::kHttpStatus;
      out->detail = fmt::format("HTTP {}", status);
    }
    return;
  }
  const std::string why =
      scrub_error_text(t.error[0] != '\0' ? t.error : curl_easy_strerror(rc), proxy);
  if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    out->error = FetchError::kTooLarge;
    out->detail = fmt::format("body over {} bytes", t.max_body);
  } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
    out->error = FetchError::kHttpStatus;  // the last answer was a 3xx
    out->detail = fmt::format("HTTP {} (too many redirects)", status);
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    out->error = FetchError::kTimeout;
    out->detail = why;
  } else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
             rc == CURLE_COULDNT_RESOLVE_PROXY) {
    out->error = FetchError::kConnect;
    out->detail = why;
  } else {
    out->error = FetchError::kNetwork;
    out->detail = why;
  }
}

}  // namespace

struct PageFetcher::Impl {
  explicit Impl(FetcherOptions s) : settings(std::move(s)), rng(std::random_device{}()) {
    ensure_curl_initialized();
    settings.concurrency = std::max(1, settings.concurrency);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(settings.concurrency) * 2);
    headers = curl_slist_append(headers,
                                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    headers = curl_slist_append(headers, "Accept-Language: zh-CN,zh;q=0.9");
  }

  ~Impl() {
    for (CURL* e : idle) curl_easy_cleanup(e);
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
  }

  CURL* start(const FetchRequest& request, Transfer* t) {
    CURL* e = idle.empty() ? curl_easy_init() : idle.back();
    if (!idle.empty()) idle.pop_back();
    curl_easy_reset(e);
    t->max_body = settings.max_body_bytes;
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout_ms));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout_ms));
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
    curl_easy_setopt(e, CURLOPT_USERAGENT, settings.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    // An empty proxy disables proxies altogether, http_proxy included.
    curl_easy_setopt(e, CURLOPT_PROXY, settings.proxy.c_str());
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(settings.max_body_bytes));
    curl_multi_add_handle(multi, e);
    return e;
  }

  void release(CURL* e) {
    curl_multi_remove_handle(multi, e);
    idle.push_back(e);
  }

  FetcherOptions settings;
  CURLM* multi = nullptr;
  curl_slist* headers = nullptr;
  std::vector<CURL*> idle;
  std::mt19937_64 rng;
};

PageFetcher::PageFetcher(FetcherOptions settings)
    : impl_(std::make_unique<Impl>(std::move(settings))) {}

PageFetcher::~PageFetcher() = default;

const FetcherOptions& PageFetcher::settings() const { return impl_->settings; }

void PageFetcher::wake() { curl_multi_wakeup(impl_->multi); }

std::vector<FetchOutcome> PageFetcher::fetch(const std::vector<FetchRequest>& requests,
                                             const std::atomic<bool>* stop,
                                             const OnOutcome& on_outcome) {
  Impl& im = *impl_;
  const FetcherOptions& s = im.settings;
  std::vector<FetchOutcome> outcomes(requests.size());
  std::vector<std::string> hosts(requests.size());
  std::map<std::string, std::deque<Pending>> queues;  // ready requests per host
  std::vector<Pending> delayed;                        // retries waiting out their backoff
  std::map<CURL*, std::unique_ptr<Transfer>> active;
  HostRateLimiter limiter(s.max_rps);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::size_t remaining = requests.size();

  const auto now0 = Clock::now();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    outcomes[i].meter_no = requests[i].meter_no;
    outcomes[i].url = requests[i].url;
    hosts[i] = host_of(requests[i].url);
    queues[hosts[i]].push_back(Pending{i, 1, now0});
  }
  auto finish = [&](std::size_t i) {
    outcomes[i].received_at = std::time(nullptr);
    --remaining;
    if (on_outcome) on_outcome(outcomes[i]);
  };

  while (remaining > 0) {
    if (stop != nullptr && stop->load()) {
      for (auto& [easy, t] : active) {
        im.release(easy);
        outcomes[t->index].attempts = t->attempt;
      }
      active.clear();
      for (auto& o : outcomes) {
        if (o.received_at != 0) continue;
        o.error = FetchError::kCancelled;
        o.detail = "stopped";
        finish(static_cast<std::size_t>(&o - outcomes.data()));
      }
      break;
    }

    // Retries whose backoff is over go to the front of their host's queue.
    auto now = Clock::now();
    for (auto it = delayed.begin(); it != delayed.end();) {
      if (it->not_before <= now) {
        queues[hosts[it->index]].push_front(*it);
        it = delayed.erase(it);
      } else {
        ++it;
      }
    }

    // Start transfers: round-robin over hosts while slots are free.
    bool started = true;
    while (started && active.size() < static_cast<std::size_t>(s.concurrency)) {
      started = false;
      for (auto& [host, q] : queues) {
        if (q.empty() || active.size() >= static_cast<std::size_t>(s.concurrency)) continue;
        if (!limiter.try_start(host, now)) continue;
        const Pending p = q.front();
        q.pop_front();
        auto t = std::make_unique<Transfer>();
        t->index = p.index;
        t->attempt = p.attempt;
        outcomes[p.index].attempts = p.attempt;
        CURL* easy = im.start(requests[p.index], t.get());
        active.emplace(easy, std::move(t));
        started = true;
      }
    }

    int running = 0;
    curl_multi_perform(im.multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(im.multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode rc = msg->data.result;
      long status = 0;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
      auto node = active.extract(easy);
      Transfer& t = *node.mapped();
      im.release(easy);
      FetchOutcome& out = outcomes[t.index];
      classify(rc, status, t, s.proxy, &out);
      out.body = std::move(t.body);
      if (is_retryable(out.error, out.status) && t.attempt <= s.retries) {
        const int wait = backoff_ms(t.attempt + 1, s.backoff_base_ms, s.backoff_cap_ms, unit(im.rng));
        delayed.push_back(Pending{t.index, t.attempt + 1, Clock::now() + std::chrono::milliseconds(wait)});
      } else {
        finish(t.index);
      }
    }
    if (remaining == 0) break;

    // Sleep until curl has work, a retry is due, a host may start again, or
    // the stop flag should be looked at.
    now = Clock::now();
    auto wake_at = now + kMaxPollWait;
    for (const Pending& p : delayed) wake_at = std::min(wake_at, p.not_before);
    if (active.size() < static_cast<std::size_t>(s.concurrency)) {
      for (const auto& [host, q] : queues) {
        if (!q.empty()) wake_at = std::min(wake_at, limiter.next_start(host, now));
      }
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake_at - now);
    if (wait.count() > 0) {
      curl_multi_poll(im.multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
  }
  return outcomes;
}

}  // namespace ebill
