#include "common/storage/notify_state_store.h"

#include <optional>

#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"

namespace ebill::storage {

namespace {

struct OptionalTime {
  std::string text;
  soci::indicator ind = soci::i_null;

  explicit OptionalTime(const std::optional<LocalSeconds>& t) {
    if (t) {
      text = format_datetime(*t);
      ind = soci::i_ok;
    }
  }
  OptionalTime() = default;
  std::optional<LocalSeconds> value(const char* column) const {
    if (ind != soci::i_ok) return std::nullopt;
    return datetime_column(text, column);
  }
};

const char* upsert_sql(Dialect d) {
  return d == Dialect::kMysql
             ? "INSERT INTO notification_state (meter_no, since, low_active, low_sent_at,"
               " low_value, stale_active, report_sent_at, recharge_seen_at, abnormal_hour_at,"
               " abnormal_hour_active, abnormal_day_at, abnormal_day_active, weekly_sent_at)"
               " VALUES (:m, :s, :la, :ls, :lv, :sa, :r, :rc, :ah, :aha, :ad, :ada, :w) ON DUPLICATE KEY UPDATE"
               " since = VALUES(since), low_active = VALUES(low_active),"
               " low_sent_at = VALUES(low_sent_at), low_value = VALUES(low_value),"
               " stale_active = VALUES(stale_active), report_sent_at = VALUES(report_sent_at),"
               " recharge_seen_at = VALUES(recharge_seen_at),"
               " abnormal_hour_at = VALUES(abnormal_hour_at),"
               " abnormal_hour_active = VALUES(abnormal_hour_active),"
               " abnormal_day_at = VALUES(abnormal_day_at),"
               " abnormal_day_active = VALUES(abnormal_day_active),"
               " weekly_sent_at = VALUES(weekly_sent_at)"
             : "INSERT INTO notification_state (meter_no, since, low_active, low_sent_at,"
               " low_value, stale_active, report_sent_at, recharge_seen_at, abnormal_hour_at,"
               " abnormal_hour_active, abnormal_day_at, abnormal_day_active, weekly_sent_at)"
               " VALUES (:m, :s, :la, :ls, :lv, :sa, :r, :rc, :ah, :aha, :ad, :ada, :w) ON CONFLICT(meter_no) DO UPDATE"
               " SET since = excluded.since, low_active = excluded.low_active,"
               " low_sent_at = excluded.low_sent_at, low_value = excluded.low_value,"
               " stale_active = excluded.stale_active, report_sent_at = excluded.report_sent_at,"
               " recharge_seen_at = excluded.recharge_seen_at,"
               " abnormal_hour_at = excluded.abnormal_hour_at,"
               " abnormal_hour_active = excluded.abnormal_hour_active,"
               " abnormal_day_at = excluded.abnormal_day_at,"
               " abnormal_day_active = excluded.abnormal_day_active,"
               " weekly_sent_at = excluded.weekly_sent_at";
}

}  // namespace

std::map<std::string, notify::NotifyState> NotifyStateStore::load_all() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    std::map<std::string, notify::NotifyState> out;
    std::string meter_no, since, low_value;
    int low_active = 0, stale_active = 0, hour_active = 0, day_active = 0;
    OptionalTime low_sent, report, recharge, hour_at, day_at, weekly;
    soci::statement st =
        (c.sql().prepare << "SELECT meter_no, since, low_active, low_sent_at, low_value,"
                            " stale_active, report_sent_at, recharge_seen_at, abnormal_hour_at,"
                            " abnormal_hour_active, abnormal_day_at, abnormal_day_active,"
                            " weekly_sent_at FROM notification_state",
         soci::into(meter_no), soci::into(since), soci::into(low_active),
         soci::into(low_sent.text, low_sent.ind), soci::into(low_value),
         soci::into(stale_active), soci::into(report.text, report.ind),
         soci::into(recharge.text, recharge.ind), soci::into(hour_at.text, hour_at.ind),
         soci::into(hour_active), soci::into(day_at.text, day_at.ind), soci::into(day_active),
         soci::into(weekly.text, weekly.ind));
    c.count();
    st.execute();
    while (st.fetch()) {
      notify::NotifyState s;
      s.since = datetime_column(since, "notification_state.since");
      s.low_active = low_active != 0;
      s.low_sent_at = low_sent.value("notification_state.low_sent_at");
      s.low_value = decimal_column(low_value, 2, "notification_state.low_value");
      s.stale_active = stale_active != 0;
      s.report_sent_at = report.value("notification_state.report_sent_at");
      s.recharge_seen_at = recharge.value("notification_state.recharge_seen_at");
      s.abnormal_hour_at = hour_at.value("notification_state.abnormal_hour_at");
      s.abnormal_hour_active = hour_active != 0;
      s.abnormal_day_at = day_at.value("notification_state.abnormal_day_at");
      s.abnormal_day_active = day_active != 0;
      s.weekly_sent_at = weekly.value("notification_state.weekly_sent_at");
      out[meter_no] = s;
    }
    return out;
  });
}

void NotifyStateStore::save(const std::vector<Entry>& states, LocalSeconds fallback_since) {
  if (states.empty()) return;
  db_.impl().run(Retry::kSafe, [&](Conn& c) {
    soci::transaction tx(c.sql());
    std::string meter_no, since, low_value;
    int low_active = 0, stale_active = 0, hour_active = 0, day_active = 0;
    OptionalTime low_sent, report, recharge, hour_at, day_at, weekly;
    soci::statement st =
        (c.sql().prepare << upsert_sql(c.dialect()), soci::use(meter_no), soci::use(since),
         soci::use(low_active), soci::use(low_sent.text, low_sent.ind), soci::use(low_value),
         soci::use(stale_active), soci::use(report.text, report.ind),
         soci::use(recharge.text, recharge.ind), soci::use(hour_at.text, hour_at.ind),
         soci::use(hour_active), soci::use(day_at.text, day_at.ind), soci::use(day_active),
         soci::use(weekly.text, weekly.ind));
    for (const auto& [meter, state] : states) {
      meter_no = meter;
      since = format_datetime(state.since.value_or(fallback_since));
      low_active = state.low_active ? 1 : 0;
      stale_active = state.stale_active ? 1 : 0;
      low_value = format_hundredths(state.low_value);
      low_sent = OptionalTime(state.low_sent_at);
      report = OptionalTime(state.report_sent_at);
      recharge = OptionalTime(state.recharge_seen_at);
      hour_at = OptionalTime(state.abnormal_hour_at);
      hour_active = state.abnormal_hour_active ? 1 : 0;
      day_at = OptionalTime(state.abnormal_day_at);
      day_active = state.abnormal_day_active ? 1 : 0;
      weekly = OptionalTime(state.weekly_sent_at);
      c.count();
      st.execute(true);
    }
    tx.commit();
  });
}

}  // namespace ebill::storage
