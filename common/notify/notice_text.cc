#include "common/notify/notice_text.h"

#include <fmt/format.h>

namespace ebill::notify {

namespace {

std::string kwh(Hundredths v) { return format_hundredths(v) + " 度"; }

std::string kwh_or_none(const std::optional<Hundredths>& v) { return v ? kwh(*v) : "无读数"; }

std::string who(const MeterLabel& m) {
  return m.name.empty() || m.name == m.meter_no ? m.meter_no
                                                 : fmt::format("{}（{}）", m.name, m.meter_no);
}

std::string days_text(const usage::DaysLeft& d) {
  return fmt::format("{} 天（约 {} 用完）", format_hundredths(d.days_left),
                     format_day(d.run_out_day));
}

std::string yuan(const std::optional<Hundredths>& v) {
  return v ? fmt::format("（约 ¥{}）", format_hundredths(*v)) : "";
}

// "+1.20 度（+3.57%）", "-0.50 度", "持平".
std::string change_text(Hundredths now, Hundredths before) {
  if (now == before) return "持平";
  const Hundredths diff = now - before;
  std::string text = (diff > 0 ? "+" : "") + kwh(diff);
  if (before > 0) {
    const Hundredths pct = diff * 10000 / before;  // hundredths of a percent
    text += fmt::format("（{}{}%）", pct > 0 ? "+" : "", format_hundredths(pct));
  }
  return text;
}

Notice make(const MeterLabel& m, NoticeKind kind, std::string title, std::string body) {
  return Notice{m.meter_no, kind, std::move(title), std::move(body)};
}

}  // namespace

std::string report_text(const MeterLabel& meter, const DailyReport& r) {
  std::string text = fmt::format("{} {} 用电日报\n", who(meter), format_day(r.day));
  text += fmt::format("昨日用电: {}{}\n", kwh(r.usage), r.estimated ? "（含估算）" : "");
  text += fmt::format("昨日开始余额: {}\n", kwh_or_none(r.start_balance));
  text += fmt::format("昨日结束余额: {}\n", kwh_or_none(r.end_balance));
  text += fmt::format("昨日充值: {}\n", r.recharge > 0 ? kwh(r.recharge) : "无");
  if (r.current) {
    text += fmt::format("当前余额: {}（{}）\n", kwh(r.current->remain),
                        format_datetime(r.current->at));
  }
  text += fmt::format("近7日日均: {}\n",
                      r.average_daily_usage ? kwh(*r.average_daily_usage) : "暂无数据");
  text += fmt::format("预计可用: {}", r.days_left ? days_text(*r.days_left) : "暂无法估算");
  return text;
}

Notice daily_report_notice(const MeterLabel& meter, const DailyReport& report) {
  return make(meter, NoticeKind::kDailyReport, fmt::format("昨日用电: {}", kwh(report.usage)),
              report_text(meter, report));
}

Notice low_balance_notice(const MeterLabel& meter, NoticeKind kind, const usage::Sample& current,
                          Hundredths threshold, const std::optional<usage::DaysLeft>& days_left) {
  std::string body = fmt::format("{} 当前余额 {}（{}），提醒阈值 {}。\n", who(meter),
                                 kwh(current.remain), format_datetime(current.at), kwh(threshold));
  if (days_left) body += fmt::format("预计可用: {}\n", days_text(*days_left));
  body += "请及时充值，以免停电。";
  const char* prefix = kind == NoticeKind::kLowBalanceReminder ? "余额不足提醒" : "余额不足";
  return make(meter, kind, fmt::format("{}: 剩余 {}", prefix, kwh(current.remain)), body);
}

Notice recharge_notice(const MeterLabel& meter, const usage::RechargeEvent& e,
                       const std::optional<Reading>& shown) {
  const std::optional<Hundredths> cost =
      shown && shown->unit_price ? cost_of(e.amount, *shown->unit_price) : std::nullopt;
  // A price too large for an exact cost (hostile page) shows no ¥ part.
  const TenThousandths* price = cost ? &*shown->unit_price : nullptr;
  const Hundredths* money = shown && shown->remain_money ? &*shown->remain_money : nullptr;
  const std::string paid = cost ? "¥" + format_hundredths(*cost) : "";
  std::string body = fmt::format("{} 于 {} 充值 {}{}", who(meter), format_datetime(e.at),
                                 kwh(e.amount), e.estimated ? "（估算）" : "");
  if (price) body += fmt::format("（{}，单价 {} 元/度）", paid, format_fixed(*price, 4));
  body += fmt::format("\n充值前余额: {}\n充值后余额: {}", kwh(e.balance_before),
                      kwh(e.balance_after));
  if (money) body += fmt::format("（¥{}）", format_hundredths(*money));
  return make(meter, NoticeKind::kRecharge,
              fmt::format("充值到账: {}{}", kwh(e.amount), price ? " / " + paid : ""), body);
}

Notice source_failing_notice(const MeterLabel& meter, std::optional<LocalSeconds> last_success,
                             LocalSeconds now, const std::string& last_error) {
  std::string body =
      last_success
          ? fmt::format("{} 已 {} 分钟没有成功读数（最后成功: {}）。", who(meter),
                        (now - *last_success) / 60, format_datetime(*last_success))
          : fmt::format("{} 至今没有成功读数。", who(meter));
  if (!last_error.empty()) body += fmt::format("\n最近错误: {}", last_error);
  return make(meter, NoticeKind::kSourceFailing, fmt::format("数据源异常: {}", meter.name), body);
}

Notice source_recovered_notice(const MeterLabel& meter,
                               const std::optional<usage::Sample>& latest) {
  std::string body = fmt::format("{} 已恢复读数。", who(meter));
  if (latest) {
    body += fmt::format("\n当前余额: {}（{}）", kwh(latest->remain), format_datetime(latest->at));
  }
  return make(meter, NoticeKind::kSourceRecovered, fmt::format("数据源恢复: {}", meter.name),
              body);
}

Notice abnormal_usage_notice(const MeterLabel& meter, const UsageVerdict& v,
                             const AbnormalRules& rules) {
  const bool hour = v.span == UsageSpan::kHour;
  const CivilTime t = time_from_seconds(v.start);
  const std::string when =
      hour ? fmt::format("{} {:02}:00-{:02}:00", format_day(day_of(v.start)), t.hour,
                         (t.hour + 1) % 24)
           : format_day(day_of(v.start));
  std::string body = fmt::format("{} {} 用电 {}，近 {} 天{}用电中位数 {}", who(meter), when,
                                 kwh(v.usage), kBaselineDays, hour ? "同一时段" : "每日",
                                 kwh(v.median));
  if (v.median > 0) body += fmt::format("，为其 {} 倍", format_hundredths(v.usage * 100 / v.median));
  body += fmt::format("。\n提醒条件: 超过中位数的 {} 倍且超过 {}。\n请检查是否有电器异常运行或漏电。",
                      format_hundredths(rules.factor_percent), kwh(rules.min_usage));
  const std::string title = hour ? fmt::format("用电异常: {:02}点 {}", t.hour, kwh(v.usage))
                                 : fmt::format("用电异常: {} 全天 {}", format_day(day_of(v.start)),
                                               kwh(v.usage));
  return make(meter, NoticeKind::kAbnormalUsage, title, body);
}

Notice weekly_report_notice(const MeterLabel& meter, const WeeklyReport& r) {
  std::string body = fmt::format("{} {} 至 {} 用电周报\n", who(meter), format_day(r.week.first),
                                 format_day(r.week.last));
  body += fmt::format("本周用电: {}{}{}\n", kwh(r.totals.usage), yuan(r.cost),
                      r.totals.estimated ? "（含估算）" : "");
  body += fmt::format("上周用电: {}{}\n", kwh(r.previous.usage), yuan(r.previous_cost));
  body += fmt::format("较上周: {}\n", change_text(r.totals.usage, r.previous.usage));
  body += fmt::format("本周充值: {}\n",
                      r.totals.recharge > 0 ? kwh(r.totals.recharge) + yuan(r.recharge_cost) : "无");
  if (r.current) {
    body += fmt::format("当前余额: {}", kwh(r.current->remain));
    if (r.current->remain_money) body += fmt::format(" / ¥{}", format_hundredths(*r.current->remain_money));
    body += fmt::format("（{}）", format_datetime(r.current->collected_at));
  } else {
    body += "当前余额: 无读数";
  }
  return make(meter, NoticeKind::kWeeklyReport,
              fmt::format("本周用电: {}（上周 {}）", kwh(r.totals.usage), kwh(r.previous.usage)),
              body);
}

Notice heartbeat_notice(const Heartbeat& h) {
  std::string body = fmt::format("ebill 监控运行中（{}）: 共 {} 块电表，{} 块最近 1 小时内有读数。\n",
                                 format_datetime(h.now), h.meters, h.fresh);
  body += h.newest ? fmt::format("最新读数: {}（电表 {}）", format_datetime(*h.newest), h.newest_meter)
                   : std::string("最新读数: 暂无");
  return Notice{"", NoticeKind::kHeartbeat,
                fmt::format("ebill 运行正常: {}/{} 块电表有读数", h.fresh, h.meters), body};
}

Notice test_notice(const MeterLabel& meter, const std::string& report) {
  return make(meter, NoticeKind::kTest, fmt::format("测试通知: {}", meter.name),
              "这是一条测试通知，收到即表示通知配置正确。\n\n" + report);
}

}  // namespace ebill::notify
