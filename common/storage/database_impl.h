// Internal to common/storage: the session pool behind Database, and how a
// store runs one operation on a pooled connection with reconnect-and-retry.
// Includes SOCI; only storage .cc files include this header.
#ifndef EBILL_COMMON_STORAGE_DATABASE_IMPL_H_
#define EBILL_COMMON_STORAGE_DATABASE_IMPL_H_

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/storage/backend.h"
#include "common/storage/circuit_breaker.h"
#include "common/storage/database.h"
#include "common/storage/storage_error.h"
#include "common/usage/sample.h"

namespace ebill::storage {

// The busy timeout of every SQLite connection, seconds.
constexpr int kSqliteBusyTimeoutS = 5;

// One borrowed connection. query() counts the statement it starts.
class Conn {
 public:
  Conn(soci::session& sql, Dialect dialect, std::atomic<std::uint64_t>& counter,
       const usage::UsageSettings& usage)
      : sql_(sql), dialect_(dialect), counter_(counter), usage_(usage) {}
  soci::session& sql() { return sql_; }
  soci::session& query() { count(); return sql_; }
  void count() { counter_.fetch_add(1, std::memory_order_relaxed); }
  Dialect dialect() const { return dialect_; }
  // The usage settings day summaries are computed with.
  const usage::UsageSettings& usage() const { return usage_; }

 private:
  soci::session& sql_;
  Dialect dialect_;
  std::atomic<std::uint64_t>& counter_;
  const usage::UsageSettings& usage_;
};

// A transaction that will write. On SQLite it takes the write lock up front
// (BEGIN IMMEDIATE, waiting out the busy timeout): a deferred transaction
// that reads first cannot upgrade while another connection writes, and
// fails at once. Rolls back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Conn& c) : conn_(c), sql_(c.sql()) {
    if (c.dialect() == Dialect::kSqlite) sql_ << "BEGIN IMMEDIATE";
    else sql_.begin();
  }
  ~WriteTransaction() {
    if (committed_) return;
    try {
      sql_.rollback();
    } catch (...) {
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit() {
    sql_.commit();
    committed_ = true;
  }
  // The connection the transaction runs on.
  Conn& conn() { return conn_; }

 private:
  Conn& conn_;
  soci::session& sql_;
  bool committed_ = false;
};

// Whether an operation may run a second time after its connection broke
// mid-way (reads and idempotent writes may; counters may not).
enum class Retry { kSafe, kUnsafe };

class Database::Impl {
 public:
  // `pool_wait`: how long a call waits for a free pooled connection. A MySQL
  // server that stalls (a call or connect times out) is marked down
  // (CircuitBreaker) for a short hold-off; SQLite is never marked down.
  Impl(Dialect dialect, std::string connect_string, std::string label, int pool_size,
       std::chrono::seconds pool_wait, usage::UsageSettings usage);
  ~Impl();

  // Runs fn(Conn&) on a pooled connection. A lost connection is re-opened;
  // with Retry::kSafe, and if it was lost without a stall, the operation
  // then runs once more. Throws
  // StorageUnavailable when the database cannot be reached (at once while
  // the server is marked down; after pool_wait when no connection is free),
  // StorageError for any other database error.
  template <typename F>
  auto run(Retry retry, F&& fn) -> decltype(fn(std::declval<Conn&>()));

  Dialect dialect() const { return dialect_; }
  const std::string& label() const { return label_; }
  std::uint64_t query_count() const { return queries_.load(); }
  // The usage settings the stored day summaries are computed with.
  const usage::UsageSettings& usage() const { return usage_; }
  // A node of a Galera cluster (wsrep_on), learned when the database opened.
  bool galera() const { return galera_.load(); }
  void set_galera(bool on) { galera_.store(on); }

 private:
  struct Slot {
    std::unique_ptr<soci::session> sql;
    std::uint64_t generation = 0;  // of the pool when it connected
  };
  class Pass;
  class Lease;

  // Waits (at most pool_wait_, and not once the server is marked down after
  // `pass` began) for a free slot; connects it if needed. Throws
  // StorageUnavailable.
  Slot* acquire(Pass& pass);
  void release(Slot* slot);
  void connect(Slot& slot);  // throws StorageUnavailable
  // A failure that took at least this long was a timeout (every database
  // timeout is 1 s or more): the server stalls rather than refuses.
  static constexpr std::chrono::milliseconds kStall{1000};
  // Classifies an error; on kLost every pooled session is marked for
  // reconnection (they all talked to the same server).
  Fault classify(const soci::soci_error& e);
  [[noreturn]] void rethrow(const soci::soci_error& e, Fault fault);

  const Dialect dialect_;
  const std::string connect_string_;
  const std::string label_;
  const usage::UsageSettings usage_;
  const std::chrono::seconds pool_wait_;
  const std::unique_ptr<CircuitBreaker> breaker_;  // null for SQLite
  std::atomic<std::uint64_t> queries_{0};
  std::atomic<std::uint64_t> generation_{1};
  std::atomic<bool> galera_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> idle_;
};

// One call's way through the breaker: refused at construction (throws
// StorageUnavailable) while the server is marked down; when it ends, reports
// the server unreachable if unreachable() was called, answering otherwise.
class Database::Impl::Pass {
 public:
  explicit Pass(Impl& impl);
  ~Pass();
  Pass(const Pass&) = delete;
  Pass& operator=(const Pass&) = delete;
  void unreachable() { unreachable_ = true; }
  // The breaker's trip count when the call began.
  std::uint64_t trips() const { return trips_; }

 private:
  Impl& impl_;
  std::uint64_t trips_ = 0;
  bool unreachable_ = false;
};

class Database::Impl::Lease {
 public:
  Lease(Impl& impl, Pass& pass) : impl_(impl), slot_(impl.acquire(pass)) {}
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
  Pass pass(*this);
  for (int attempt = 0;; ++attempt) {
    Lease lease(*this, pass);
    const auto started = std::chrono::steady_clock::now();
    try {
      Conn conn(lease.sql(), dialect_, queries_, usage_);
      return fn(conn);
    } catch (const soci::soci_error& e) {
      const Fault fault = classify(e);
      // A connection lost at once (server restarted, idle connection
      // dropped) is worth one retry; one lost after a wait (a timeout: the
      // server hangs) is not: reconnecting would only wait again. Only a
      // stall marks the server down: a refusal already fails fast.
      const bool stalled = std::chrono::steady_clock::now() - started >= kStall;
      if (fault == Fault::kLost) {
        lease.mark_broken();
        if (attempt == 0 && retry == Retry::kSafe && !stalled) continue;
      }
      if ((fault == Fault::kLost || fault == Fault::kUnavailable) && stalled) pass.unreachable();
      rethrow(e, fault);
    }
  }
}

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_DATABASE_IMPL_H_
