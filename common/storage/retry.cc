#include "common/storage/retry.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "common/storage/backend.h"

namespace ebill::storage {

bool is_transient_conflict(const soci::soci_error& e) {
  const int n = mysql_error_number(e);
  return n == 1213     // deadlock; Galera: certification failed
         || n == 1205;  // lock wait timeout
}

void conflict_backoff(int attempt) {
  const int cap_ms = std::min(640, 10 << std::min(attempt - 1, 6));
  jitter_sleep(std::chrono::milliseconds(0), std::chrono::milliseconds(cap_ms));
}

void jitter_sleep(std::chrono::milliseconds lo, std::chrono::milliseconds hi) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> pick(lo.count(), hi.count());
  std::this_thread::sleep_for(std::chrono::milliseconds(pick(rng)));
}

}  // namespace ebill::storage
