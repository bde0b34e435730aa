#include "common/storage/reading_store.h"

#include <soci/mysql/soci-mysql.h>

#include <mysql.h>

#include <algorithm>
#include <cstdio>

#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"
#include "common/storage/sql_literal.h"
#include "common/storage/summary_refresh.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kInsertChunk = 500;
constexpr const char* kColumns = "meter_no, collected_at, remain, remain_money, unit_price";

// Text of one reading as it goes into an INSERT; NULL where absent.
struct ReadingText {
  std::string meter_no, collected_at, remain, remain_money, unit_price;
  soci::indicator money_ind = soci::i_ok, price_ind = soci::i_ok;

  explicit ReadingText(const Reading& r)
      : meter_no(r.meter_no),
        collected_at(format_datetime(r.collected_at)),
        remain(format_fixed(r.remain, 2)) {
    if (r.remain_money) remain_money = format_fixed(*r.remain_money, 2);
    else money_ind = soci::i_null;
    if (r.unit_price) unit_price = format_fixed(*r.unit_price, 4);
    else price_ind = soci::i_null;
  }
};

// MySQL: one multi-row INSERT per chunk, written as literal SQL. SOCI would
// substitute its 2,500 placeholders client-side anyway, and slowly (10,000
// rows took 0.9 s that way, 0.1 s like this). Numbers and times are our own
// format_fixed / format_datetime text (digits, '-', '.', ':', ' '); the
// meter number is escaped by the client library for the connection's
// charset.
//
// MySQL connections report matched rows (CLIENT_FOUND_ROWS), so affected
// rows count duplicates too; the new rows come from mysql_info()'s
// "Records: N  Duplicates: D", which MySQL gives only for multi-row
// INSERTs: a single row is therefore sent twice (its copy is a duplicate).
std::size_t insert_chunk_mysql(Conn& c, const std::vector<ReadingText>& rows,
                               std::size_t begin, std::size_t end) {
  MYSQL* conn = static_cast<soci::mysql_session_backend*>(c.sql().get_backend())->conn_;
  const std::size_t n = end - begin == 1 ? 2 : end - begin;
  std::string sql = std::string("INSERT INTO electricity_balance (") + kColumns + ") VALUES ";
  for (std::size_t i = 0; i < n; ++i) {
    const ReadingText& t = rows[std::min(begin + i, end - 1)];
    sql += i == 0 ? "(" : ",(";
    sql += sql_literal(c, t.meter_no) + ",'" + t.collected_at + "','" + t.remain + "'," +
           (t.money_ind == soci::i_ok ? "'" + t.remain_money + "'" : "NULL") + "," +
           (t.price_ind == soci::i_ok ? "'" + t.unit_price + "'" : "NULL") + ")";
  }
  sql += " ON DUPLICATE KEY UPDATE id = id";
  soci::statement st = (c.sql().prepare << sql);
  c.count();
  st.execute(true);
  const char* info = mysql_info(conn);
  unsigned long long records = 0, duplicates = 0;
  if (info == nullptr ||
      std::sscanf(info, "Records: %llu Duplicates: %llu", &records, &duplicates) != 2) {
    throw StorageError("MySQL did not report the rows a multi-row INSERT added");
  }
  return static_cast<std::size_t>(records - duplicates);
}

// SQLite: one prepared single-row statement run per reading (cheap inside
// the transaction); each run reports whether it added its row.
std::size_t insert_all_sqlite(Conn& c, const std::vector<ReadingText>& rows) {
  ReadingText t = rows.front();
  soci::statement st =
      (c.sql().prepare << std::string("INSERT INTO electricity_balance (") + kColumns +
                              ") VALUES (:m, :c, :r, :rm, :up)"
                              " ON CONFLICT(meter_no, collected_at) DO NOTHING",
       soci::use(t.meter_no), soci::use(t.collected_at), soci::use(t.remain),
       soci::use(t.remain_money, t.money_ind), soci::use(t.unit_price, t.price_ind));
  std::size_t inserted = 0;
  for (const ReadingText& row : rows) {
    t = row;
    c.count();
    st.execute(true);
    inserted += static_cast<std::size_t>(st.get_affected_rows());
  }
  return inserted;
}

// One SELECT of readings, in the order the SQL gives.
std::vector<Reading> select_readings(Conn& c, const std::string& where_order,
                                     const std::string& meter_no,
                                     const std::vector<std::string>& times) {
  std::vector<Reading> out;
  RowText row;
  soci::statement st(c.sql());
  st.exchange(soci::use(meter_no));
  for (const std::string& t : times) st.exchange(soci::use(t));
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
  std::vector<ReadingText> rows;
  rows.reserve(readings.size());
  for (const Reading& r : readings) rows.emplace_back(r);
  // Safe to retry: a batch that committed before the connection broke is
  // skipped as duplicates the second time (its count is then lower).
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    WriteTransaction tx(c);
    // First, so that concurrent writers queue on this row's lock and commit
    // one after another: each one's day-summary refresh sees the readings of
    // the one before, and row ids follow commit order (change_marker()).
    // See sql/*/012_reading_change.sql.
    c.query() << "UPDATE reading_change SET writes = writes + 1 WHERE id = 1";
    // Day summaries change in the same transaction as the readings they
    // derive from, so every writer (collector, /fetch, spool replays) keeps
    // them right and a crash never leaves one stale.
    SummaryRefresh summaries;
    summaries.before_insert(c, readings);
    std::size_t inserted = 0;
    if (c.dialect() == Dialect::kSqlite) {
      inserted = insert_all_sqlite(c, rows);
    } else {
      for (std::size_t begin = 0; begin < rows.size(); begin += kInsertChunk) {
        inserted += insert_chunk_mysql(c, rows, begin, std::min(rows.size(), begin + kInsertChunk));
      }
    }
    summaries.after_insert(c);
    tx.commit();
    return inserted;
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

std::optional<Reading> ReadingStore::first_at_or_after(const std::string& meter_no,
                                                       LocalSeconds t) {
  return first_of(db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return select_readings(c, "meter_no = :m AND collected_at >= :t ORDER BY collected_at LIMIT 1",
                           meter_no, {format_datetime(t)});
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

std::int64_t ReadingStore::change_marker() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    long long id = 0;
    soci::indicator ind = soci::i_ok;
    c.query() << "SELECT MAX(id) FROM electricity_balance", soci::into(id, ind);
    return ind == soci::i_ok ? static_cast<std::int64_t>(id) : std::int64_t{0};
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
                                 " :f AND collected_at < :t ORDER BY collected_at LIMIT " +
                                 std::to_string(chunk),
                             meter_no, {format_datetime(cursor), format_datetime(to)});
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
