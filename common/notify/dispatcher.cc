#include "common/notify/dispatcher.h"

#include <algorithm>

#include "common/fetch/curl_global.h"
#include "common/log/log.h"
#include "common/notify/http_post.h"
#include "common/notify/smtp_send.h"

namespace ebill::notify {

namespace {

constexpr std::chrono::milliseconds kMaxBackoff{60000};

std::chrono::milliseconds backoff(std::chrono::milliseconds first, int retry) {
  std::chrono::milliseconds wait = first;
  for (int i = 1; i < retry && wait < kMaxBackoff; ++i) wait *= 2;
  return std::min(wait, kMaxBackoff);
}

}  // namespace

Delivery make_delivery(const NotifyTarget& target, const Notice& notice,
                       const NotifySettings& settings) {
  const std::int64_t unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  return Delivery{notice.meter_no, notice.kind, target.type, redacted_target(target, settings),
                  build_request(target, notice, settings, unix_ms)};
}

bool deliver_once(const Delivery& delivery, int timeout_s, const std::atomic<bool>* abort,
                  std::string* why) {
  if (const auto* mail = std::get_if<MailRequest>(&delivery.request)) {
    *why = smtp_send(*mail, timeout_s, abort);
    return why->empty();
  }
  const HttpAnswer answer = http_post(std::get<HttpRequest>(delivery.request), timeout_s, abort);
  if (!answer.error.empty()) {
    *why = answer.error;
    return false;
  }
  return accepted(delivery.channel, answer.status, answer.body, why);
}

Dispatcher::Dispatcher(DispatcherOptions options) : options_(options) {
  ensure_curl_initialized();
  thread_ = std::thread([this] { run(); });
}

Dispatcher::~Dispatcher() {
  wait_idle(options_.shutdown_grace);
  std::size_t abandoned = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    abandoned = queue_.size();
    queue_.clear();
  }
  wake_.notify_all();
  thread_.join();
  if (abandoned > 0) log::warn("notify: stopping, {} queued notifications not sent", abandoned);
}

void Dispatcher::enqueue(Delivery delivery) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    if (queue_.size() >= options_.capacity && !queue_.empty()) {
      const Delivery& old = queue_.front();
      log::warn("notify: queue full, dropped {} for meter {} via {}", notice_kind_name(old.kind),
                old.meter_no, old.target);
      queue_.pop_front();
      ++stats_.dropped;
    }
    queue_.push_back(std::move(delivery));
  }
  wake_.notify_one();
}

bool Dispatcher::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

DispatcherStats Dispatcher::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void Dispatcher::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) break;
    Delivery d = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    send(d);
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
  busy_ = false;
  idle_.notify_all();
}

void Dispatcher::send(const Delivery& d) {
  const int attempts = 1 + std::max(0, options_.retries);
  std::string why;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) {
      std::unique_lock<std::mutex> lock(mu_);
      if (wake_.wait_for(lock, backoff(options_.first_backoff, attempt - 1),
                         [this] { return stop_.load(); })) {
        return;
      }
    }
    if (deliver_once(d, options_.timeout_s, &stop_, &why)) {
      log::info("notify: sent {} for meter {} via {}", notice_kind_name(d.kind), d.meter_no,
                d.target);
      std::lock_guard<std::mutex> lock(mu_);
      ++stats_.sent;
      return;
    }
    if (stop_) return;
    log::warn("notify: {} for meter {} via {} failed (attempt {}/{}): {}",
              notice_kind_name(d.kind), d.meter_no, d.target, attempt, attempts, why);
  }
  log::error("notify: gave up on {} for meter {} via {}: {}", notice_kind_name(d.kind),
             d.meter_no, d.target, why);
  std::lock_guard<std::mutex> lock(mu_);
  ++stats_.failed;
}

}  // namespace ebill::notify
