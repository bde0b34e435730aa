#include "common/storage/database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/log/log.h"
#include "common/storage/database_impl.h"
#include "common/storage/migrations.h"

namespace ebill::storage {

namespace {

// SOCI's MySQL connect string: space-separated key='value' pairs. A value
// cannot contain a single quote (SOCI has no escape for it).
Result<std::string, OpenError> mysql_connect_string(const DatabaseSettings& s) {
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

constexpr int kSqliteBusyTimeoutS = 5;

// How long a MySQL server that stopped answering is left alone before one
// call tries it again.
constexpr std::chrono::seconds kHoldOff{1};

}  // namespace

Database::Impl::Impl(Dialect dialect, std::string connect_string, std::string label,
                     int pool_size, std::chrono::seconds pool_wait,
                     usage::UsageSettings usage)
    : dialect_(dialect),
      connect_string_(std::move(connect_string)),
      label_(std::move(label)),
      usage_(usage),
      pool_wait_(pool_wait),
      breaker_(dialect == Dialect::kMysql ? std::make_unique<CircuitBreaker>(kHoldOff) : nullptr) {
  for (int i = 0; i < std::max(1, pool_size); ++i) {
    slots_.push_back(std::make_unique<Slot>());
    idle_.push_back(slots_.back().get());
  }
}

Database::Impl::~Impl() = default;

Database::Impl::Pass::Pass(Impl& impl) : impl_(impl) {
  if (!impl_.breaker_) return;
  trips_ = impl_.breaker_->trips();
  if (impl_.breaker_->admit(CircuitBreaker::Clock::now()) == CircuitBreaker::Admission::kRefuse) {
    throw StorageUnavailable(impl_.label_ + ": marked down after it stopped answering");
  }
}

Database::Impl::Pass::~Pass() {
  if (!impl_.breaker_) return;
  if (!unreachable_) {
    if (impl_.breaker_->succeeded()) log::info("storage: {} answers again", impl_.label_);
    return;
  }
  if (impl_.breaker_->failed(CircuitBreaker::Clock::now())) {
    log::warn("storage: {} does not answer; failing fast, next try in {} s", impl_.label_,
              kHoldOff.count());
    // Calls waiting for a pooled connection give up now.
    { std::lock_guard<std::mutex> lock(impl_.mu_); }
    impl_.cv_.notify_all();
  }
}

Database::Impl::Slot* Database::Impl::acquire(Pass& pass) {
  Slot* slot;
  {
    std::unique_lock<std::mutex> lock(mu_);
    const auto marked_down = [&] { return breaker_ && breaker_->trips() != pass.trips(); };
    cv_.wait_for(lock, pool_wait_, [&] { return !idle_.empty() || marked_down(); });
    if (marked_down()) {
      throw StorageUnavailable(label_ + ": marked down while waiting for a connection");
    }
    if (idle_.empty()) {
      throw StorageUnavailable(label_ + ": no free connection after " +
                               std::to_string(pool_wait_.count()) + " s");
    }
    slot = idle_.back();
    idle_.pop_back();
  }
  if (slot->generation < generation_.load()) {
    const auto started = std::chrono::steady_clock::now();
    try {
      connect(*slot);
    } catch (...) {
      if (std::chrono::steady_clock::now() - started >= kStall) pass.unreachable();
      release(slot);
      throw;
    }
  }
  return slot;
}

void Database::Impl::release(Slot* slot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(slot);
  }
  cv_.notify_one();
}

void Database::Impl::connect(Slot& slot) {
  const std::uint64_t generation = generation_.load();
  slot.sql.reset();
  try {
    if (dialect_ == Dialect::kMysql) {
      slot.sql = std::make_unique<soci::session>(soci::mysql, connect_string_);
    } else {
      slot.sql = std::make_unique<soci::session>(soci::sqlite3, connect_string_);
      // WAL lets the API read while the collector writes.
      *slot.sql << "PRAGMA journal_mode=WAL";
      *slot.sql << "PRAGMA synchronous=NORMAL";
    }
  } catch (const soci::soci_error& e) {
    slot.sql.reset();
    throw StorageUnavailable(label_ + ": cannot connect: " + e.get_error_message());
  }
  slot.generation = generation;
}

Database::Impl::Fault Database::Impl::classify(const soci::soci_error& e) {
  if (const auto* my = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    bool lost = e.get_error_category() == soci::soci_error::connection_error;
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
        lost = true;
        break;
      default:
        break;
    }
    if (!lost) return Fault::kOther;
    generation_.fetch_add(1);
    return Fault::kLost;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
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
  return e.get_error_category() == soci::soci_error::connection_error ? Fault::kUnavailable
                                                                      : Fault::kOther;
}

void Database::Impl::rethrow(const soci::soci_error& e, Fault fault) {
  // The backend's own message: e.what() adds the statement and every bound
  // value, which is long and may hold data that does not belong in logs.
  std::string what = e.get_error_message();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  if (what.size() > 300) what = what.substr(0, 300) + "...";
  if (fault == Fault::kOther) throw StorageError(label_ + ": " + what);
  throw StorageUnavailable(label_ + ": " + what);
}

Result<std::unique_ptr<Database>, OpenError> Database::open(const DatabaseSettings& settings) {
  usage::UsageSettings usage;
  usage.gap_seconds = std::int64_t{settings.summary_gap_minutes} * 60;
  std::unique_ptr<Impl> impl;
  if (settings.backend == DatabaseSettings::Backend::kMysql) {
    auto cs = mysql_connect_string(settings);
    if (!cs.ok()) return fail(cs.error());
    impl = std::make_unique<Impl>(
        Dialect::kMysql, cs.value(),
        "mysql://" + settings.user + "@" + settings.host + ":" + std::to_string(settings.port) +
            "/" + settings.name,
        settings.pool_size, std::chrono::seconds(settings.connect_timeout_s), usage);
  } else {
    const std::filesystem::path path(settings.sqlite_path);
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        return fail(OpenError{false, "cannot create directory " + path.parent_path().string() +
                                         ": " + ec.message()});
      }
    }
    if (settings.sqlite_path.find('"') != std::string::npos) {
      return fail(OpenError{false, "SQLITE_PATH must not contain a double quote"});
    }
    impl = std::make_unique<Impl>(
        Dialect::kSqlite,
        "db=\"" + settings.sqlite_path + "\" timeout=" + std::to_string(kSqliteBusyTimeoutS),
        "sqlite:" + settings.sqlite_path, settings.pool_size,
        std::chrono::seconds(kSqliteBusyTimeoutS), usage);
  }
  std::unique_ptr<Database> db(new Database(std::move(impl)));
  try {
    const std::vector<int> applied = migrate(db->impl());
    for (int v : applied) log::info("storage: {} migration {:03d} applied", db->describe(), v);
  } catch (const StorageUnavailable& e) {
    // Bad credentials and an unknown database also fail the connect, but
    // waiting will not fix them.
    const std::string what = e.what();
    const bool fatal = what.find("Access denied") != std::string::npos ||
                       what.find("Unknown database") != std::string::npos;
    return fail(OpenError{!fatal, what});
  } catch (const std::exception& e) {
    return fail(OpenError{false, e.what()});
  }
  return db;
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Dialect Database::dialect() const { return impl_->dialect(); }
const std::string& Database::describe() const { return impl_->label(); }
std::uint64_t Database::query_count() const { return impl_->query_count(); }

bool Database::ping() {
  try {
    return impl_->run(Retry::kSafe, [](Conn& c) {
      int one = 0;
      c.query() << "SELECT 1", soci::into(one);
      return one == 1;
    });
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace ebill::storage
