// The SQL files of sql/<dialect>/, compiled into the library at build time
// (common/storage/embed_sql.cmake generates the definitions), in file name
// order. Used by migrations.cc only.
#ifndef EBILL_COMMON_STORAGE_EMBEDDED_SQL_H_
#define EBILL_COMMON_STORAGE_EMBEDDED_SQL_H_

namespace ebill::storage {

struct EmbeddedSql {
  const char* file;  // "001_electricity_balance.sql"
  const char* text;  // the whole file
};

extern const EmbeddedSql kMysqlSql[];
extern const int kMysqlSqlCount;
extern const EmbeddedSql kSqliteSql[];
extern const int kSqliteSqlCount;

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_EMBEDDED_SQL_H_
