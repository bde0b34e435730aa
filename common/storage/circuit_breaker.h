// Fails database calls at once while the server is known not to answer.
// After a failure the breaker is open for a hold-off; then one call at a time
// (the probe) may try the server, and the others are refused until a probe
// succeeds. Thread-safe; time is passed in (steady clock) so it is testable.
#ifndef EBILL_COMMON_STORAGE_CIRCUIT_BREAKER_H_
#define EBILL_COMMON_STORAGE_CIRCUIT_BREAKER_H_

#include <chrono>
#include <cstdint>
#include <mutex>

namespace ebill::storage {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Admission {
    kGo,      // closed: the call goes ahead
    kProbe,   // open and the hold-off is over: this call tests the server
    kRefuse,  // open (or another call is probing): fail without trying
  };

  explicit CircuitBreaker(Clock::duration hold_off) : hold_off_(hold_off) {}

  // Whether a call starting at `now` may reach the server. A kProbe caller
  // must report its outcome (succeeded() or failed()).
  Admission admit(Clock::time_point now);

  // The server answered: closes the breaker. True if it was open.
  bool succeeded();
  // The server did not answer: (re)opens it for the hold-off from `now` and
  // ends any probe. True if it was closed.
  bool failed(Clock::time_point now);

  // Times it opened from closed; a caller waiting for a pooled connection
  // gives up when this changes.
  std::uint64_t trips() const;

 private:
  const Clock::duration hold_off_;
  mutable std::mutex mu_;
  bool open_ = false;
  bool probing_ = false;
  Clock::time_point retry_at_{};
  std::uint64_t trips_ = 0;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_CIRCUIT_BREAKER_H_
