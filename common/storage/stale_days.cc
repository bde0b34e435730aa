#include "common/storage/stale_days.h"

#include <algorithm>
#include <charconv>

#include "common/storage/backend.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kMetersPerStatement = 500;
constexpr std::size_t kMarksPerDelete = 100;

StaleDay mark_of(const TextRow& row) {
  if (!row[0] || !row[1] || !row[2]) throw StorageError("unexpected NULL in stale_day");
  const auto date = parse_date(row[1]->substr(0, 10));
  std::int64_t writes = 0;
  const auto [end, ec] = std::from_chars(row[2]->data(), row[2]->data() + row[2]->size(), writes);
  if (!date || ec != std::errc() || end != row[2]->data() + row[2]->size()) {
    throw StorageError("bad stale_day row");
  }
  return {std::string(*row[0]), day_from_date(*date), writes};
}

}  // namespace

std::vector<StaleDay> select_stale_days(Conn& c,
                                        const std::optional<std::vector<std::string>>& meters,
                                        std::size_t limit) {
  std::vector<StaleDay> out;
  auto add = [&](const TextRow& row) { out.push_back(mark_of(row)); };
  if (!meters) {
    for_each_text_row(c,
                      "SELECT meter_no, day, writes FROM stale_day ORDER BY meter_no, day LIMIT " +
                          std::to_string(limit),
                      {}, 3, add);
    return out;
  }
  for_each_in_list(*meters, kMetersPerStatement,
                   [&](const std::string& in, const std::vector<SqlParam>& params) {
                     for_each_text_row(c,
                                       "SELECT meter_no, day, writes FROM stale_day"
                                       " WHERE meter_no IN (" + in + ") ORDER BY meter_no, day",
                                       params, 3, add);
                   });
  return out;
}

void clear_stale_days(Conn& c, const std::vector<StaleDay>& marks) {
  for (std::size_t begin = 0; begin < marks.size(); begin += kMarksPerDelete) {
    const std::size_t end = std::min(marks.size(), begin + kMarksPerDelete);
    std::string where;
    std::vector<std::string> values;
    values.reserve(3 * (end - begin));
    for (std::size_t i = begin; i < end; ++i) {
      const std::string n = std::to_string(i - begin);
      where += std::string(i == begin ? "" : " OR ") + "(meter_no = :m" + n + " AND day = :d" + n +
               " AND writes = :w" + n + ")";
      values.insert(values.end(), {marks[i].meter_no, format_day(marks[i].day),
                                   std::to_string(marks[i].writes)});
    }
    soci::statement st(c.sql());
    for (std::string& v : values) st.exchange(soci::use(v));
    st.alloc();
    st.prepare("DELETE FROM stale_day WHERE " + where);
    st.define_and_bind();
    c.count();
    st.execute(true);
  }
}

void bump_meter_versions(Conn& c, const std::vector<std::string>& meters) {
  if (meters.empty()) return;
  std::vector<std::vector<SqlParam>> rows;
  rows.reserve(meters.size());
  for (const std::string& m : meters) rows.push_back({m, std::string("1")});
  const RowInsert upsert{"INSERT INTO meter_change (meter_no, version)",
                         c.dialect() == Dialect::kMysql
                             ? "ON DUPLICATE KEY UPDATE version = version + 1"
                             : "ON CONFLICT(meter_no) DO UPDATE SET version = version + 1",
                         2};
  // The count of new rows is not used (so a single row is fine on MySQL).
  insert_rows(c, upsert, rows);
}

}  // namespace ebill::storage
