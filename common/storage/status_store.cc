#include "common/storage/status_store.h"

#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kMaxErrorChars = 500;

const char* success_sql(Dialect d) {
  return d == Dialect::kMysql
             ? "INSERT INTO meter_status (meter_no, last_success, last_attempt, last_error,"
               " consecutive_failures) VALUES (:m, :a, :a2, :n, 0) ON DUPLICATE KEY UPDATE"
               " last_success = VALUES(last_success), last_attempt = VALUES(last_attempt),"
               " last_error = VALUES(last_error), consecutive_failures = 0"
             : "INSERT INTO meter_status (meter_no, last_success, last_attempt, last_error,"
               " consecutive_failures) VALUES (:m, :a, :a2, :n, 0) ON CONFLICT(meter_no) DO UPDATE"
               " SET last_success = excluded.last_success, last_attempt = excluded.last_attempt,"
               " last_error = excluded.last_error, consecutive_failures = 0";
}

const char* failure_sql(Dialect d) {
  return d == Dialect::kMysql
             ? "INSERT INTO meter_status (meter_no, last_success, last_attempt, last_error,"
               " consecutive_failures) VALUES (:m, NULL, :a, :e, 1) ON DUPLICATE KEY UPDATE"
               " last_attempt = VALUES(last_attempt), last_error = VALUES(last_error),"
               " consecutive_failures = consecutive_failures + 1"
             : "INSERT INTO meter_status (meter_no, last_success, last_attempt, last_error,"
               " consecutive_failures) VALUES (:m, NULL, :a, :e, 1) ON CONFLICT(meter_no) DO UPDATE"
               " SET last_attempt = excluded.last_attempt, last_error = excluded.last_error,"
               " consecutive_failures = meter_status.consecutive_failures + 1";
}

std::vector<MeterStatus> select_statuses(Conn& c, const std::string* meter_no) {
  std::vector<MeterStatus> out;
  MeterStatus s;
  std::string success, attempt;
  soci::indicator success_ind = soci::i_ok, attempt_ind = soci::i_ok;
  soci::statement st(c.sql());
  st.exchange(soci::into(s.meter_no));
  st.exchange(soci::into(success, success_ind));
  st.exchange(soci::into(attempt, attempt_ind));
  st.exchange(soci::into(s.last_error));
  st.exchange(soci::into(s.consecutive_failures));
  if (meter_no != nullptr) st.exchange(soci::use(*meter_no));
  st.alloc();
  st.prepare(std::string("SELECT meter_no, last_success, last_attempt, last_error,"
                         " consecutive_failures FROM meter_status") +
             (meter_no != nullptr ? " WHERE meter_no = :m" : " ORDER BY meter_no"));
  st.define_and_bind();
  c.count();
  st.execute();
  while (st.fetch()) {
    s.last_success.reset();
    s.last_attempt.reset();
    if (success_ind == soci::i_ok) s.last_success = datetime_column(success, "last_success");
    if (attempt_ind == soci::i_ok) s.last_attempt = datetime_column(attempt, "last_attempt");
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::string truncate_utf8(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A character starts at every byte that is not a continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return text.substr(0, i);
    }
  }
  return text;
}

void StatusStore::record(const std::vector<Attempt>& attempts) {
  if (attempts.empty()) return;
  db_.impl().run(Retry::kUnsafe, [&](Conn& c) {
    soci::transaction tx(c.sql());
    std::string meter_no, at, error, note;
    soci::statement ok = (c.sql().prepare << success_sql(c.dialect()), soci::use(meter_no),
                          soci::use(at), soci::use(at), soci::use(note));
    soci::statement failed = (c.sql().prepare << failure_sql(c.dialect()), soci::use(meter_no),
                              soci::use(at), soci::use(error));
    for (const Attempt& a : attempts) {
      meter_no = a.meter_no;
      at = format_datetime(a.at);
      error = truncate_utf8(a.error, kMaxErrorChars);
      note = truncate_utf8(a.note, kMaxErrorChars);
      c.count();
      (a.error.empty() ? ok : failed).execute(true);
    }
    tx.commit();
  });
}

void StatusStore::record_success(const std::string& meter_no, LocalSeconds at) {
  record({Attempt{meter_no, at, ""}});
}

void StatusStore::record_failure(const std::string& meter_no, LocalSeconds at,
                                 const std::string& error) {
  record({Attempt{meter_no, at, error.empty() ? "unknown error" : error}});
}

std::vector<MeterStatus> StatusStore::list() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) { return select_statuses(c, nullptr); });
}

std::optional<MeterStatus> StatusStore::get(const std::string& meter_no) {
  std::vector<MeterStatus> found =
      db_.impl().run(Retry::kSafe, [&](Conn& c) { return select_statuses(c, &meter_no); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace ebill::storage
