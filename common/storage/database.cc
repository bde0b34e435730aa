#include "common/storage/database.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/log/log.h"
#include "common/storage/backend.h"
#include "common/storage/database_impl.h"
#include "common/storage/migrations.h"

namespace ebill::storage {

namespace {

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
    slot.sql = open_session(dialect_, connect_string_);
  } catch (const soci::soci_error& e) {
    slot.sql.reset();
    throw StorageUnavailable(label_ + ": cannot connect: " + e.get_error_message());
  }
  slot.generation = generation;
}

Fault Database::Impl::classify(const soci::soci_error& e) {
  const Fault fault = classify_error(e);
  if (fault == Fault::kLost) generation_.fetch_add(1);
  return fault;
}

void Database::Impl::rethrow(const soci::soci_error& e, Fault fault) {
  // The backend's own message: e.what() adds the statement and every bound
  // value, which is long and may hold data that does not belong in logs.
  std::string what = e.get_error_message();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  if (what.size() > 300) what = what.substr(0, 300) + "...";
  if (fault == Fault::kRejected) throw StorageRejected(label_ + ": " + what);
  if (fault == Fault::kOther) throw StorageError(label_ + ": " + what);
  throw StorageUnavailable(label_ + ": " + what);
}

namespace {

// Whether the server is a node of a Galera cluster with replication on
// (wsrep_on; a server without the variable, e.g. MySQL, is not).
bool detect_galera(Database::Impl& impl) {
  return impl.run(Retry::kSafe, [](Conn& c) {
    try {
      int on = 0;
      c.query() << "SELECT @@wsrep_on", soci::into(on);
      return on == 1;
    } catch (const soci::soci_error& e) {
      if (mysql_error_number(e) == 1193) return false;  // unknown system variable
      throw;
    }
  });
}

}  // namespace

Result<std::unique_ptr<Database>, OpenError> Database::open(const DatabaseSettings& settings) {
  usage::UsageSettings usage;
  usage.gap_seconds = std::int64_t{settings.summary_gap_minutes} * 60;
  std::unique_ptr<Impl> impl;
  if (settings.backend == DatabaseSettings::Backend::kSqlite) {
    const std::filesystem::path path(settings.sqlite_path);
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        return fail(OpenError{false, "cannot create directory " + path.parent_path().string() +
                                         ": " + ec.message()});
      }
    }
  }
  auto cs = connect_string(settings);
  if (!cs.ok()) return fail(cs.error());
  if (settings.backend == DatabaseSettings::Backend::kMysql) {
    impl = std::make_unique<Impl>(
        Dialect::kMysql, cs.value(),
        "mysql://" + settings.user + "@" + settings.host + ":" + std::to_string(settings.port) +
            "/" + settings.name,
        settings.pool_size, std::chrono::seconds(settings.connect_timeout_s), usage);
  } else {
    impl = std::make_unique<Impl>(Dialect::kSqlite, cs.value(), "sqlite:" + settings.sqlite_path,
                                  settings.pool_size, std::chrono::seconds(kSqliteBusyTimeoutS),
                                  usage);
  }
  std::unique_ptr<Database> db(new Database(std::move(impl)));
  try {
    const std::vector<int> applied = migrate(db->impl());
    for (int v : applied) log::info("storage: {} migration {:03d} applied", db->describe(), v);
    if (db->dialect() == Dialect::kMysql) db->impl().set_galera(detect_galera(db->impl()));
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
