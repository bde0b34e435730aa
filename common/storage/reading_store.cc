#include "common/storage/reading_store.h"

#include <algorithm>
#include <set>

#include "common/storage/backend.h"
#include "common/storage/database_impl.h"
#include "common/storage/retry.h"
#include "common/storage/row_text.h"
#include "common/storage/stale_days.h"
#include "common/storage/summary_refresh.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

namespace {

constexpr const char* kColumns = "meter_no, collected_at, remain, remain_money, unit_price";

// The values of one reading as they go into an INSERT; NULL where absent.
std::vector<SqlParam> reading_values(const Reading& r) {
  return {r.meter_no, format_datetime(r.collected_at), format_fixed(r.remain, 2),
          r.remain_money ? SqlParam(format_fixed(*r.remain_money, 2)) : std::nullopt,
          r.unit_price ? SqlParam(format_fixed(*r.unit_price, 4)) : std::nullopt};
}

// A batch of one reading on MySQL: the server reports new rows only for
// multi-row INSERTs and counts a matched duplicate as affected
// (CLIENT_FOUND_ROWS), so the statement itself skips an existing key. A
// concurrent writer of the same key is absorbed by ON DUPLICATE KEY (and
// then counted as new).
std::size_t insert_one_mysql(Conn& c, const Reading& r) {
  std::vector<SqlParam> v = reading_values(r);
  soci::indicator money = v[3] ? soci::i_ok : soci::i_null;
  soci::indicator price = v[4] ? soci::i_ok : soci::i_null;
  std::string remain_money = v[3].value_or(""), unit_price = v[4].value_or("");
  soci::statement st =
      (c.sql().prepare << std::string("INSERT INTO electricity_balance (") + kColumns +
                              ") SELECT :m, :c, :r, :rm, :up FROM DUAL WHERE NOT EXISTS"
                              " (SELECT 1 FROM electricity_balance"
                              "  WHERE meter_no = :m2 AND collected_at = :c2)"
                              " ON DUPLICATE KEY UPDATE id = id",
       soci::use(*v[0]), soci::use(*v[1]), soci::use(*v[2]), soci::use(remain_money, money),
       soci::use(unit_price, price), soci::use(*v[0]), soci::use(*v[1]));
  c.count();
  st.execute(true);
  return static_cast<std::size_t>(st.get_affected_rows());
}

std::size_t insert_readings(Conn& c, const std::vector<Reading>& readings) {
  if (c.dialect() == Dialect::kMysql && readings.size() == 1) {
    return insert_one_mysql(c, readings.front());
  }
  std::vector<std::vector<SqlParam>> rows;
  rows.reserve(readings.size());
  for (const Reading& r : readings) rows.push_back(reading_values(r));
  const RowInsert insert{std::string("INSERT INTO electricity_balance (") + kColumns + ")",
                         c.dialect() == Dialect::kMysql
                             ? "ON DUPLICATE KEY UPDATE id = id"
                             : "ON CONFLICT(meter_no, collected_at) DO NOTHING",
                         5, /*sqlite_rows_per_statement=*/1};
  return insert_rows(c, insert, rows);
}

// One SELECT of readings, in the order the SQL gives; `limit`, when given,
// is bound after the times.
std::vector<Reading> select_readings(Conn& c, const std::string& where_order,
                                     const std::string& meter_no,
                                     const std::vector<std::string>& times,
                                     std::optional<long long> limit = std::nullopt) {
  std::vector<Reading> out;
  RowText row;
  soci::statement st(c.sql());
  st.exchange(soci::use(meter_no));
  for (const std::string& t : times) st.exchange(soci::use(t));
  long long limit_value = limit.value_or(0);
  if (limit) st.exchange(soci::use(limit_value));
  row.exchange_into(st);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM electricity_balance WHERE " + where_order);
  st.define_and_bind();
  c.count();
  st.execute();
  while (st.fetch()) out.push_back(row.reading());
  return out;
}

}  // namespace

std::size_t ReadingStore::insert(const std::vector<Reading>& readings) {
  if (readings.empty()) return 0;
  // Safe to retry: a batch that committed before the connection broke is
  // skipped as duplicates the second time (its count is then lower).
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    // A transaction aborted by a deadlock or a cluster certification
    // conflict changed nothing: it runs again, bounded, with backoff.
    return retry_conflicts([&] {
      WriteTransaction tx(c);
      // First, so that writers of the same meter queue on its row and each
      // one's day-summary refresh sees the readings of the one before.
      // The change version of each meter of the batch moves, in meter
      // order, as the first statement of every write: writers of one meter
      // queue on its row, writers of different meters never meet.
      std::set<std::string> meters;
      for (const Reading& r : readings) meters.insert(r.meter_no);
      bump_meter_versions(c, {meters.begin(), meters.end()});
      // Day summaries change in the same transaction as the readings they
      // derive from, so every writer (collector, /fetch, spool replays)
      // keeps them right and a crash never leaves one stale.
      SummaryRefresh summaries(tx, readings);
      const std::size_t inserted = insert_readings(c, readings);
      summaries.after_insert();
      tx.commit();
      return inserted;
    });
  });
}

std::vector<Reading> ReadingStore::between(const std::string& meter_no, LocalSeconds from,
                                           LocalSeconds to) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_readings(
        c, "meter_no = :m AND collected_at >= :f AND collected_at < :t ORDER BY collected_at",
        meter_no, {format_datetime(from), format_datetime(to)});
  });
}

namespace {
std::optional<Reading> first_of(std::vector<Reading> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}
}  // namespace

std::optional<Reading> ReadingStore::last_before(const std::string& meter_no, LocalSeconds t) {
  return first_of(db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_readings(
        c, "meter_no = :m AND collected_at < :t ORDER BY collected_at DESC LIMIT 1", meter_no,
        {format_datetime(t)});
  }));
}

std::optional<Reading> ReadingStore::latest(const std::string& meter_no) {
  return first_of(db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_readings(c, "meter_no = :m ORDER BY collected_at DESC LIMIT 1", meter_no, {});
  }));
}

std::vector<Reading> ReadingStore::latest_per_meter() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    std::vector<Reading> out;
    RowText row;
    soci::statement st(c.sql());
    row.exchange_into(st);
    st.alloc();
    // The derived table is a loose index scan of (meter_no, collected_at) on
    // MySQL ("Using index for group-by"); the join is one lookup per meter.
    st.prepare(
        "SELECT e.meter_no, e.collected_at, e.remain, e.remain_money, e.unit_price"
        " FROM electricity_balance e"
        " JOIN (SELECT meter_no, MAX(collected_at) AS last_at FROM electricity_balance"
        "       GROUP BY meter_no) m"
        " ON e.meter_no = m.meter_no AND e.collected_at = m.last_at"
        " ORDER BY e.meter_no");
    st.define_and_bind();
    c.count();
    st.execute();
    while (st.fetch()) out.push_back(row.reading());
    return out;
  });
}

ChangeMarker ReadingStore::change_marker(const std::string& meter_no, Freshness freshness) {
  const bool wait = freshness == Freshness::kCausal && db_.impl().galera();
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    long long version = 0, max_id = 0;
    // MariaDB's SET STATEMENT scopes the setting to this one SELECT.
    c.query() << std::string(wait ? "SET STATEMENT wsrep_sync_wait = 1 FOR " : "") +
                     "SELECT COALESCE((SELECT version FROM meter_change WHERE meter_no = :m), 0),"
                 " COALESCE((SELECT MAX(id) FROM electricity_balance), 0)",
        soci::use(meter_no), soci::into(version), soci::into(max_id);
    return ChangeMarker{static_cast<std::int64_t>(version), static_cast<std::int64_t>(max_id)};
  });
}

ChangeMarkers ReadingStore::change_markers() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    ChangeMarkers out;
    // The first row (meter NULL) holds MAX(id).
    for_each_text_row(c,
                      "SELECT NULL, COALESCE(MAX(id), 0) FROM electricity_balance"
                      " UNION ALL SELECT meter_no, version FROM meter_change",
                      {}, 2, [&](const TextRow& row) {
                        const std::int64_t n = std::stoll(std::string(row[1].value_or("0")));
                        if (row[0]) out.versions[std::string(*row[0])] = n;
                        else out.max_id = n;
                      });
    return out;
  });
}

std::size_t ReadingStore::for_each(const std::string& meter_no, LocalSeconds from,
                                   LocalSeconds to,
                                   const std::function<bool(const Reading&)>& row,
                                   std::size_t chunk) {
  if (chunk == 0) chunk = 1;
  std::size_t delivered = 0;
  LocalSeconds cursor = from;
  bool first = true;
  for (;;) {
    // Keyset pagination: the next chunk starts after the last delivered
    // time, which is unique per meter.
    const std::vector<Reading> rows = db_.impl().run(Retry::kSafe, [&](Conn& c) {
      return select_readings(c,
                             std::string("meter_no = :m AND collected_at ") + (first ? ">=" : ">") +
                                 " :f AND collected_at < :t ORDER BY collected_at LIMIT :n",
                             meter_no, {format_datetime(cursor), format_datetime(to)},
                             static_cast<long long>(chunk));
    });
    for (const Reading& r : rows) {
      ++delivered;
      if (!row(r)) return delivered;
    }
    if (rows.size() < chunk) return delivered;
    cursor = rows.back().collected_at;
    first = false;
  }
}

}  // namespace ebill::storage
