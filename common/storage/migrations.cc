#include "common/storage/migrations.h"

#include <soci/mysql/soci-mysql.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "common/log/log.h"
#include "common/storage/database_impl.h"
#include "common/storage/embedded_sql.h"
#include "common/storage/summary_refresh.h"
#include "common/time/time_zone.h"

namespace ebill::storage {

namespace {

constexpr const char* kMysqlVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(128) NOT NULL,"
    " applied_at DATETIME NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
constexpr const char* kSqliteVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER NOT NULL PRIMARY KEY,"
    " name VARCHAR(128) NOT NULL,"
    " applied_at DATETIME NOT NULL)";
constexpr int kLockWaitSeconds = 60;
constexpr int kDaySummaryVersion = 10;  // 010_day_summary: built from the readings
constexpr int kUsageRulesVersion = 13;  // 013_usage_rules_rate_history: rebuilt under new rules

// "Table/column/index already exists": the change is already there.
bool already_applied(const soci::soci_error& e) {
  if (const auto* my = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    return my->err_num_ == 1050 || my->err_num_ == 1060 || my->err_num_ == 1061;
  }
  const std::string what = e.what();
  return what.find("duplicate column name") != std::string::npos ||
         what.find("already exists") != std::string::npos;
}

// Data migrations SQL cannot do, run after a version's statements and
// before it is recorded (so an interrupted one runs again). Day summaries
// are built once per run, under the rules of this build.
void run_data_step(Conn& c, int version, bool& summaries_built) {
  if ((version == kDaySummaryVersion || version == kUsageRulesVersion) && !summaries_built) {
    const std::size_t rows = rebuild_summaries(c, std::nullopt);
    if (rows > 0) log::info("storage: built {} day summaries from existing readings", rows);
    summaries_built = true;
  }
}

std::set<int> recorded_versions(Conn& c) {
  std::set<int> versions;
  int v = 0;
  soci::statement st = (c.query().prepare << "SELECT version FROM schema_migrations",
                        soci::into(v));
  st.execute();
  while (st.fetch()) versions.insert(v);
  return versions;
}

std::vector<int> apply_missing(Conn& c) {
  const std::set<int> done = recorded_versions(c);
  std::vector<int> applied;
  bool summaries_built = false;
  for (const Migration& m : embedded_migrations(c.dialect())) {
    if (done.count(m.version)) continue;
    for (const std::string& statement : split_statements(m.sql)) {
      try {
        c.query() << statement;
      } catch (const soci::soci_error& e) {
        if (!already_applied(e)) throw;
      }
    }
    run_data_step(c, m.version, summaries_built);
    const std::string at = format_datetime(SystemClock().now());
    c.query() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
        soci::use(m.version), soci::use(m.name), soci::use(at);
    applied.push_back(m.version);
  }
  return applied;
}

std::vector<int> migrate_mysql(Conn& c) {
  // The lock is per database: one server may hold several ebill databases.
  std::string db_name;
  c.query() << "SELECT DATABASE()", soci::into(db_name);
  const std::string lock = ("ebill_migrate." + db_name).substr(0, 64);
  int got = 0;
  soci::indicator ind = soci::i_ok;
  c.query() << "SELECT GET_LOCK(:l, :t)", soci::use(lock), soci::use(kLockWaitSeconds),
      soci::into(got, ind);
  if (ind != soci::i_ok || got != 1) {
    throw StorageUnavailable("another program has been migrating " + db_name + " for too long");
  }
  try {
    c.query() << kMysqlVersionTable;
    std::vector<int> applied = apply_missing(c);
    c.query() << "SELECT RELEASE_LOCK(:l)", soci::use(lock), soci::into(got, ind);
    return applied;
  } catch (...) {
    try {
      c.sql() << "SELECT RELEASE_LOCK(:l)", soci::use(lock), soci::into(got, ind);
    } catch (...) {
      // The lock dies with the connection anyway.
    }
    throw;
  }
}

std::vector<int> migrate_sqlite(Conn& c) {
  // IMMEDIATE takes the write lock up front: a second program waits for the
  // busy timeout, then sees every version recorded.
  c.sql() << "BEGIN IMMEDIATE";
  try {
    c.query() << kSqliteVersionTable;
    std::vector<int> applied = apply_missing(c);
    c.sql() << "COMMIT";
    return applied;
  } catch (...) {
    try {
      c.sql() << "ROLLBACK";
    } catch (...) {
    }
    throw;
  }
}

}  // namespace

std::vector<Migration> embedded_migrations(Dialect dialect) {
  const EmbeddedSql* files = dialect == Dialect::kMysql ? kMysqlSql : kSqliteSql;
  const int count = dialect == Dialect::kMysql ? kMysqlSqlCount : kSqliteSqlCount;
  std::vector<Migration> out;
  for (int i = 0; i < count; ++i) {
    std::string file = files[i].file;
    Migration m;
    m.version = std::atoi(file.c_str());
    const std::size_t underscore = file.find('_');
    m.name = file.substr(underscore + 1, file.size() - underscore - 1 - 4);
    m.sql = files[i].text;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const auto first = current.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) out.push_back(current.substr(first));
    current.clear();
  };
  while (!sql.empty()) {
    const std::size_t eol = sql.find('\n');
    std::string_view line = sql.substr(0, eol);
    sql.remove_prefix(eol == std::string_view::npos ? sql.size() : eol + 1);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first, 2) == "--") continue;
    const auto last = line.find_last_not_of(" \t\r");
    const bool ends = line[last] == ';';
    current.append(line.substr(0, ends ? last : last + 1));
    current += '\n';
    if (ends) flush();
  }
  flush();
  return out;
}

std::vector<int> migrate(Database::Impl& db) {
  // Not retried after a lost connection: a rerun would be harmless, but a
  // failed open is reported and retried by the caller anyway.
  return db.run(Retry::kUnsafe, [](Conn& c) {
    return c.dialect() == Dialect::kMysql ? migrate_mysql(c) : migrate_sqlite(c);
  });
}

std::vector<int> applied_migrations(Database& db) {
  return db.impl().run(Retry::kSafe, [](Conn& c) {
    const std::set<int> versions = recorded_versions(c);
    return std::vector<int>(versions.begin(), versions.end());
  });
}

}  // namespace ebill::storage
