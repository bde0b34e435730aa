// The durable local spool: readings not yet known to be committed to the
// database, one v1 line each (spool_line.h), in SPOOL_DIR/readings.spool.
// The collector appends every cycle's readings before inserting them and
// empties the spool only after the inserts committed, so a reading survives
// a database outage, a crash or SIGKILL at any point after its fetch.
// Damaged lines go to SPOOL_DIR/quarantine.spool, readings the database
// refused (rejected_reading.h) to SPOOL_DIR/rejected.jsonl, each with a log
// line. One process per directory (an flock on SPOOL_DIR/lock); not
// thread-safe.
#ifndef EBILL_COLLECTOR_SPOOL_H_
#define EBILL_COLLECTOR_SPOOL_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "collector/rejected_reading.h"
#include "common/base/result.h"
#include "common/domain/reading.h"

namespace ebill::collector {

// What a replay did, for the metrics.
struct SpoolReplay {
  std::size_t handed = 0;    // readings handed to the insert
  std::size_t damaged = 0;   // lines moved to quarantine.spool
  std::size_t rejected = 0;  // readings moved to rejected.jsonl
};

// Stores one batch; returns the readings the database refused (they are
// quarantined), throws when the batch could not be stored.
using SpoolInsert = std::function<RejectedReadings(const std::vector<Reading>&)>;

class Spool {
 public:
  // Creates `dir` (and parents) if needed, locks it, and opens the spool. A
  // last line cut short by a crash is closed with a newline (it will be
  // quarantined on replay); when even that cannot be written (disk full)
  // the next append writes it first. Fails with a one-line reason
  // (unwritable directory, another process holds the lock, the directory
  // cannot be fsync'd).
  static Result<std::unique_ptr<Spool>, std::string> open(const std::string& dir);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Appends one line per reading and fsyncs before returning, so the lines
  // are on disk in this order. On I/O failure (disk full, I/O error) the
  // file is cut back to where it was, depth() is unchanged and
  // std::system_error is thrown: none of the readings count as spooled.
  void append(const std::vector<Reading>& readings);

  // Lines waiting (damaged ones included).
  std::size_t depth() const { return depth_; }

  // Calls `insert` with the spooled readings in file order, in batches of at
  // most `batch`. When every call returned, damaged lines are appended to
  // quarantine.spool and the readings `insert` returned as refused to
  // rejected.jsonl (both fsync'd, one log line each), then the spool is
  // emptied (fsync'd). When `insert` (or a quarantine write) throws, the
  // spool is not changed and the exception propagates: a later replay
  // starts again from the first line, which is safe with idempotent inserts.
  SpoolReplay replay(const SpoolInsert& insert, std::size_t batch = 2000);

  // Appends refused readings to rejected.jsonl, fsync'd, one JSON object per
  // line {"meter_no","collected_at","error","line"} ("line": the v1 spool
  // line, to re-spool it once the database accepts it), one log line each.
  // Throws std::system_error on I/O failure (nothing counts as written).
  void quarantine(const RejectedReadings& rejected);

  const std::string& path() const { return path_; }
  const std::string& quarantine_path() const { return quarantine_path_; }
  const std::string& rejected_path() const { return rejected_path_; }

 private:
  Spool(std::string dir, int fd, int lock_fd, std::size_t depth, bool unclosed);

  std::string dir_;
  std::string path_;
  std::string quarantine_path_;
  std::string rejected_path_;
  int fd_;       // O_APPEND
  int lock_fd_;  // holds the flock
  std::size_t depth_;
  bool unclosed_;  // the last line still lacks its newline
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_SPOOL_H_
