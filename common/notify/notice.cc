#include "common/notify/notice.h"

namespace ebill::notify {

std::string_view notice_kind_name(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::kDailyReport: return "daily_report";
    case NoticeKind::kLowBalance: return "low_balance";
    case NoticeKind::kLowBalanceReminder: return "low_balance_reminder";
    case NoticeKind::kRecharge: return "recharge";
    case NoticeKind::kSourceFailing: return "source_failing";
    case NoticeKind::kSourceRecovered: return "source_recovered";
    case NoticeKind::kAbnormalUsage: return "abnormal_usage";
    case NoticeKind::kWeeklyReport: return "weekly_report";
    case NoticeKind::kHeartbeat: return "heartbeat";
    case NoticeKind::kTest: return "test";
  }
  return "?";
}

std::string title_and_body(const Notice& notice) { return notice.title + "\n\n" + notice.body; }

}  // namespace ebill::notify
