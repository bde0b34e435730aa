// Keeps the stored day summaries right with no operator, on a thread of its
// own. Once the database is open: rebuilds, meter by meter, the summaries
// computed under other rules (GAP_MINUTES or usage::kSummaryRulesVersion
// changed; the views compute those days from the readings meanwhile, so
// answers stay right), then every `interval` (less a random part of up to
// half, so replicas drift apart) repairs the days other programs wrote
// (storage::DaySummaryStore::repair_foreign_writes, again at once while it
// found marks: their views change within one interval). Every API replica runs one: the work is idempotent,
// conflicts are retried, a replica finding the work done does nothing, and
// the rebuild takes meters in a random order. Storage errors are logged
// (one line) and the next round tries again.
#ifndef EBILL_API_HANDLERS_SUMMARY_KEEPER_H_
#define EBILL_API_HANDLERS_SUMMARY_KEEPER_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/handlers/database_handle.h"

namespace ebill::api {

class SummaryKeeper {
 public:
  // `database` must outlive this.
  SummaryKeeper(DatabaseHandle& database, std::chrono::seconds interval);
  // Stops and joins the thread (a round in progress finishes its meter).
  ~SummaryKeeper();
  SummaryKeeper(const SummaryKeeper&) = delete;
  SummaryKeeper& operator=(const SummaryKeeper&) = delete;

  // Starts the thread. Call once.
  void start();

 private:
  void run();
  // Waits `d` or until stopped; false when stopped.
  bool sleep(std::chrono::milliseconds d);
  // One round: the rules rebuild until done, then one foreign-write repair.
  void round(bool& rules_done);

  DatabaseHandle& database_;
  const std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // under mu_
  std::thread thread_;
};

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_SUMMARY_KEEPER_H_
