// The wording of every notice (Chinese, as the product shows it). Amounts in
// kWh with two decimals and the unit 度; times local (APP_TZ). Pure.
#ifndef EBILL_COMMON_NOTIFY_NOTICE_TEXT_H_
#define EBILL_COMMON_NOTIFY_NOTICE_TEXT_H_

#include <optional>
#include <string>

#include "common/domain/reading.h"
#include "common/notify/abnormal_usage.h"
#include "common/notify/daily_report.h"
#include "common/notify/heartbeat.h"
#include "common/notify/notice.h"
#include "common/notify/weekly_report.h"

namespace ebill::notify {

struct MeterLabel {
  std::string meter_no;
  std::string name;  // display name
};

// Title "昨日用电: 6.32 度"; body: the report lines (report_text()).
Notice daily_report_notice(const MeterLabel& meter, const DailyReport& report);
// The report's lines: day, usage, start/end balance, recharge, current
// balance, 7-day average, days left.
std::string report_text(const MeterLabel& meter, const DailyReport& report);

// Low balance (kLowBalance or kLowBalanceReminder): balance vs threshold and
// the days-left estimate when known.
Notice low_balance_notice(const MeterLabel& meter, NoticeKind kind, const usage::Sample& current,
                          Hundredths threshold, const std::optional<usage::DaysLeft>& days_left);

// Amount and balances in kWh; with the reading that shows the recharge
// (`shown`, nullopt = unknown) also in ¥ when it has a unit price (amount x
// price, rounded to the fen) and a money balance.
Notice recharge_notice(const MeterLabel& meter, const usage::RechargeEvent& event,
                       const std::optional<Reading>& shown);

// No successful reading since `last_success` (nullopt: never) until `now`;
// `last_error` is the latest failure reason (may be empty).
Notice source_failing_notice(const MeterLabel& meter, std::optional<LocalSeconds> last_success,
                             LocalSeconds now, const std::string& last_error);
Notice source_recovered_notice(const MeterLabel& meter,
                               const std::optional<usage::Sample>& latest);

// An hour or a day far above normal: its usage, the baseline's median and
// the rule (factor and floor).
Notice abnormal_usage_notice(const MeterLabel& meter, const UsageVerdict& verdict,
                             const AbnormalRules& rules);

// Title "本周用电: 33.60 度"; the week's usage, cost and recharges vs the
// week before, and the current balance.
Notice weekly_report_notice(const MeterLabel& meter, const WeeklyReport& report);

// "ebill 运行正常": meters watched, read in the last hour, newest reading.
Notice heartbeat_notice(const Heartbeat& heartbeat);

// "测试通知" with the current report text.
Notice test_notice(const MeterLabel& meter, const std::string& report);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_NOTICE_TEXT_H_
