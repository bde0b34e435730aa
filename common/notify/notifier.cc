#include "common/notify/notifier.h"

#include <exception>

#include "common/log/log.h"
#include "common/notify/heartbeat.h"
#include "common/notify/notice_text.h"
#include "common/notify/report_loader.h"
#include "common/storage/notify_schedule_store.h"
#include "common/storage/notify_state_store.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "common/usage/recharges.h"

namespace ebill::notify {

namespace {

// Readings newer than the last one examined are looked for up to this far
// past `now` (a collector clock running behind the database's).
constexpr std::int64_t kFutureSlackSeconds = kSecondsPerDay;
constexpr const char* kHeartbeatName = "heartbeat";  // its notification_schedule row

bool has_rise(const std::vector<usage::Sample>& samples) {
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if (samples[i].remain > samples[i - 1].remain) return true;
  }
  return false;
}

}  // namespace

DispatcherOptions dispatcher_options(const NotifySettings& settings) {
  DispatcherOptions o;
  o.timeout_s = settings.timeout_s;
  o.retries = settings.retries;
  return o;
}

AlertRules alert_rules(const NotifySettings& s, const MeterConfig& meter) {
  return AlertRules{s.daily_report_minute,
                    meter.alert_balance_kwh.value_or(s.alert_balance_kwh),
                    s.alert_days_left,
                    s.alert_repeat_hours,
                    s.alert_stale_minutes,
                    AbnormalRules{static_cast<int>(s.alert_abnormal_factor), s.alert_abnormal_min_kwh},
                    s.weekly_report_minute,
                    s.weekly_report_day};
}

Notifier::Notifier(const Config& config) : Notifier(config, dispatcher_options(config.notify)) {}

Notifier::Notifier(const Config& config, DispatcherOptions options)
    : config_(config), dispatcher_(options) {}

Notifier::~Notifier() = default;

void Notifier::after_cycle(std::span<const MeterCycleOutcome> outcomes, LocalSeconds now,
                           storage::Database* db) {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, const MeterConfig*> watched;
  for (const MeterConfig& m : config_.meters) {
    if (!m.notify.empty()) watched[m.id] = &m;
  }
  std::vector<Todo> todo;
  for (const MeterCycleOutcome& o : outcomes) {
    const auto it = watched.find(o.meter_no);
    if (it != watched.end()) todo.emplace_back(it->second, &o);
  }
  if (db == nullptr) {
    if (!todo.empty()) log::debug("notify: cycle skipped, no database");
    return;
  }
  if (!todo.empty()) notify_meters(todo, now, *db);
  heartbeat(now, *db);
}

void Notifier::notify_meters(const std::vector<Todo>& todo, LocalSeconds now,
                             storage::Database& db) {
  hour_loads_left_ = kHourLoadsPerCycle;
  std::map<std::string, NotifyState> states;
  std::map<std::string, MeterStatus> statuses;
  try {
    states = storage::NotifyStateStore(db).load_all();
    for (MeterStatus& s : storage::StatusStore(db).list()) statuses[s.meter_no] = std::move(s);
  } catch (const std::exception& e) {
    log::warn("notify: cycle skipped, state unavailable: {}", e.what());
    return;
  }
  std::vector<Verdict> verdicts;
  std::vector<storage::NotifyStateStore::Entry> changed;
  for (const auto& [meter, outcome] : todo) {
    const auto status = statuses.find(meter->id);
    try {
      verdicts.push_back(evaluate(db, *meter, *outcome, states[meter->id],
                                  status == statuses.end() ? nullptr : &status->second, now));
      if (verdicts.back().changed) changed.emplace_back(meter->id, verdicts.back().next);
    } catch (const std::exception& e) {
      log::warn("notify: meter {} skipped: {}", meter->id, e.what());
    }
  }
  try {
    storage::NotifyStateStore(db).save(changed, now);
  } catch (const std::exception& e) {
    log::warn("notify: cycle skipped, state not saved: {}", e.what());
    return;
  }
  for (const Verdict& v : verdicts) {
    for (const Notice& notice : v.notices) {
      for (const NotifyTarget& target : v.meter->notify) {
        dispatcher_.enqueue(make_delivery(target, notice, config_.notify));
      }
    }
  }
}

Notifier::Verdict Notifier::evaluate(storage::Database& db, const MeterConfig& meter,
                                     const MeterCycleOutcome& outcome, const NotifyState& state,
                                     const MeterStatus* status, LocalSeconds now) {
  storage::ReadingStore readings(db);
  const AlertRules rules = alert_rules(config_.notify, meter);
  Observation obs;
  obs.now = now;

  std::vector<usage::Sample> recent;
  if (state.recharge_seen_at) {
    recent = to_samples(
        readings.between(meter.id, *state.recharge_seen_at, now + kFutureSlackSeconds));
  }
  if (!recent.empty()) {
    obs.latest = recent.back();
  } else if (std::optional<Reading> r = readings.latest(meter.id)) {
    obs.latest = usage::Sample{r->collected_at, r->remain};
  }
  if (outcome.ok && outcome.reading &&
      (!obs.latest || outcome.reading->collected_at > obs.latest->at)) {
    obs.latest = usage::Sample{outcome.reading->collected_at, outcome.reading->remain};
  }
  if (status != nullptr) obs.last_success = status->last_success;
  if (outcome.ok && (!obs.last_success || outcome.at > *obs.last_success)) {
    obs.last_success = outcome.at;
  }
  std::optional<usage::DaysLeft> days_left;
  if (obs.latest) {
    days_left = usage::days_left(*obs.latest, closed_days_of(db, meter.id, now), day_of(now));
    if (days_left) obs.days_left = days_left->days_left;
  }
  if (state.recharge_seen_at && has_rise(recent)) {
    obs.recharges = new_recharges(db, meter.id, *state.recharge_seen_at, recent.back().at);
  }
  if (obs.latest && rules.abnormal.factor_percent > 0 && hour_loads_left_ > 0) {
    if (const std::optional<AbnormalDue> due = abnormal_due(state, obs.latest->at)) {
      --hour_loads_left_;
      obs.hours = load_hour_buckets(db, meter.id, day_start(due->load_from()), due->end_hour,
                                    usage_settings(config_.usage));
      obs.hours_loaded = true;
    }
  }

  const Decision d = decide(state, obs, rules);
  Verdict v{&meter, d.next, d.next != state, {}};
  const MeterLabel label{meter.id, meter.name};
  for (const Action& a : d.actions) {
    switch (a.kind) {
      case NoticeKind::kDailyReport: {
        ReportData data = load_report_data(db, meter.id, now);
        v.notices.push_back(
            daily_report_notice(label, daily_report(data.days, data.current, now)));
        closed_[meter.id] = ClosedDays{day_of(now), std::move(data.days)};
        break;
      }
      case NoticeKind::kLowBalance:
      case NoticeKind::kLowBalanceReminder:
        v.notices.push_back(
            low_balance_notice(label, a.kind, *obs.latest, rules.balance_kwh, days_left));
        break;
      case NoticeKind::kRecharge: {
        // The reading that shows it (stored at exactly that time): its unit
        // price and money balance.
        const auto shown = readings.between(meter.id, a.recharge->at, a.recharge->at + 1);
        v.notices.push_back(recharge_notice(label, *a.recharge,
                                            shown.empty() ? std::nullopt
                                                          : std::optional<Reading>(shown.front())));
        break;
      }
      case NoticeKind::kSourceFailing:
        v.notices.push_back(source_failing_notice(
            label, obs.last_success, now,
            !outcome.error.empty() || status == nullptr ? outcome.error : status->last_error));
        break;
      case NoticeKind::kSourceRecovered:
        v.notices.push_back(source_recovered_notice(label, obs.latest));
        break;
      case NoticeKind::kAbnormalUsage:
        v.notices.push_back(abnormal_usage_notice(label, *a.abnormal, rules.abnormal));
        break;
      case NoticeKind::kWeeklyReport: {
        const ReportData data = load_report_data(db, meter.id, now, weekly_first_day(now));
        v.notices.push_back(weekly_report_notice(label, weekly_report(data.days, data.reading, now)));
        break;
      }
      case NoticeKind::kHeartbeat:
      case NoticeKind::kTest:
        break;
    }
  }
  return v;
}

void Notifier::heartbeat(LocalSeconds now, storage::Database& db) {
  const std::optional<int> minute = config_.notify.heartbeat_minute;
  if (!minute || !scheduled_due(now, *minute, heartbeat_tried_at_)) return;
  const std::vector<NotifyTarget> targets = all_targets(config_.meters);
  if (targets.empty()) return;
  try {
    // Every collector gets here; the claim lets one of them send.
    const bool mine = storage::NotifyScheduleStore(db).claim(kHeartbeatName, day_start(day_of(now)), now);
    heartbeat_tried_at_ = now;
    if (!mine) return;
    std::map<std::string, MeterStatus> statuses;
    for (MeterStatus& s : storage::StatusStore(db).list()) statuses[s.meter_no] = std::move(s);
    const Notice notice = heartbeat_notice(heartbeat_of(config_.meters, statuses, now));
    for (const NotifyTarget& target : targets) {
      dispatcher_.enqueue(make_delivery(target, notice, config_.notify));
    }
  } catch (const std::exception& e) {
    log::warn("notify: heartbeat skipped: {}", e.what());
  }
}

const std::vector<usage::DaySummary>& Notifier::closed_days_of(storage::Database& db,
                                                                const std::string& meter_no,
                                                                LocalSeconds now) {
  ClosedDays& c = closed_[meter_no];
  if (c.days.empty() || c.today != day_of(now)) {
    c.today = day_of(now);
    c.days = load_report_data(db, meter_no, now).days;
  }
  return c.days;
}

std::vector<usage::RechargeEvent> Notifier::new_recharges(storage::Database& db,
                                                          const std::string& meter_no,
                                                          LocalSeconds seen_at,
                                                          LocalSeconds latest_at) {
  storage::ReadingStore readings(db);
  const std::vector<usage::Sample> samples = to_samples(
      readings.between(meter_no, seen_at - usage::kRateWindowSeconds, latest_at + 1));
  return usage::without_jitter(
      usage::recharge_events(samples, seen_at + 1, latest_at + 1, usage_settings(config_.usage)),
      config_.usage.recharge_min_kwh);
}

}  // namespace ebill::notify
