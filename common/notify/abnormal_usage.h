// Abnormal usage: an hour or a day far above the meter's recent normal.
// Pure, over the hour buckets of usage::attribute(). Rules
// (docs/notifications.md, "Abnormal usage"):
//
// - A bucket is *clean* when it holds a reading, no gap estimate and no
//   recharge. Only clean buckets are judged or counted in a baseline.
// - The baseline of an hour is the median usage of the same hour of day on
//   the 14 days before it; of a day, the median of the 14 days before it.
//   Fewer than 7 clean buckets there: not judged.
// - Abnormal: usage > factor x median AND usage > the floor (both strict).
// - Each closed hour and day is judged once, oldest first (at most the last
//   24 hours and 2 days when the collector was away; on a meter's first
//   look only the newest closed hour and day). A bucket is closed when the
//   newest reading is at or past its end.
// Amounts in hundredths of a kWh; times local (APP_TZ).
#ifndef EBILL_COMMON_NOTIFY_ABNORMAL_USAGE_H_
#define EBILL_COMMON_NOTIFY_ABNORMAL_USAGE_H_

#include <optional>
#include <span>
#include <vector>

#include "common/notify/notify_state.h"
#include "common/usage/attribution.h"

namespace ebill::notify {

inline constexpr int kBaselineDays = 14;
inline constexpr int kMinBaseline = 7;
inline constexpr std::int64_t kAbnormalCatchUpHours = 24;
inline constexpr LocalDay kAbnormalCatchUpDays = 2;

struct AbnormalRules {
  int factor_percent = 300;    // ALERT_ABNORMAL_FACTOR x 100; 0 = off
  Hundredths min_usage = 100;  // ALERT_ABNORMAL_MIN_KWH (0.01 kWh)
  friend bool operator==(const AbnormalRules&, const AbnormalRules&) = default;
};

enum class UsageSpan { kHour, kDay };

// One judged bucket.
struct UsageVerdict {
  UsageSpan span = UsageSpan::kHour;
  LocalSeconds start = 0;  // the hour's or the day's start
  Hundredths usage = 0;
  Hundredths median = 0;   // of the baseline
  int baseline = 0;        // clean buckets in the baseline
  bool abnormal = false;
  friend bool operator==(const UsageVerdict&, const UsageVerdict&) = default;
};

bool is_clean(const usage::Bucket& bucket);

// The middle value; of an even count the mean of the two middle ones,
// rounded down. nullopt when empty.
std::optional<Hundredths> median_of(std::vector<Hundredths> values);

bool is_abnormal(Hundredths usage, Hundredths median, const AbnormalRules& rules);

// Day buckets summed from consecutive hour buckets (only whole local days).
std::vector<usage::Bucket> day_buckets(std::span<const usage::Bucket> hours);

// The bucket starting at `start` in `buckets` (ascending, hours or days)
// judged against the buckets 1..14 days earlier; nullopt when it is missing,
// not clean, or its baseline too small.
std::optional<UsageVerdict> judge(std::span<const usage::Bucket> buckets, UsageSpan span,
                                  LocalSeconds start, const AbnormalRules& rules);

// The hours [first_hour, end_hour) and days [first_day, end_day) to judge
// now; nullopt when nothing is due.
struct AbnormalDue {
  LocalSeconds first_hour = 0;
  LocalSeconds end_hour = 0;
  LocalDay first_day = 0;
  LocalDay end_day = 0;
  // The first day whose hour buckets the judgement needs.
  LocalDay load_from() const;
};
std::optional<AbnormalDue> abnormal_due(const NotifyState& state, LocalSeconds latest_at);

// Judges what is due from `hours` (hour buckets from day_start(load_from())
// to end_hour) and carries the episodes (hours and days apart): the first
// abnormal bucket of an episode is returned, later abnormal ones are not,
// and the first clean normal bucket ends the episode; buckets not judged
// leave it as it is. Hours first, then days, oldest first. Updates
// `state`'s abnormal_* fields.
std::vector<UsageVerdict> judge_due(const AbnormalDue& due, std::span<const usage::Bucket> hours,
                                    const AbnormalRules& rules, NotifyState* state);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_ABNORMAL_USAGE_H_
