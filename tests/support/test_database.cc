#include "tests/support/test_database.h"

#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "common/storage/backend.h"

namespace ebill::test {

namespace {

std::string env_or_throw(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: MariaDB tests need the server that scripts/test "
                             "starts (run `bash scripts/test`)");
  }
  return v;
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 100000);
}

// A session of its own through storage's backend adapters.
std::unique_ptr<soci::session> connect(const DatabaseSettings& s) {
  auto cs = storage::connect_string(s);
  if (!cs.ok()) throw std::runtime_error(cs.error().message);
  return storage::open_session(s.backend == DatabaseSettings::Backend::kSqlite
                                   ? storage::Dialect::kSqlite
                                   : storage::Dialect::kMysql,
                               cs.value());
}

}  // namespace

const char* backend_name(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "mariadb";
}

DatabaseSettings mariadb_settings(const std::string& name) {
  DatabaseSettings s;
  s.backend = DatabaseSettings::Backend::kMysql;
  s.host = env_or_throw("EBILL_TEST_MYSQL_HOST");
  s.port = std::stoi(env_or_throw("EBILL_TEST_MYSQL_PORT"));
  s.user = env_or_throw("EBILL_TEST_MYSQL_USER");
  s.password = env_or_throw("EBILL_TEST_MYSQL_PASSWORD");
  s.name = name;
  s.connect_timeout_s = 2;
  s.read_timeout_s = 5;
  s.write_timeout_s = 5;
  s.pool_size = 3;
  return s;
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("ebill-test-" + unique_suffix())).string();
    settings_.backend = DatabaseSettings::Backend::kSqlite;
    settings_.sqlite_path = dir_ + "/sub/ebill.db";  // open() must create sub/
    settings_.pool_size = 3;
    return;
  }
  settings_ = mariadb_settings("ebill_t_" + unique_suffix());
  create_mysql_database();
}

TestDatabase::TestDatabase(const DatabaseSettings& server)
    : backend_(Backend::kMariadb), settings_(server) {
  settings_.name = "ebill_t_" + unique_suffix();
  create_mysql_database();
}

void TestDatabase::create_mysql_database() {
  DatabaseSettings admin = settings_;
  admin.name = "mysql";
  connect(admin)->once << "CREATE DATABASE " + settings_.name + " CHARACTER SET utf8mb4";
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == Backend::kSqlite) {
      std::filesystem::remove_all(dir_);
    } else {
      DatabaseSettings admin = settings_;
      admin.name = "mysql";
      connect(admin)->once << "DROP DATABASE IF EXISTS " + settings_.name;
    }
  } catch (...) {
    // A leftover temporary database is not worth failing a test for.
  }
}

std::unique_ptr<storage::Database> TestDatabase::open() const {
  auto db = storage::Database::open(settings_);
  if (!db.ok()) throw std::runtime_error("open failed: " + db.error().message);
  return std::move(db).value();
}

std::unique_ptr<soci::session> TestDatabase::session() const { return connect(settings_); }

void TestDatabase::exec(const std::string& sql) const {
  if (backend_ == Backend::kSqlite) std::filesystem::create_directories(dir_ + "/sub");
  connect(settings_)->once << sql;
}

std::vector<std::vector<std::string>> TestDatabase::rows(const std::string& sql) const {
  return query_rows(settings_, sql);
}

std::vector<std::vector<std::string>> query_rows(const DatabaseSettings& s, const std::string& sql) {
  auto session = connect(s);
  soci::rowset<soci::row> result = (session->prepare << sql);
  std::vector<std::vector<std::string>> out;
  for (const soci::row& r : result) {
    std::vector<std::string> cols;
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (r.get_indicator(i) == soci::i_null) {
        cols.emplace_back();
        continue;
      }
      switch (r.get_properties(i).get_data_type()) {
        case soci::dt_string: cols.push_back(r.get<std::string>(i)); break;
        case soci::dt_integer: cols.push_back(std::to_string(r.get<int>(i))); break;
        case soci::dt_long_long: cols.push_back(std::to_string(r.get<long long>(i))); break;
        case soci::dt_unsigned_long_long:
          cols.push_back(std::to_string(r.get<unsigned long long>(i)));
          break;
        default: throw std::runtime_error("TestDatabase::rows: CAST the column to text: " + sql);
      }
    }
    out.push_back(std::move(cols));
  }
  return out;
}

std::string TestDatabase::scalar(const std::string& sql) const {
  const auto r = rows(sql);
  return r.empty() || r.front().empty() ? "" : r.front().front();
}

}  // namespace ebill::test
