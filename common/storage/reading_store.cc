#include "common/storage/reading_store.h"

#include <soci/mysql/soci-mysql.h>

#include <mysql.h>

#include <cstdio>

#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kInsertChunk = 500;
constexpr const char* kColumns = "meter_no, collected_at, remain, remain_money, unit_price";

// Text of one reading as bound to an INSERT, with NULL indicators.
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

// Rows inserted by the last multi-row INSERT ... ON DUPLICATE KEY UPDATE:
// MySQL connections report matched rows, so affected rows count duplicates
// too; mysql_info() says "Records: N  Duplicates: D  Warnings: W".
std::size_t mysql_new_rows(soci::session& sql, long long affected) {
  auto* backend = static_cast<soci::mysql_session_backend*>(sql.get_backend());
  const char* info = mysql_info(backend->conn_);
  unsigned long long records = 0, duplicates = 0;
  if (info != nullptr &&
      std::sscanf(info, "Records: %llu Duplicates: %llu", &records, &duplicates) == 2) {
    return static_cast<std::size_t>(records - duplicates);
  }
  throw StorageError("MySQL did not report the rows a multi-row INSERT added (" +
                     std::to_string(affected) + " affected)");
}

std::size_t insert_chunk(Conn& c, std::vector<ReadingText>& rows, std::size_t begin,
                         std::size_t end) {
  // MySQL reports "Records/Duplicates" only for a multi-row INSERT, so a
  // single row is sent twice: its copy is always a duplicate.
  const bool mysql = c.dialect() == Dialect::kMysql;
  const std::size_t n = mysql && end - begin == 1 ? 2 : end - begin;
  std::string sql = std::string("INSERT INTO electricity_balance (") + kColumns + ") VALUES ";
  for (std::size_t i = 0; i < n; ++i) {
    // Distinct names: SQLite binds every ":x" of one name to one value.
    const std::string k = std::to_string(i);
    sql += (i == 0 ? "(:m" : ",(:m") + k + ",:c" + k + ",:r" + k + ",:rm" + k + ",:up" + k + ")";
  }
  sql += mysql ? " ON DUPLICATE KEY UPDATE id = id"
               : " ON CONFLICT(meter_no, collected_at) DO NOTHING";
  soci::statement st(c.sql());
  for (std::size_t i = 0; i < n; ++i) {
    ReadingText& t = rows[std::min(begin + i, end - 1)];
    st.exchange(soci::use(t.meter_no));
    st.exchange(soci::use(t.collected_at));
    st.exchange(soci::use(t.remain));
    st.exchange(soci::use(t.remain_money, t.money_ind));
    st.exchange(soci::use(t.unit_price, t.price_ind));
  }
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  c.count();
  st.execute(true);
  const long long affected = st.get_affected_rows();
  return c.dialect() == Dialect::kMysql ? mysql_new_rows(c.sql(), affected)
                                        : static_cast<std::size_t>(affected);
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
    soci::transaction tx(c.sql());
    std::size_t inserted = 0;
    for (std::size_t begin = 0; begin < rows.size(); begin += kInsertChunk) {
      inserted += insert_chunk(c, rows, begin, std::min(rows.size(), begin + kInsertChunk));
    }
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
