// Internal to common/storage: the session pool behind Database, and how a
// store runs one operation on a pooled connection with reconnect-and-retry.
// Includes SOCI; only storage .cc files include this header.
#ifndef EBILL_COMMON_STORAGE_DATABASE_IMPL_H_
#define EBILL_COMMON_STORAGE_DATABASE_IMPL_H_

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/storage/database.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

// One borrowed connection. query() counts the statement it starts.
class Conn {
 public:
  Conn(soci::session& sql, Dialect dialect, std::atomic<std::uint64_t>& counter)
      : sql_(sql), dialect_(dialect), counter_(counter) {}
  soci::session& sql() { return sql_; }
  soci::session& query() { count(); return sql_; }
  void count() { counter_.fetch_add(1, std::memory_order_relaxed); }
  Dialect dialect() const { return dialect_; }

 private:
  soci::session& sql_;
  Dialect dialect_;
  std::atomic<std::uint64_t>& counter_;
};

// Whether an operation may run a second time after its connection broke
// mid-way (reads and idempotent writes may; counters may not).
enum class Retry { kSafe, kUnsafe };

class Database::Impl {
 public:
  Impl(Dialect dialect, std::string connect_string, std::string label, int pool_size);
  ~Impl();

  // Runs fn(Conn&) on a pooled connection. A lost connection is re-opened;
  // with Retry::kSafe the operation then runs once more. Throws
  // StorageUnavailable when the database cannot be reached, StorageError for
  // any other database error.
  template <typename F>
  auto run(Retry retry, F&& fn) -> decltype(fn(std::declval<Conn&>()));

  Dialect dialect() const { return dialect_; }
  const std::string& label() const { return label_; }
  std::uint64_t query_count() const { return queries_.load(); }

 private:
  struct Slot {
    std::unique_ptr<soci::session> sql;
    std::uint64_t generation = 0;  // of the pool when it connected
  };
  class Lease;

  Slot* acquire();  // blocks while every slot is busy; connects if needed
  void release(Slot* slot);
  void connect(Slot& slot);  // throws StorageUnavailable
  enum class Fault { kLost, kUnavailable, kOther };
  // Classifies an error; on kLost every pooled session is marked for
  // reconnection (they all talked to the same server).
  Fault classify(const soci::soci_error& e);
  [[noreturn]] void rethrow(const soci::soci_error& e, Fault fault);

  const Dialect dialect_;
  const std::string connect_string_;
  const std::string label_;
  std::atomic<std::uint64_t> queries_{0};
  std::atomic<std::uint64_t> generation_{1};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> idle_;
};

class Database::Impl::Lease {
 public:
  explicit Lease(Impl& impl) : impl_(impl), slot_(impl.acquire()) {}
  ~Lease() { impl_.release(slot_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& sql() { return *slot_->sql; }
  void mark_broken() { slot_->generation = 0; }

 private:
  Impl& impl_;
  Slot* slot_;
};

template <typename F>
auto Database::Impl::run(Retry retry, F&& fn) -> decltype(fn(std::declval<Conn&>())) {
  for (int attempt = 0;; ++attempt) {
    Lease lease(*this);
    try {
      Conn conn(lease.sql(), dialect_, queries_);
      return fn(conn);
    } catch (const soci::soci_error& e) {
      const Fault fault = classify(e);
      if (fault == Fault::kLost) {
        lease.mark_broken();
        if (attempt == 0 && retry == Retry::kSafe) continue;
      }
      rethrow(e, fault);
    }
  }
}

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_DATABASE_IMPL_H_
