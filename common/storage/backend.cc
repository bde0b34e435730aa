#include "common/storage/backend.h"

#include <algorithm>

#include <utility>

#include "common/storage/database_impl.h"

namespace ebill::storage {

Result<std::string, OpenError> connect_string(const DatabaseSettings& s) {
  if (s.backend == DatabaseSettings::Backend::kSqlite) {
    if (s.sqlite_path.find('"') != std::string::npos) {
      return fail(OpenError{false, "SQLITE_PATH must not contain a double quote"});
    }
    return "db=\"" + s.sqlite_path + "\" timeout=" + std::to_string(kSqliteBusyTimeoutS);
  }
  // Space-separated key='value' pairs; SOCI has no escape for a quote.
  const std::pair<const char*, std::string> parts[] = {
      {"db", s.name},
      {"user", s.user},
      {"password", s.password},
      {"host", s.host},
      {"port", std::to_string(s.port)},
      {"charset", s.charset},
      {"connect_timeout", std::to_string(s.connect_timeout_s)},
      {"read_timeout", std::to_string(s.read_timeout_s)},
      {"write_timeout", std::to_string(s.write_timeout_s)},
  };
  std::string out;
  for (const auto& [key, value] : parts) {
    if (value.find('\'') != std::string::npos) {
      return fail(OpenError{false, std::string("database setting ") + key +
                                       " must not contain a single quote"});
    }
    if (value.empty()) continue;
    if (!out.empty()) out += ' ';
    out += std::string(key) + "='" + value + "'";
  }
  return out;
}

namespace {
const BackendAdapter& adapter(Dialect dialect) {
  return dialect == Dialect::kMysql ? mysql_adapter() : sqlite_adapter();
}
}  // namespace

std::unique_ptr<soci::session> open_session(Dialect dialect, const std::string& connect_string) {
  return adapter(dialect).open_session(connect_string);
}

Fault classify_error(const soci::soci_error& e) {
  for (const BackendAdapter* a : {&mysql_adapter(), &sqlite_adapter()}) {
    if (const auto fault = a->classify_error(e)) return *fault;
  }
  return e.get_error_category() == soci::soci_error::connection_error ? Fault::kUnavailable
                                                                      : Fault::kOther;
}

bool already_exists(const soci::soci_error& e) {
  return mysql_adapter().already_exists(e) || sqlite_adapter().already_exists(e);
}

void for_each_text_row(Conn& c, const std::string& sql, const std::vector<SqlParam>& params,
                       std::size_t columns, const std::function<void(const TextRow&)>& row) {
  adapter(c.dialect()).for_each_text_row(c, sql, params, columns, row);
}

std::string replace_on_conflict(Dialect dialect, std::string_view key,
                                const std::vector<std::string_view>& columns) {
  const bool mysql = dialect == Dialect::kMysql;
  std::string out = mysql ? "ON DUPLICATE KEY UPDATE "
                          : "ON CONFLICT(" + std::string(key) + ") DO UPDATE SET ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string column(columns[i]);
    if (i > 0) out += ", ";
    out += column + (mysql ? " = VALUES(" + column + ")" : " = excluded." + column);
  }
  return out;
}

std::size_t insert_rows(Conn& c, const RowInsert& insert,
                        const std::vector<std::vector<SqlParam>>& rows) {
  if (rows.empty()) return 0;
  return adapter(c.dialect()).insert_rows(c, insert, rows);
}

void for_each_in_list(const std::vector<std::string>& values, std::size_t per,
                      const std::function<void(const std::string& placeholders,
                                               const std::vector<SqlParam>& params)>& run) {
  for (std::size_t begin = 0; begin < values.size(); begin += per) {
    const std::size_t end = std::min(values.size(), begin + per);
    std::string in;
    std::vector<SqlParam> params;
    for (std::size_t i = begin; i < end; ++i) {
      in += i == begin ? "?" : ",?";
      params.push_back(values[i]);
    }
    run(in, params);
  }
}

}  // namespace ebill::storage
