#include "common/storage/migrations.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <set>

#include "common/log/log.h"
#include "common/storage/backend.h"
#include "common/storage/database_impl.h"
#include "common/storage/embedded_sql.h"
#include "common/storage/migration_lock.h"
#include "common/storage/retry.h"
#include "common/storage/summary_refresh.h"
#include "common/storage/summary_sql.h"
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
// How long a program waits for another one's migrations before it gives up
// (StorageUnavailable: the caller retries the open later).
constexpr std::chrono::seconds kWaitForOthers{60};
constexpr int kDaySummaryVersion = 10;  // 010_day_summary: built from the readings
constexpr int kUsageRulesVersion = 13;  // 013_usage_rules_rate_history: rebuilt under new rules
constexpr int kSummaryRulesVersion = 15;  // 015_foreign_writes: rows record their rules
constexpr int kOpenDayVersion = 19;       // 019_day_open: each meter's open day

// Data migrations SQL cannot do, run after a version's statements and
// before it is recorded (so an interrupted one runs again). Day summaries
// are built once per run, under the rules of this build, once the table has
// its latest columns (015): at the last version this run applies, when 010
// or 013 was among them, or when 015 finds the table empty (a first run cut
// short after 010). Rows of older rules that 015 finds are kept; ebill-api
// rebuilds them in the background (DaySummaryStore::rebuild_other_rules).
// The open days (019) are computed at the last version too, unless the
// summaries' rebuild, which computes them, runs.
void run_data_step(Conn& c, int version, bool last, bool& summaries_due, bool& open_days_due) {
  if (version == kDaySummaryVersion || version == kUsageRulesVersion) summaries_due = true;
  if (version == kOpenDayVersion) open_days_due = true;
  if (!last) return;
  if (!summaries_due && version == kSummaryRulesVersion) {
    int rows = 0;
    c.query() << "SELECT COUNT(*) FROM (SELECT 1 FROM day_summary LIMIT 1) AS any_row",
        soci::into(rows);
    summaries_due = rows == 0;
  }
  if (open_days_due && !summaries_due) {
    recompute_open_days(c, meter_extents(c, std::nullopt));
    open_days_due = false;
  }
  if (!summaries_due) return;
  const std::size_t built = rebuild_summaries(c, std::nullopt);
  if (built > 0) log::info("storage: built {} day summaries from existing readings", built);
  summaries_due = false;
  open_days_due = false;
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

// Applies the migrations `c` has not recorded, each statement after
// `before_each` (which renews the lock). A statement is run again after a
// transient conflict; one whose change is already there counts as done, so
// a migration interrupted half-way (or run by a program that took over a
// dead one's lock) completes. Recording tolerates a row already there.
std::vector<int> apply_missing(Conn& c, const std::function<void()>& before_each) {
  const std::set<int> done = recorded_versions(c);
  const char* record =
      c.dialect() == Dialect::kMysql
          ? "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)"
            " ON DUPLICATE KEY UPDATE version = version"
          : "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)"
            " ON CONFLICT(version) DO NOTHING";
  std::vector<int> applied;
  bool summaries_due = false, open_days_due = false;
  const std::vector<Migration> all = embedded_migrations(c.dialect());
  int last_pending = 0;
  for (const Migration& m : all) {
    if (!done.count(m.version)) last_pending = m.version;
  }
  for (const Migration& m : all) {
    if (done.count(m.version)) continue;
    for (const std::string& statement : split_statements(m.sql)) {
      before_each();
      retry_conflicts([&] {
        try {
          c.query() << statement;
        } catch (const soci::soci_error& e) {
          if (!already_exists(e)) throw;  // else the change is already there
        }
      });
    }
    before_each();
    retry_conflicts([&] { run_data_step(c, m.version, m.version == last_pending, summaries_due, open_days_due);
    });
    const std::string at = format_datetime(SystemClock().now());
    retry_conflicts([&] { c.query() << record, soci::use(m.version), soci::use(m.name), soci::use(at); });
    applied.push_back(m.version);
  }
  return applied;
}

// Whether every embedded migration is recorded (false when the version
// table does not exist yet). Reads only.
// A read, yet retried: on Galera another node's DDL (total order isolation)
// aborts it with ER_LOCK_DEADLOCK while programs start together.
bool up_to_date(Conn& c) {
  return retry_conflicts([&] {
    int tables = 0;
    c.query() << "SELECT COUNT(*) FROM information_schema.TABLES"
                 " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations'",
        soci::into(tables);
    if (tables == 0) return false;
    const std::set<int> done = recorded_versions(c);
    for (const Migration& m : embedded_migrations(c.dialect())) {
      if (!done.count(m.version)) return false;
    }
    return true;
  });
}

// Safe whichever server of a multi-primary cluster each program uses: the
// program that claims the lock row migrates, the others wait until every
// version is recorded (or the lock is free again, or its owner's lease ran
// out) and go on. A database already up to date is only read.
std::vector<int> migrate_mysql(Conn& c) {
  if (up_to_date(c)) return {};
  // One migration at a time in this process: the lock row knows processes.
  static std::mutex in_process;
  std::lock_guard<std::mutex> one(in_process);
  std::string db_name;
  c.query() << "SELECT DATABASE()", soci::into(db_name);
  MigrationLock lock(c);
  const auto give_up = std::chrono::steady_clock::now() + kWaitForOthers;
  for (bool said = false;; said = true) {
    if (lock.try_claim()) {
      retry_conflicts([&] { c.query() << kMysqlVersionTable; });
      std::vector<int> applied = apply_missing(c, [&] { lock.renew(); });
      lock.release();
      return applied;
    }
    if (up_to_date(c)) return {};
    if (std::chrono::steady_clock::now() >= give_up) {
      throw StorageUnavailable("another program has been migrating " + db_name + " for over " +
                               std::to_string(kWaitForOthers.count()) + " s");
    }
    if (!said) log::info("storage: another program is migrating {}; waiting for it", db_name);
    jitter_sleep(std::chrono::milliseconds(200), std::chrono::milliseconds(400));
  }
}

std::vector<int> migrate_sqlite(Conn& c) {
  // IMMEDIATE takes the write lock up front: a second program waits for the
  // busy timeout, then sees every version recorded.
  c.sql() << "BEGIN IMMEDIATE";
  try {
    c.query() << kSqliteVersionTable;
    std::vector<int> applied = apply_missing(c, [] {});
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

}  // namespace ebill::storage
