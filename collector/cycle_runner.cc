#include "collector/cycle_runner.h"

#include <chrono>
#include <ctime>
#include <exception>
#include <unordered_map>

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

bool CycleRunner::replay_spool() {
  if (spool_.depth() == 0) return true;
  const std::size_t depth = spool_.depth();
  try {
    storage::ReadingStore store(*db_);
    std::size_t fresh = 0;
    spool_.replay([&](const std::vector<Reading>& batch) { fresh += store.insert(batch); });
    log::debug("spool: {} lines replayed, {} new rows", depth, fresh);
    return true;
  } catch (const storage::StorageUnavailable& e) {
    log::warn("database unavailable, {} readings stay in the spool: {}", depth, e.what());
  } catch (const storage::StorageError& e) {
    log::error("spool replay failed, {} readings stay in the spool: {}", depth, e.what());
  }
  return false;
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
  bool up = connect() && replay_spool();

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

  // Write-ahead: the readings are on disk before the database sees them.
  const std::vector<Reading> readings = collect::readings_of(report.outcomes);
  spool_.append(readings);
  for (const Reading& r : readings) remember(latest_, r);
  if (!up) up = connect();
  if (up) up = replay_spool();
  if (up) {
    record_status(report.outcomes);
  } else {
    log::warn("database unavailable: meter_status not updated for {} meters",
              report.outcomes.size());
  }

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
  report.database_up = up;
  report.spool_depth = spool_.depth();
  report.duration_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  log::info("cycle ok={} failed={} skipped={} duration={:.2f}s stored={} spool={}", report.ok,
            report.failed, report.skipped, report.duration_s, up ? "yes" : "no",
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
