#include "collector/stop_signal.h"

#include <pthread.h>
#include <signal.h>

#include "common/log/log.h"

namespace ebill::collector {

namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

StopSignal::StopSignal() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this, set] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (exiting_.load()) return;
      log::info("{} received: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
      request_stop();
    }
  });
}

StopSignal::~StopSignal() {
  exiting_ = true;
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

void StopSignal::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

void StopSignal::request_stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    if (wake_) wake_();  // under the lock: set_wake({}) waits for it
  }
  cv_.notify_all();
}

bool StopSignal::sleep_until(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  return !cv_.wait_until(lock, deadline, [this] { return stop_.load(); });
}

}  // namespace ebill::collector
