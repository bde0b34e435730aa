#include "common/notify/alert_policy.h"

#include <algorithm>

namespace ebill::notify {

namespace {

void daily_report(const Observation& obs, const AlertRules& rules, Decision* d) {
  if (!rules.report_minute || !obs.latest) return;
  if (!scheduled_due(obs.now, *rules.report_minute, d->next.report_sent_at)) return;
  d->actions.push_back({NoticeKind::kDailyReport, std::nullopt, std::nullopt});
  d->next.report_sent_at = obs.now;
}

void weekly_report(const Observation& obs, const AlertRules& rules, Decision* d) {
  if (!rules.weekly_minute || !obs.latest || iso_weekday(day_of(obs.now)) != rules.weekly_day) {
    return;
  }
  if (!scheduled_due(obs.now, *rules.weekly_minute, d->next.weekly_sent_at)) return;
  d->actions.push_back({NoticeKind::kWeeklyReport, std::nullopt, std::nullopt});
  d->next.weekly_sent_at = obs.now;
}

void abnormal_usage(const Observation& obs, const AlertRules& rules, Decision* d) {
  if (!obs.latest || !obs.hours_loaded || rules.abnormal.factor_percent <= 0) return;
  const std::optional<AbnormalDue> due = abnormal_due(d->next, obs.latest->at);
  if (!due) return;
  for (const UsageVerdict& v : judge_due(*due, obs.hours, rules.abnormal, &d->next)) {
    d->actions.push_back({NoticeKind::kAbnormalUsage, std::nullopt, v});
  }
}

void low_balance(const Observation& obs, const AlertRules& rules, Decision* d) {
  if (!obs.latest) return;
  NotifyState& s = d->next;
  const bool low = is_low(obs, rules);
  if (low && !s.low_active) {
    d->actions.push_back({NoticeKind::kLowBalance, std::nullopt, std::nullopt});
    s.low_active = true;
    s.low_sent_at = obs.now;
    s.low_value = obs.latest->remain;
  } else if (low && rules.repeat_hours > 0 &&
             (!s.low_sent_at || obs.now - *s.low_sent_at >= rules.repeat_hours * kSecondsPerHour)) {
    d->actions.push_back({NoticeKind::kLowBalanceReminder, std::nullopt, std::nullopt});
    s.low_sent_at = obs.now;
  } else if (!low && s.low_active &&
             obs.latest->remain >= rearm_level(rules.balance_kwh, s.low_value)) {
    s.low_active = false;
  }
}

void recharges(const NotifyState& state, const Observation& obs, Decision* d) {
  if (!obs.latest) return;
  for (const usage::RechargeEvent& e : obs.recharges) {
    if (state.recharge_seen_at && e.at > *state.recharge_seen_at && e.at <= obs.latest->at) {
      d->actions.push_back({NoticeKind::kRecharge, e, std::nullopt});
    }
  }
  if (!d->next.recharge_seen_at || *d->next.recharge_seen_at < obs.latest->at) {
    d->next.recharge_seen_at = obs.latest->at;
  }
}

void source_health(const Observation& obs, const AlertRules& rules, Decision* d) {
  NotifyState& s = d->next;
  if (rules.stale_minutes <= 0) {
    s.stale_active = false;
    return;
  }
  const std::optional<LocalSeconds> from = obs.last_success ? obs.last_success : s.since;
  if (!from) return;
  const bool stale = obs.now - *from >= std::int64_t{rules.stale_minutes} * 60;
  if (stale && !s.stale_active) {
    d->actions.push_back({NoticeKind::kSourceFailing, std::nullopt, std::nullopt});
    s.stale_active = true;
  } else if (!stale && s.stale_active) {
    d->actions.push_back({NoticeKind::kSourceRecovered, std::nullopt, std::nullopt});
    s.stale_active = false;
  }
}

}  // namespace

bool scheduled_due(LocalSeconds now, int minute, const std::optional<LocalSeconds>& sent_at) {
  const LocalDay today = day_of(now);
  const LocalSeconds due = day_start(today) + std::int64_t{minute} * 60;
  const LocalSeconds until = std::min(due + kReportCatchUpSeconds, day_start(today + 1));
  if (now < due || now >= until) return false;
  return !sent_at || day_of(*sent_at) != today;
}

int iso_weekday(LocalDay day) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>(((day + 3) % 7 + 7) % 7) + 1;
}

bool is_low(const Observation& obs, const AlertRules& rules) {
  if (!obs.latest) return false;
  if (obs.latest->remain < rules.balance_kwh) return true;
  return rules.days_left > 0 && obs.days_left && *obs.days_left < rules.days_left * 100;
}

Hundredths rearm_level(Hundredths threshold, Hundredths value_at_alert) {
  const Hundredths base = std::max(threshold, value_at_alert);
  return base + std::max(kMinRearmMargin, base / 5);
}

Decision decide(const NotifyState& state, const Observation& obs, const AlertRules& rules) {
  Decision d{{}, state};
  if (!d.next.since) d.next.since = obs.now;
  source_health(obs, rules, &d);
  recharges(state, obs, &d);
  low_balance(obs, rules, &d);
  abnormal_usage(obs, rules, &d);
  daily_report(obs, rules, &d);
  weekly_report(obs, rules, &d);
  return d;
}

}  // namespace ebill::notify
