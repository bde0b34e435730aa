// Counts wrong secrets per client address: after `max_failures`
// within one window that starts at an address's first wrong secret, the
// address is refused until the window ends. At most `max_addresses` are
// remembered: expired windows are forgotten first, then the oldest window,
// so a flood of distinct addresses cannot grow the table. Time is passed in
// (steady clock) so it is testable. Not thread-safe: FailureLimiter calls
// it under its lock.
#ifndef EBILL_API_ACCESS_FAILURE_TABLE_H_
#define EBILL_API_ACCESS_FAILURE_TABLE_H_

#include <chrono>
#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>

namespace ebill::api {

class FailureTable {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    int max_failures = 5;              // >= 1
    Clock::duration window = std::chrono::minutes(1);
    std::size_t max_addresses = 4096;  // >= 1
  };

  explicit FailureTable(Limits limits) : limits_(limits) {}
  FailureTable() : FailureTable(Limits{}) {}

  // Whole seconds (>= 1) until `address` may try a secret again at `now`, or
  // 0 when it may try now.
  int wait_s(const std::string& address, Clock::time_point now);
  // Counts one wrong secret from `address` at `now`.
  void failed(const std::string& address, Clock::time_point now);

  // Addresses remembered (<= max_addresses).
  std::size_t addresses() const { return index_.size(); }

 private:
  struct Window {
    std::string address;
    int failures = 0;
    Clock::time_point since;
  };
  using Windows = std::list<Window>;  // oldest `since` first

  bool expired(const Window& w, Clock::time_point now) const;
  void forget_expired(Clock::time_point now);
  void forget(Windows::iterator it);

  const Limits limits_;
  Windows windows_;
  std::unordered_map<std::string, Windows::iterator> index_;
};

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_FAILURE_TABLE_H_
