// Running database work again after a transient conflict: a deadlock or a
// Galera certification failure (MySQL error 1213; on a multi-primary
// cluster a write that conflicts with one committed on another node fails
// this way) or a lock wait timeout (1205). Bounded: at most
// kConflictAttempts tries, sleeping an exponential backoff with full jitter
// in between (up to 10, 20, 40 ... 640 ms; about 1.3 s at most in all). The
// last conflict, and any other error at once, propagates unchanged.
// Only for work that may run twice: an autocommit statement, a whole
// transaction, an idempotent step. Thread-safe.
#ifndef EBILL_COMMON_STORAGE_RETRY_H_
#define EBILL_COMMON_STORAGE_RETRY_H_

#include <soci/soci.h>

#include <chrono>

namespace ebill::storage {

inline constexpr int kConflictAttempts = 8;

// True for a MySQL/MariaDB error worth retrying as such (1213, 1205).
bool is_transient_conflict(const soci::soci_error& e);

// Sleeps a random time in [0, min(640, 10 * 2^(attempt-1))] ms, before try
// number attempt + 1.
void conflict_backoff(int attempt);

// Sleeps a random time in [lo, hi] (uniform): pollers that started together
// drift apart.
void jitter_sleep(std::chrono::milliseconds lo, std::chrono::milliseconds hi);

template <typename F>
auto retry_conflicts(F&& fn) -> decltype(fn()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return fn();
    } catch (const soci::soci_error& e) {
      if (attempt >= kConflictAttempts || !is_transient_conflict(e)) throw;
    }
    conflict_backoff(attempt);
  }
}

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_RETRY_H_
