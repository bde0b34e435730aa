// The SQLite adapter: the only code that includes SOCI's SQLite backend (see
// backend.h).
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <memory>
#include <string>

#include "common/storage/backend.h"
#include "common/storage/database_impl.h"

namespace ebill::storage {

namespace {

// Binds `values` (and their NULL indicators) to the statement's placeholders
// by position; they must outlive the statement.
void bind(soci::statement& st, std::vector<std::string>& values,
          std::vector<soci::indicator>& nulls) {
  for (std::size_t i = 0; i < values.size(); ++i) st.exchange(soci::use(values[i], nulls[i]));
}

void assign(const std::vector<SqlParam>& params, std::vector<std::string>& values,
            std::vector<soci::indicator>& nulls) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].value_or("");
    nulls[i] = params[i] ? soci::i_ok : soci::i_null;
  }
}

std::optional<Fault> backend_classify_error(const soci::soci_error& e) {
  const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
  if (lite == nullptr) return std::nullopt;
  switch (lite->result() & 0xff) {
    case 5:   // SQLITE_BUSY
    case 6:   // SQLITE_LOCKED
    case 10:  // SQLITE_IOERR
    case 13:  // SQLITE_FULL
    case 14:  // SQLITE_CANTOPEN
      return Fault::kUnavailable;
    default:
      return Fault::kOther;
  }
}

bool backend_already_exists(const soci::soci_error& e) {
  if (dynamic_cast<const soci::sqlite3_soci_error*>(&e) == nullptr) return false;
  const std::string what = e.what();
  return what.find("duplicate column name") != std::string::npos ||
         what.find("already exists") != std::string::npos;
}

void backend_text_rows(Conn& c, const std::string& sql, const std::vector<SqlParam>& params,
                       std::size_t columns, const std::function<void(const TextRow&)>& row) {
  std::vector<std::string> in(params.size()), text(columns);
  std::vector<soci::indicator> in_nulls(params.size()), nulls(columns, soci::i_ok);
  assign(params, in, in_nulls);
  soci::statement st(c.sql());
  for (std::size_t i = 0; i < columns; ++i) st.exchange(soci::into(text[i], nulls[i]));
  bind(st, in, in_nulls);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  c.count();
  st.execute();
  TextRow values(columns);
  while (st.fetch()) {
    for (std::size_t i = 0; i < columns; ++i) {
      values[i] = nulls[i] == soci::i_ok ? std::optional<std::string_view>(text[i]) : std::nullopt;
    }
    row(values);
  }
}

std::size_t backend_insert_rows(Conn& c, const RowInsert& insert,
                                const std::vector<std::vector<SqlParam>>& rows) {
  const std::size_t per_statement = std::max<std::size_t>(1, insert.sqlite_rows_per_statement);
  std::vector<std::string> values;
  std::vector<soci::indicator> nulls;
  std::unique_ptr<soci::statement> st;
  std::size_t prepared_rows = 0, added = 0;
  for (std::size_t begin = 0; begin < rows.size(); begin += per_statement) {
    const std::size_t n = std::min(per_statement, rows.size() - begin);
    if (n != prepared_rows) {
      // The same text for every full chunk; the last may be shorter.
      std::string sql = insert.head + " VALUES ";
      for (std::size_t r = 0; r < n; ++r) {
        sql += r == 0 ? "(" : ",(";
        for (std::size_t i = 0; i < insert.columns; ++i) sql += i == 0 ? "?" : ",?";
        sql += ')';
      }
      sql += " " + insert.tail;
      st.reset();
      values.assign(n * insert.columns, std::string());
      nulls.assign(n * insert.columns, soci::i_ok);
      st = std::make_unique<soci::statement>(c.sql());
      bind(*st, values, nulls);
      st->alloc();
      st->prepare(sql);
      st->define_and_bind();
      prepared_rows = n;
    }
    for (std::size_t r = 0; r < n; ++r) {
      const std::vector<SqlParam>& row = rows[begin + r];
      if (row.size() != insert.columns) throw soci::soci_error("row of the wrong width");
      for (std::size_t i = 0; i < insert.columns; ++i) {
        values[r * insert.columns + i] = row[i].value_or("");
        nulls[r * insert.columns + i] = row[i] ? soci::i_ok : soci::i_null;
      }
    }
    c.count();
    st->execute(true);
    added += static_cast<std::size_t>(st->get_affected_rows());
  }
  return added;
}

std::unique_ptr<soci::session> backend_open_session(const std::string& connect_string) {
  auto sql = std::make_unique<soci::session>(soci::sqlite3, connect_string);
  // WAL lets the API read while the collector writes.
  *sql << "PRAGMA journal_mode=WAL";
  *sql << "PRAGMA synchronous=NORMAL";
  return sql;
}

}  // namespace

const BackendAdapter& sqlite_adapter() {
  static const BackendAdapter kAdapter{backend_open_session, backend_classify_error,
                                       backend_already_exists, backend_text_rows,
                                       backend_insert_rows};
  return kAdapter;
}

}  // namespace ebill::storage
