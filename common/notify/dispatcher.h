// Sends notifications on one background thread so that no caller waits for a
// channel: enqueue() returns at once. A bounded queue (a full queue drops
// its oldest delivery, logged); each delivery gets 1 + retries attempts of
// one HTTP POST (or one SMTP transfer) with NOTIFY_TIMEOUT_SECONDS each, with exponential backoff
// between them. Log lines name the meter, the channel and a redacted target,
// never a key, token, topic or URL.
#ifndef EBILL_COMMON_NOTIFY_DISPATCHER_H_
#define EBILL_COMMON_NOTIFY_DISPATCHER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "common/config/meter_config.h"
#include "common/notify/channel_request.h"
#include "common/notify/notice.h"

namespace ebill::notify {

struct Delivery {
  std::string meter_no;
  NoticeKind kind = NoticeKind::kTest;
  ChannelType channel = ChannelType::kServerChan;
  std::string target;   // redacted_target(): safe to log
  ChannelRequest request;  // holds secrets: never logged
};

// Delivery builds the request for `target`, signed and dated now.
Delivery make_delivery(const NotifyTarget& target, const Notice& notice,
                       const NotifySettings& settings);

// One attempt: POSTs and judges the answer with accepted(), or hands the
// e-mail to its SMTP server. On failure fills
// `why` (no secrets). Blocks up to timeout_s seconds.
bool deliver_once(const Delivery& delivery, int timeout_s, const std::atomic<bool>* abort,
                  std::string* why);

struct DispatcherOptions {
  std::size_t capacity = 256;  // queued deliveries at most
  int timeout_s = 10;          // NOTIFY_TIMEOUT_SECONDS per attempt
  int retries = 2;             // NOTIFY_RETRIES after the first attempt
  // Wait before retry n (n = 1, 2, ...): first_backoff * 2^(n-1), at most 60 s.
  std::chrono::milliseconds first_backoff{2000};
  // How long the destructor lets queued deliveries finish before it aborts.
  std::chrono::milliseconds shutdown_grace{2000};
};

struct DispatcherStats {
  std::uint64_t sent = 0;     // accepted by their channel
  std::uint64_t failed = 0;   // gave up after every attempt
  std::uint64_t dropped = 0;  // pushed out of a full queue
};

class Dispatcher {
 public:
  explicit Dispatcher(DispatcherOptions options);
  // Waits up to options.shutdown_grace for the queue to drain, then stops
  // the thread: an attempt in flight is aborted and deliveries still queued
  // are dropped (one log line with their number).
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Queues the delivery and returns at once; never blocks on the network.
  void enqueue(Delivery delivery);

  // Blocks until nothing is queued or in flight, or `timeout` passed;
  // returns whether it is idle. For tests and orderly shutdown.
  bool wait_idle(std::chrono::milliseconds timeout);

  DispatcherStats stats() const;

 private:
  void run();
  void send(const Delivery& delivery);

  const DispatcherOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;  // work arrived or stopping
  std::condition_variable idle_;  // queue empty and nothing in flight
  std::deque<Delivery> queue_;
  bool busy_ = false;
  std::atomic<bool> stop_{false};
  DispatcherStats stats_;
  std::thread thread_;
};

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_DISPATCHER_H_
