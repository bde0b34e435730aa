#include "common/storage/text_rows.h"

#include <soci/mysql/soci-mysql.h>

#include <mysql.h>

#include <memory>

namespace ebill::storage {

namespace {

[[noreturn]] void throw_mysql(MYSQL* conn) {
  throw soci::mysql_soci_error(mysql_error(conn), static_cast<int>(mysql_errno(conn)));
}

void mysql_rows(Conn& c, const std::string& sql, std::size_t columns,
                const std::function<void(const TextRow&)>& row) {
  MYSQL* conn = static_cast<soci::mysql_session_backend*>(c.sql().get_backend())->conn_;
  c.count();
  if (mysql_real_query(conn, sql.data(), sql.size()) != 0) throw_mysql(conn);
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> result(mysql_use_result(conn),
                                                                  &mysql_free_result);
  if (!result) throw_mysql(conn);
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
  if (mysql_errno(conn) != 0) throw_mysql(conn);
}

void soci_rows(Conn& c, const std::string& sql, std::size_t columns,
               const std::function<void(const TextRow&)>& row) {
  std::vector<std::string> text(columns);
  std::vector<soci::indicator> ind(columns, soci::i_ok);
  soci::statement st(c.sql());
  for (std::size_t i = 0; i < columns; ++i) st.exchange(soci::into(text[i], ind[i]));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  c.count();
  st.execute();
  TextRow values(columns);
  while (st.fetch()) {
    for (std::size_t i = 0; i < columns; ++i) {
      values[i] = ind[i] == soci::i_ok ? std::optional<std::string_view>(text[i]) : std::nullopt;
    }
    row(values);
  }
}

}  // namespace

void for_each_text_row(Conn& c, const std::string& sql, std::size_t columns,
                       const std::function<void(const TextRow&)>& row) {
  if (c.dialect() == Dialect::kMysql) mysql_rows(c, sql, columns, row);
  else soci_rows(c, sql, columns, row);
}

}  // namespace ebill::storage
