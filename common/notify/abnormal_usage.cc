#include "common/notify/abnormal_usage.h"

#include <algorithm>

namespace ebill::notify {

namespace {

const usage::Bucket* find_bucket(std::span<const usage::Bucket> buckets, LocalSeconds start) {
  const auto it = std::lower_bound(
      buckets.begin(), buckets.end(), start,
      [](const usage::Bucket& b, LocalSeconds t) { return b.start < t; });
  return it != buckets.end() && it->start == start ? &*it : nullptr;
}

// Opens an episode at the first abnormal verdict, ends it at a normal one.
void carry_episode(const std::optional<UsageVerdict>& v, bool* active,
                   std::vector<UsageVerdict>* alerts) {
  if (!v) return;
  if (v->abnormal && !*active) alerts->push_back(*v);
  *active = v->abnormal;
}

}  // namespace

bool is_clean(const usage::Bucket& b) { return b.readings > 0 && !b.estimated && b.recharge == 0; }

std::optional<Hundredths> median_of(std::vector<Hundredths> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

bool is_abnormal(Hundredths usage, Hundredths median, const AbnormalRules& rules) {
  if (rules.factor_percent <= 0) return false;
  return usage > rules.min_usage && usage * 100 > median * rules.factor_percent;
}

std::vector<usage::Bucket> day_buckets(std::span<const usage::Bucket> hours) {
  std::vector<usage::Bucket> days;
  for (std::size_t i = 0; i < hours.size();) {
    const LocalSeconds start = hours[i].start;
    if (start != day_start(day_of(start)) || i + 24 > hours.size() ||
        hours[i + 23].end != start + kSecondsPerDay) {
      ++i;
      continue;
    }
    usage::Bucket d;
    d.start = start;
    d.end = start + kSecondsPerDay;
    for (std::size_t h = i; h < i + 24; ++h) {
      const usage::Bucket& b = hours[h];
      d.consumption += b.consumption;
      d.recharge += b.recharge;
      d.estimated = d.estimated || b.estimated;
      d.readings += b.readings;
      if (!d.first) d.first = b.first;
      if (b.last) d.last = b.last;
    }
    days.push_back(d);
    i += 24;
  }
  return days;
}

std::optional<UsageVerdict> judge(std::span<const usage::Bucket> buckets, UsageSpan span,
                                  LocalSeconds start, const AbnormalRules& rules) {
  const usage::Bucket* b = find_bucket(buckets, start);
  if (b == nullptr || !is_clean(*b)) return std::nullopt;
  std::vector<Hundredths> baseline;
  for (int k = 1; k <= kBaselineDays; ++k) {
    const usage::Bucket* p = find_bucket(buckets, start - k * kSecondsPerDay);
    if (p != nullptr && is_clean(*p)) baseline.push_back(p->consumption);
  }
  if (baseline.size() < static_cast<std::size_t>(kMinBaseline)) return std::nullopt;
  const Hundredths median = *median_of(baseline);
  return UsageVerdict{span,   start, b->consumption, median, static_cast<int>(baseline.size()),
                      is_abnormal(b->consumption, median, rules)};
}

LocalDay AbnormalDue::load_from() const {
  return std::min(day_of(first_hour), first_day) - kBaselineDays;
}

std::optional<AbnormalDue> abnormal_due(const NotifyState& state, LocalSeconds latest_at) {
  AbnormalDue due;
  due.end_hour = hour_floor(latest_at);
  due.first_hour = state.abnormal_hour_at
                       ? std::max(*state.abnormal_hour_at + kSecondsPerHour,
                                  due.end_hour - kAbnormalCatchUpHours * kSecondsPerHour)
                       : due.end_hour - kSecondsPerHour;
  due.end_day = day_of(latest_at);
  due.first_day = state.abnormal_day_at
                      ? std::max(day_of(*state.abnormal_day_at) + 1,
                                 due.end_day - kAbnormalCatchUpDays)
                      : due.end_day - 1;
  if (due.first_hour >= due.end_hour && due.first_day >= due.end_day) return std::nullopt;
  return due;
}

std::vector<UsageVerdict> judge_due(const AbnormalDue& due, std::span<const usage::Bucket> hours,
                                    const AbnormalRules& rules, NotifyState* state) {
  std::vector<UsageVerdict> alerts;
  for (LocalSeconds h = due.first_hour; h < due.end_hour; h += kSecondsPerHour) {
    carry_episode(judge(hours, UsageSpan::kHour, h, rules), &state->abnormal_hour_active,
                  &alerts);
    state->abnormal_hour_at = h;
  }
  const std::vector<usage::Bucket> days = day_buckets(hours);
  for (LocalDay d = due.first_day; d < due.end_day; ++d) {
    carry_episode(judge(days, UsageSpan::kDay, day_start(d), rules),
                  &state->abnormal_day_active, &alerts);
    state->abnormal_day_at = day_start(d);
  }
  return alerts;
}

}  // namespace ebill::notify
