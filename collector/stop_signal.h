// SIGTERM and SIGINT as a stop request the program can wait on. Construct it
// first in main(), before any other thread starts: it blocks both signals in
// every thread and waits for them on a thread of its own, so no work happens
// in a signal handler.
#ifndef EBILL_COLLECTOR_STOP_SIGNAL_H_
#define EBILL_COLLECTOR_STOP_SIGNAL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ebill::collector {

class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // Raised once a stop was requested; never lowered.
  const std::atomic<bool>* flag() const { return &stop_; }
  bool stopped() const { return stop_.load(); }

  // `wake` runs (on the signal thread) when a stop is requested, e.g. to
  // interrupt a blocking fetch; it must be quick. Set it before the work
  // starts and clear it (set_wake({})) before what it touches goes away:
  // once set_wake returns, the old function is no longer running.
  void set_wake(std::function<void()> wake);

  // Raises the flag, runs the wake function, ends every sleep_until.
  void request_stop();

  // Sleeps until `deadline`; returns false at once when a stop comes first.
  bool sleep_until(std::chrono::steady_clock::time_point deadline);

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> exiting_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::function<void()> wake_;
  std::thread thread_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_STOP_SIGNAL_H_
