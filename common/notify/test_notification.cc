#include "common/notify/test_notification.h"

#include <fmt/format.h>

#include "common/fetch/curl_global.h"
#include "common/log/log.h"
#include "common/notify/dispatcher.h"
#include "common/notify/notice_text.h"
#include "common/notify/report_loader.h"
#include "common/storage/meter_store.h"

namespace ebill::notify {

TestNotificationResult send_test_notification(storage::Database& db, const Config& config,
                                              const std::string& meter_no, LocalSeconds now) {
  const MeterConfig* meter = nullptr;
  for (const MeterConfig& m : config.meters) {
    if (m.id == meter_no) meter = &m;
  }
  MeterLabel label{meter_no, meter != nullptr ? meter->name : ""};
  if (meter == nullptr) {
    const std::optional<Meter> stored = storage::MeterStore(db).get(meter_no);
    label.name = stored && !stored->name.empty() ? stored->name : meter_no;
  }
  TestNotificationResult result;
  result.device_name = label.name;
  result.report = report_text(label, load_daily_report(db, meter_no, now));
  if (meter == nullptr || meter->notify.empty()) {
    result.message = "该设备未配置通知目标（server_chan_key 或 notify）";
    return result;
  }
  ensure_curl_initialized();
  const Notice notice = test_notice(label, result.report);
  int sent = 0;
  std::vector<std::string> failures;
  for (const NotifyTarget& target : meter->notify) {
    const Delivery d = make_delivery(target, notice, config.notify);
    std::string why;
    if (deliver_once(d, config.notify.timeout_s, nullptr, &why)) {
      ++sent;
      log::info("notify: sent test for meter {} via {}", meter_no, d.target);
    } else {
      failures.push_back(fmt::format("{}: {}", d.target, why));
      log::warn("notify: test for meter {} via {} failed: {}", meter_no, d.target, why);
    }
  }
  const int total = static_cast<int>(meter->notify.size());
  result.success = sent > 0;
  result.message = sent == total
                       ? fmt::format("测试通知已发送（{} 个通知目标）", total)
                       : fmt::format("测试通知发送到 {}/{} 个通知目标；失败: {}", sent, total,
                                     fmt::join(failures, "; "));
  return result;
}

}  // namespace ebill::notify
