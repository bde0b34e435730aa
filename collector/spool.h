// The durable local spool: readings not yet known to be committed to the
// database, one v1 line each (spool_line.h), in SPOOL_DIR/readings.spool.
// The collector appends every cycle's readings before inserting them and
// empties the spool only after the inserts committed, so a reading survives
// a database outage, a crash or SIGKILL at any point after its fetch.
// Damaged lines go to SPOOL_DIR/quarantine.spool with a log line.
// One process per directory (an flock on SPOOL_DIR/lock); not thread-safe.
#ifndef EBILL_COLLECTOR_SPOOL_H_
#define EBILL_COLLECTOR_SPOOL_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/domain/reading.h"

namespace ebill::collector {

class Spool {
 public:
  // Creates `dir` (and parents) if needed, locks it, and opens the spool. A
  // last line cut short by a crash is closed with a newline (it will be
  // quarantined on replay). Fails with a one-line reason (unwritable
  // directory, another process holds the lock).
  static Result<std::unique_ptr<Spool>, std::string> open(const std::string& dir);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Appends one line per reading and fsyncs before returning, so the lines
  // are on disk in this order. Throws std::system_error on I/O failure.
  void append(const std::vector<Reading>& readings);

  // Lines waiting (damaged ones included).
  std::size_t depth() const { return depth_; }

  // Calls `insert` with the spooled readings in file order, in batches of at
  // most `batch`. When every call returned, damaged lines are appended to the
  // quarantine file (fsync'd, one log line each) and the spool is emptied
  // (fsync'd). When `insert` throws, nothing is changed and the exception
  // propagates: a later replay starts again from the first line, which is
  // safe with idempotent inserts. Returns the readings handed to `insert`.
  std::size_t replay(const std::function<void(const std::vector<Reading>&)>& insert,
                     std::size_t batch = 2000);

  const std::string& path() const { return path_; }
  const std::string& quarantine_path() const { return quarantine_path_; }

 private:
  Spool(std::string path, std::string quarantine_path, int fd, int lock_fd, std::size_t depth);

  std::string path_;
  std::string quarantine_path_;
  int fd_;       // O_APPEND
  int lock_fd_;  // holds the flock
  std::size_t depth_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_SPOOL_H_
