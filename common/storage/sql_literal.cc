#include "common/storage/sql_literal.h"

#include <soci/mysql/soci-mysql.h>

#include <mysql.h>

namespace ebill::storage {

std::string sql_literal(Conn& c, std::string_view text) {
  std::string out;
  if (c.dialect() == Dialect::kMysql) {
    MYSQL* conn = static_cast<soci::mysql_session_backend*>(c.sql().get_backend())->conn_;
    out.assign(text.size() * 2 + 3, '\0');
    out[0] = '\'';
    const unsigned long n = mysql_real_escape_string(conn, &out[1], text.data(), text.size());
    out.resize(n + 1);
  } else {
    out.reserve(text.size() + 2);
    out += '\'';
    for (char ch : text) {
      if (ch == '\'') out += '\'';
      out += ch;
    }
  }
  out += '\'';
  return out;
}

}  // namespace ebill::storage
