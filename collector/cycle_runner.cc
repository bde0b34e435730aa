#include "collector/cycle_runner.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <system_error>
#include <unordered_map>

#include "collector/isolate_rejects.h"
#include "collector/shard.h"
#include "common/collect/record.h"
#include "common/log/log.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "common/storage/storage_error.h"

namespace ebill::collector {

namespace {

// The configured meters as `meter` rows, for when the table cannot be read.
std::vector<Meter> configured_meters(const Config& config, LocalSeconds now) {
  std::vector<Meter> meters;
  for (const MeterConfig& m : config.meters) meters.push_back(Meter{m.id, m.name, true, now});
  return meters;
}

void remember(collect::LatestReadings& latest, const Reading& r) {
  auto [it, inserted] = latest.try_emplace(r.meter_no, r);
  if (!inserted && it->second.collected_at <= r.collected_at) it->second = r;
}

// Readings per insert, as the spool replays them.
constexpr std::size_t kBatch = 2000;

// Inserts in batches of kBatch, each one transaction; refused readings are
// isolated and returned, not stored.
IsolatedInsert store_readings(storage::Database& db, const std::vector<Reading>& readings) {
  storage::ReadingStore store(db);
  const BatchInsert insert = [&](const std::vector<Reading>& b) { return store.insert(b); };
  IsolatedInsert out;
  for (std::size_t at = 0; at < readings.size(); at += kBatch) {
    const auto from = readings.begin() + static_cast<std::ptrdiff_t>(at);
    const std::vector<Reading> batch(from, from + static_cast<std::ptrdiff_t>(std::min(kBatch, readings.size() - at)));
    IsolatedInsert part = insert_isolating_rejects(batch, insert);
    out.fresh += part.fresh;
    for (RejectedReading& r : part.rejected) out.rejected.push_back(std::move(r));
  }
  return out;
}

}  // namespace

CycleRunner::CycleRunner(const Config& config, std::unique_ptr<storage::Database> db, Spool& spool,
                         PageFetcher& fetcher, const Clock& clock, Metrics& metrics)
    : config_(config),
      db_(std::move(db)),
      spool_(spool),
      fetcher_(fetcher),
      clock_(clock),
      metrics_(metrics),
      levels_(config.fetch.jump_confirm_readings, config.fetch.max_jump_kwh),
      known_meters_(configured_meters(config, clock.now())) {}

bool CycleRunner::connect() {
  if (!db_) {
    auto opened = storage::Database::open(config_.database);
    if (!opened.ok()) {
      log::warn("database unavailable: {}", opened.error().message);
      return false;
    }
    db_ = std::move(opened).value();
    log::info("database {} open", db_->describe());
  }
  try {
    if (!meters_upserted_) {
      storage::MeterStore store(*db_);
      std::unordered_map<std::string, std::string> names;  // what the table has
      for (const Meter& m : store.list()) names.emplace(m.meter_no, m.name);
      std::vector<Meter> changed;
      for (const Meter& m : configured_meters(config_, clock_.now())) {
        const auto it = names.find(m.meter_no);
        if (it == names.end() || it->second != m.name) changed.push_back(m);
      }
      store.upsert(changed);
      meters_upserted_ = true;
      for (const Reading& r : storage::ReadingStore(*db_).latest_per_meter()) remember(latest_, r);
    }
    return true;
  } catch (const storage::StorageUnavailable& e) {
    log::warn("database unavailable: {}", e.what());
  } catch (const storage::StorageError& e) {
    log::error("database error: {}", e.what());
  }
  return false;
}

CycleRunner::Store CycleRunner::replay_spool(CycleReport& report) {
  if (spool_.depth() == 0) return Store::kStored;
  const std::size_t depth = spool_.depth();
  try {
    std::size_t fresh = 0;
    const SpoolReplay done = spool_.replay([&](const std::vector<Reading>& batch) {
      IsolatedInsert stored = store_readings(*db_, batch);
      fresh += stored.fresh;
      return std::move(stored.rejected);
    });
    report.damaged += done.damaged;
    report.rejected += done.rejected;
    log::debug("spool: {} lines replayed, {} new rows", depth, fresh);
    return Store::kStored;
  } catch (const storage::StorageUnavailable& e) {
    log::warn("database unavailable, {} readings stay in the spool: {}", depth, e.what());
    return Store::kDown;
  } catch (const std::runtime_error& e) {  // StorageError, or a quarantine write (system_error)
    log::error("spool replay failed, {} readings stay in the spool: {}", depth, e.what());
  }
  return Store::kFailed;
}

CycleRunner::Store CycleRunner::store_held(CycleReport& report) {
  if (held_.empty()) return Store::kStored;
  try {
    IsolatedInsert stored = store_readings(*db_, held_);
    log::info("{} readings not in the spool stored straight into the database ({} new)",
              held_.size(), stored.fresh);
    held_.clear();
    if (stored.rejected.empty()) return Store::kStored;
    try {
      spool_.quarantine(stored.rejected);
      report.rejected += stored.rejected.size();
      return Store::kStored;
    } catch (const std::system_error& e) {
      log::error("spool: {} refused readings stay in memory, not quarantined: {}",
                 stored.rejected.size(), e.what());
      for (RejectedReading& r : stored.rejected) held_.push_back(std::move(r.reading));
    }
  } catch (const storage::StorageUnavailable& e) {
    log::warn("database unavailable, {} readings stay in memory: {}", held_.size(), e.what());
    return Store::kDown;
  } catch (const storage::StorageError& e) {
    log::error("{} readings not stored, they stay in memory: {}", held_.size(), e.what());
  }
  return Store::kFailed;
}

void CycleRunner::write_ahead(const std::vector<Reading>& readings) {
  held_.insert(held_.end(), readings.begin(), readings.end());
  if (held_.empty()) return;
  try {
    spool_.append(held_);
    if (spool_failing_) {
      log::info("spool: {} can be written again ({} readings spooled)", spool_.path(),
                held_.size());
    }
    spool_failing_ = false;
    held_.clear();
  } catch (const std::system_error& e) {
    if (!spool_failing_) {
      log::error("spool: {}: readings go straight to the database, and stay in memory while "
                 "it is down",
                 e.what());
    }
    spool_failing_ = true;
  }
}

void CycleRunner::watch_held(CycleReport& report) {
  if (held_.size() > kMaxHeld) {
    report.dropped = held_.size() - kMaxHeld;
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(report.dropped));
    log::error("{} oldest readings given up: more than {} held in memory", report.dropped,
               kMaxHeld);
  }
  const bool stranded = !held_.empty() && !report.database_up;
  if (stranded && !stranded_) {
    log::error("readings held in memory only: the spool cannot be written and the database "
               "does not answer; they are lost if the collector stops");
  } else if (!stranded && stranded_) {
    log::info("no reading is held in memory only any more");
  }
  stranded_ = stranded;
  report.held = held_.size();
  report.spool_writable = !spool_failing_;
}

std::vector<Meter> CycleRunner::meters() {
  try {
    known_meters_ = storage::MeterStore(*db_).list();
  } catch (const std::exception& e) {
    log::warn("meter list unavailable, using the last known {} meters: {}", known_meters_.size(),
              e.what());
  }
  return known_meters_;
}

void CycleRunner::record_status(const std::vector<collect::PollOutcome>& outcomes) {
  try {
    storage::StatusStore(*db_).record(collect::attempts_of(outcomes));
  } catch (const std::exception& e) {
    log::warn("meter_status not updated for {} meters: {}", outcomes.size(), e.what());
  }
}

CycleReport CycleRunner::run(const std::atomic<bool>* stop) {
  const auto t0 = std::chrono::steady_clock::now();
  CycleReport report;
  report.started_at = clock_.now();

  // The database first: earlier readings go in before new ones are fetched.
  const bool up = connect() && replay_spool(report) != Store::kDown;

  std::vector<std::string> to_poll;
  for (const Meter& m : up ? meters() : known_meters_) {
    if (shard_of(m.meter_no, config_.collector.shard_count) != config_.collector.shard_index) continue;
    if (m.enabled) {
      to_poll.push_back(m.meter_no);
    } else {
      ++report.skipped;
    }
  }

  report.outcomes = collect::poll_meters(fetcher_, config_.fetch, to_poll, latest_, stop);
  levels_.review(report.outcomes);
  report.stopped = stop != nullptr && stop->load();

  // Write-ahead: the readings are on disk before the database sees them
  // (held in memory when the spool cannot be written).
  const std::vector<Reading> readings = collect::readings_of(report.outcomes);
  write_ahead(readings);
  for (const Reading& r : readings) remember(latest_, r);
  Store store = connect() ? replay_spool(report) : Store::kDown;
  if (store != Store::kDown) {
    const Store held = store_held(report);
    if (held != Store::kStored) store = held;
  }
  report.database_up = store != Store::kDown;
  report.stored = store == Store::kStored;
  if (report.database_up) {
    record_status(report.outcomes);
  } else {
    log::warn("database unavailable: meter_status not updated for {} meters",
              report.outcomes.size());
  }
  watch_held(report);

  for (const collect::PollOutcome& o : report.outcomes) {
    if (o.ok()) {
      ++report.ok;
    } else if (o.error == collect::PollError::kCancelled) {
      ++report.skipped;
    } else {
      ++report.failed;
      log::warn("meter {}: {}", o.meter_no, collect::failure_text(o));
    }
  }
  report.spool_depth = spool_.depth();
  report.duration_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  log::info("cycle ok={} failed={} skipped={} duration={:.2f}s stored={} spool={}", report.ok,
            report.failed, report.skipped, report.duration_s, report.stored ? "yes" : "no",
            report.spool_depth);

  metrics_.record_cycle(report, std::time(nullptr));
  for (CycleObserver* observer : observers_) {
    try {
      observer->after_cycle(report, clock_, db_.get());
    } catch (const std::exception& e) {
      log::error("cycle observer failed: {}", e.what());
    }
  }
  return report;
}

}  // namespace ebill::collector
