// One message for the owner of one meter: what kind it is and its text
// (Chinese, as the product shows it). Channels turn it into requests.
#ifndef EBILL_COMMON_NOTIFY_NOTICE_H_
#define EBILL_COMMON_NOTIFY_NOTICE_H_

#include <string>
#include <string_view>

namespace ebill::notify {

enum class NoticeKind {
  kDailyReport,
  kLowBalance,          // the balance crossed below the threshold
  kLowBalanceReminder,  // still low, ALERT_REPEAT_HOURS after the last one
  kRecharge,
  kSourceFailing,
  kSourceRecovered,
  kAbnormalUsage,  // an hour or a day far above the meter's normal
  kWeeklyReport,
  kHeartbeat,      // "ebill is alive": for every target, not one meter's
  kTest,
};

// "daily_report", "low_balance", "low_balance_reminder", "recharge",
// "source_failing", "source_recovered", "abnormal_usage", "weekly_report",
// "heartbeat", "test" (the webhook's `kind`).
std::string_view notice_kind_name(NoticeKind kind);

struct Notice {
  std::string meter_no;  // empty for the heartbeat
  NoticeKind kind = NoticeKind::kTest;
  std::string title;  // one line
  std::string body;   // plain text lines (Markdown-friendly)
};

// Title, an empty line, body: the one text of channels without a title.
std::string title_and_body(const Notice& notice);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_NOTICE_H_
