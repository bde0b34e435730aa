#include "common/storage/notify_schedule_store.h"

#include "common/storage/database_impl.h"

namespace ebill::storage {

namespace {

const char* insert_missing_sql(Dialect d) {
  return d == Dialect::kMysql
             ? "INSERT INTO notification_schedule (name, sent_at) VALUES (:n, NULL)"
               " ON DUPLICATE KEY UPDATE name = name"
             : "INSERT INTO notification_schedule (name, sent_at) VALUES (:n, NULL)"
               " ON CONFLICT(name) DO NOTHING";
}

}  // namespace

bool NotifyScheduleStore::claim(const std::string& name, LocalSeconds period_start,
                                LocalSeconds now) {
  return db_.impl().run(Retry::kUnsafe, [&](Conn& c) {
    WriteTransaction tx(c);
    c.query() << insert_missing_sql(c.dialect()), soci::use(name);
    std::string at = format_datetime(now), since = format_datetime(period_start);
    soci::statement st =
        (c.query().prepare << "UPDATE notification_schedule SET sent_at = :at"
                              " WHERE name = :n AND (sent_at IS NULL OR sent_at < :since)",
         soci::use(at), soci::use(name), soci::use(since));
    st.execute(true);
    const bool won = st.get_affected_rows() == 1;
    tx.commit();
    return won;
  });
}

}  // namespace ebill::storage
