// The MySQL/MariaDB adapter: the only code that includes libmysql or SOCI's
// MySQL backend (see backend.h).
#include <soci/mysql/soci-mysql.h>

#include <mysql.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "common/storage/backend.h"
#include "common/storage/database_impl.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kRowsPerInsert = 500;

MYSQL* handle(Conn& c) {
  return static_cast<soci::mysql_session_backend*>(c.sql().get_backend())->conn_;
}

[[noreturn]] void throw_error(MYSQL* conn) {
  throw soci::mysql_soci_error(mysql_error(conn), static_cast<int>(mysql_errno(conn)));
}

// `value` as a quoted literal, escaped for the connection's charset.
void append_literal(MYSQL* conn, std::string& out, const SqlParam& value) {
  if (!value) {
    out += "NULL";
    return;
  }
  const std::size_t at = out.size();
  out.resize(at + value->size() * 2 + 2);
  out[at] = '\'';
  const unsigned long n = mysql_real_escape_string(conn, &out[at + 1], value->data(), value->size());
  out.resize(at + 1 + n);
  out += '\'';
}

// `sql` with each `?` replaced by the next value, the way SOCI binds values
// for MySQL anyway (client-side), but without its per-value conversions.
void append_bound(MYSQL* conn, std::string& out, std::string_view sql,
                  const SqlParam* params, std::size_t count) {
  std::size_t next = 0;
  for (char ch : sql) {
    if (ch != '?') {
      out += ch;
      continue;
    }
    if (next == count) throw soci::soci_error("more placeholders than values");
    append_literal(conn, out, params[next++]);
  }
  if (next != count) throw soci::soci_error("more values than placeholders");
}

void run(Conn& c, MYSQL* conn, const std::string& sql) {
  c.count();
  if (mysql_real_query(conn, sql.data(), sql.size()) != 0) throw_error(conn);
}

// The number after `key` in mysql_info()'s "Records: 3  Duplicates: 1  Warnings: 0".
std::optional<unsigned long long> info_number(std::string_view info, std::string_view key) {
  const std::size_t at = info.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = info.substr(at + key.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  unsigned long long n = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
  if (ec != std::errc() || end == rest.data()) return std::nullopt;
  return n;
}

std::unique_ptr<soci::session> backend_open_session(const std::string& connect_string) {
  auto sql = std::make_unique<soci::session>(soci::mysql, connect_string);
  // READ COMMITTED: statements take no gap locks on the rows they read
  // (REPEATABLE READ's INSERT ... SELECT and duplicate checks lock the gap
  // next to a meter's rows, which on Galera made one meter's first reading
  // abort another meter's concurrent write on another node). ebill needs
  // no snapshot spanning statements: writers of one meter are ordered by
  // its meter_change row, and every read is one statement.
  *sql << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
  return sql;
}

std::optional<Fault> backend_classify_error(const soci::soci_error& e) {
  const auto* my = dynamic_cast<const soci::mysql_soci_error*>(&e);
  if (my == nullptr) return std::nullopt;
  if (e.get_error_category() == soci::soci_error::connection_error) return Fault::kLost;
  switch (my->err_num_) {
    case 1040:  // too many connections
    case 1053:  // server shutdown in progress
    case 1927:  // connection killed
    case 2002:  // cannot connect through socket
    case 2003:  // cannot connect to server
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2014:  // commands out of sync: the session is unusable
    case 2055:  // lost connection at reading/handshake
    case 4031:  // disconnected by the server after inactivity
      return Fault::kLost;
    case 1048:  // column cannot be null
    case 1264:  // out of range value for column
    case 1265:  // data truncated for column
    case 1292:  // incorrect (datetime, decimal) value
    case 1366:  // incorrect value for column
    case 1406:  // data too long for column
    case 1452:  // a foreign key constraint fails
    case 1644:  // unhandled user-defined exception (a trigger's SIGNAL)
    case 1690:  // value out of range
    case 3819:  // check constraint violated (MySQL)
    case 4025:  // CONSTRAINT failed (MariaDB CHECK)
      return Fault::kRejected;
    default:
      return Fault::kOther;
  }
}

bool backend_already_exists(const soci::soci_error& e) {
  const auto* my = dynamic_cast<const soci::mysql_soci_error*>(&e);
  // Table exists, duplicate column name, duplicate key name, trigger exists.
  return my != nullptr && (my->err_num_ == 1050 || my->err_num_ == 1060 || my->err_num_ == 1061 ||
                           my->err_num_ == 1359);
}

void backend_text_rows(Conn& c, const std::string& sql, const std::vector<SqlParam>& params,
                       std::size_t columns, const std::function<void(const TextRow&)>& row) {
  MYSQL* conn = handle(c);
  std::string text;
  text.reserve(sql.size() + params.size() * 24);
  append_bound(conn, text, sql, params.data(), params.size());
  run(c, conn, text);
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> result(mysql_use_result(conn),
                                                                  &mysql_free_result);
  if (!result) throw_error(conn);
  if (mysql_num_fields(result.get()) != columns) {
    throw soci::soci_error("unexpected number of columns");
  }
  TextRow values(columns);
  while (MYSQL_ROW r = mysql_fetch_row(result.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(result.get());
    for (std::size_t i = 0; i < columns; ++i) {
      values[i] = r[i] ? std::optional<std::string_view>(std::string_view(r[i], lengths[i]))
                       : std::nullopt;
    }
    row(values);
  }
  if (mysql_errno(conn) != 0) throw_error(conn);
}

std::size_t backend_insert_rows(Conn& c, const RowInsert& insert,
                                const std::vector<std::vector<SqlParam>>& rows) {
  MYSQL* conn = handle(c);
  std::string placeholders = "(";
  for (std::size_t i = 0; i < insert.columns; ++i) placeholders += i == 0 ? "?" : ",?";
  placeholders += ')';
  std::size_t added = 0;
  for (std::size_t begin = 0; begin < rows.size();) {
    // No chunk of one row after the first: MySQL reports the new rows of
    // multi-row statements only.
    std::size_t n = std::min(kRowsPerInsert, rows.size() - begin);
    if (rows.size() - begin - n == 1) --n;
    std::string sql = insert.head + " VALUES ";
    for (std::size_t i = begin; i < begin + n; ++i) {
      if (rows[i].size() != insert.columns) throw soci::soci_error("row of the wrong width");
      if (i != begin) sql += ',';
      append_bound(conn, sql, placeholders, rows[i].data(), rows[i].size());
    }
    sql += ' ';
    sql += insert.tail;
    run(c, conn, sql);
    if (n == 1) {
      added += static_cast<std::size_t>(mysql_affected_rows(conn));
    } else {
      const char* info = mysql_info(conn);
      const std::string_view text = info ? info : "";
      const auto records = info_number(text, "Records:");
      const auto duplicates = info_number(text, "Duplicates:");
      if (!records || !duplicates || *duplicates > *records) {
        throw soci::soci_error("MySQL did not report the rows a multi-row INSERT added");
      }
      added += static_cast<std::size_t>(*records - *duplicates);
    }
    begin += n;
  }
  return added;
}

}  // namespace

int mysql_error_number(const soci::soci_error& e) {
  const auto* my = dynamic_cast<const soci::mysql_soci_error*>(&e);
  return my == nullptr ? 0 : static_cast<int>(my->err_num_);
}

const BackendAdapter& mysql_adapter() {
  static const BackendAdapter kAdapter{
      .open_session = backend_open_session,
      .classify_error = backend_classify_error,
      .already_exists = backend_already_exists,
      .for_each_text_row = backend_text_rows,
      .insert_rows = backend_insert_rows,
  };
  return kAdapter;
}

}  // namespace ebill::storage
