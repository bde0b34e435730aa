#include "api/handlers/summary_keeper.h"

#include <algorithm>
#include <random>

#include "common/log/log.h"
#include "common/storage/day_summary_store.h"
#include "common/storage/storage_error.h"

namespace ebill::api {

SummaryKeeper::SummaryKeeper(DatabaseHandle& database, std::chrono::seconds interval)
    : database_(database), interval_(interval) {}

SummaryKeeper::~SummaryKeeper() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SummaryKeeper::start() {
  thread_ = std::thread([this] { run(); });
}

bool SummaryKeeper::sleep(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !wake_.wait_for(lock, d, [&] { return stopping_; });
}

void SummaryKeeper::round(bool& rules_done) {
  storage::Database* db = nullptr;
  try {
    db = &database_.get();
  } catch (...) {
    return;  // not open yet
  }
  storage::DaySummaryStore store(*db);
  if (!rules_done) {
    std::vector<std::string> meters = store.meters_with_other_rules();
    if (!meters.empty()) {
      log::info("api: day summaries of {} meters have other rules; rebuilding them in the background",
                meters.size());
    }
    std::shuffle(meters.begin(), meters.end(), std::mt19937(std::random_device{}()));
    std::size_t rebuilt = 0;
    for (const std::string& meter : meters) {
      if (!sleep(std::chrono::milliseconds(0))) return;
      if (store.rebuild_other_rules(meter)) ++rebuilt;
    }
    if (!meters.empty()) log::info("api: rebuilt the day summaries of {} meters", rebuilt);
    rules_done = true;
  }
  // Again at once while there were marks: a large import is worked off in
  // rounds of 5,000 marks, not one round per interval.
  while (const std::size_t meters = store.repair_foreign_writes()) {
    log::info("api: repaired the day summaries of {} meters written by another program", meters);
    if (!sleep(std::chrono::milliseconds(0))) return;
  }
}

void SummaryKeeper::run() {
  std::mt19937 random(std::random_device{}());
  const auto full = std::chrono::duration_cast<std::chrono::milliseconds>(interval_);
  std::uniform_int_distribution<long long> part(full.count() / 2, full.count());
  bool rules_done = false;
  std::chrono::steady_clock::time_point last_error{};
  for (;;) {
    try {
      round(rules_done);
    } catch (const std::exception& e) {
      // At most one line a minute while the database stays away.
      const auto now = std::chrono::steady_clock::now();
      if (now - last_error >= std::chrono::minutes(1)) {
        log::warn("api: day summary upkeep: {}", e.what());
        last_error = now;
      }
    }
    // Until the database opens (and the rules rebuild is done), again
    // after a second.
    if (!sleep(rules_done ? std::chrono::milliseconds(part(random))
                          : std::chrono::milliseconds(1000))) {
      return;
    }
  }
}

}  // namespace ebill::api
