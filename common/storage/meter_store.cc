#include "common/storage/meter_store.h"

#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"

namespace ebill::storage {

namespace {

constexpr const char* kSelect = "SELECT meter_no, name, enabled, created_at FROM meter";

std::vector<Meter> select_meters(Conn& c, const std::string& rest,
                                 const std::string* meter_no) {
  std::vector<Meter> out;
  Meter m;
  int enabled = 0;
  std::string created;
  soci::statement st(c.sql());
  st.exchange(soci::into(m.meter_no));
  st.exchange(soci::into(m.name));
  st.exchange(soci::into(enabled));
  st.exchange(soci::into(created));
  if (meter_no != nullptr) st.exchange(soci::use(*meter_no));
  st.alloc();
  st.prepare(std::string(kSelect) + rest);
  st.define_and_bind();
  c.count();
  st.execute();
  while (st.fetch()) {
    m.enabled = enabled != 0;
    m.created_at = datetime_column(created, "meter.created_at");
    out.push_back(m);
  }
  return out;
}

// Runs an UPDATE of one meter; true when the meter exists. Both backends
// report matched rows here (MySQL connections use CLIENT_FOUND_ROWS).
template <typename T>
bool update_meter(Database& db, const char* sql, const T& value, const std::string& meter_no) {
  return db.impl().run(Retry::kSafe, [&](Conn& c) {
    soci::statement st = (c.sql().prepare << sql, soci::use(value), soci::use(meter_no));
    c.count();
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

}  // namespace

void MeterStore::upsert(const Meter& meter) { upsert(std::vector<Meter>{meter}); }

void MeterStore::upsert(const std::vector<Meter>& meters) {
  if (meters.empty()) return;
  const char* sql =
      db_.dialect() == Dialect::kMysql
          ? "INSERT INTO meter (meter_no, name, enabled, created_at) VALUES (:m, :n, :e, :c)"
            " ON DUPLICATE KEY UPDATE name = VALUES(name)"
          : "INSERT INTO meter (meter_no, name, enabled, created_at) VALUES (:m, :n, :e, :c)"
            " ON CONFLICT(meter_no) DO UPDATE SET name = excluded.name";
  db_.impl().run(Retry::kSafe, [&](Conn& c) {
    soci::transaction tx(c.sql());
    for (const Meter& meter : meters) {
      const std::string created = format_datetime(meter.created_at);
      const int enabled = meter.enabled ? 1 : 0;
      c.query() << sql, soci::use(meter.meter_no), soci::use(meter.name), soci::use(enabled),
          soci::use(created);
    }
    tx.commit();
  });
}

std::vector<Meter> MeterStore::list() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_meters(c, " ORDER BY created_at, meter_no", nullptr);
  });
}

std::optional<Meter> MeterStore::get(const std::string& meter_no) {
  std::vector<Meter> found = db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_meters(c, " WHERE meter_no = :m", &meter_no);
  });
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool MeterStore::rename(const std::string& meter_no, const std::string& name) {
  return update_meter(db_, "UPDATE meter SET name = :n WHERE meter_no = :m", name, meter_no);
}

bool MeterStore::set_enabled(const std::string& meter_no, bool enabled) {
  return update_meter(db_, "UPDATE meter SET enabled = :e WHERE meter_no = :m",
                      enabled ? 1 : 0, meter_no);
}

}  // namespace ebill::storage
