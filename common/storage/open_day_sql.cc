#include "common/storage/open_day_sql.h"

#include "common/storage/backend.h"
#include "common/storage/row_text.h"
#include "common/storage/storage_error.h"
#include "common/storage/summary_columns.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

namespace {

constexpr std::size_t kMetersPerStatement = 500;
constexpr std::size_t kMetersPerRecompute = 100;
constexpr std::size_t kRowsPerUpsert = 500;

constexpr const char* kColumns =
    "meter_no, day, consumption, recharge, estimated, readings, first_at, first_remain,"
    " last_at, last_remain, last_money, last_price, first_reading_at";

}  // namespace

std::map<std::string, OpenDay> select_open_days(
    Conn& c, const std::optional<std::vector<std::string>>& meters) {
  std::map<std::string, OpenDay> out;
  auto run = [&](const std::string& where, const std::vector<SqlParam>& meter_params) {
    std::vector<SqlParam> params = rules_of(c);
    params.insert(params.end(), meter_params.begin(), meter_params.end());
    for_each_text_row(
        c,
        std::string("SELECT ") + kColumns +
            ", CASE WHEN gap_minutes = ? AND rules_version = ? THEN 1 ELSE 0 END"
            " FROM day_open" + where,
        params, 14, [&](const TextRow& row) {
          const std::string meter_no(required(row[0], "meter_no"));
          OpenDay d;
          d.summary = summary_of(row, 1);
          d.summary.settled = false;
          if (!d.summary.last) throw StorageError("day_open of " + meter_no + " has no last reading");
          d.last = Reading{meter_no, d.summary.last->at, d.summary.last->remain, std::nullopt,
                           std::nullopt};
          if (row[10]) d.last.remain_money = decimal_column(*row[10], 2, "last_money");
          if (row[11]) d.last.unit_price = decimal_column(*row[11], 4, "last_price");
          d.first_reading_at =
              datetime_column(required(row[12], "first_reading_at"), "first_reading_at");
          d.current_rules = int_column(required(row[13], "rules"), "rules") == 1;
          out.emplace(meter_no, std::move(d));
        });
  };
  if (!meters) {
    run("", {});
    return out;
  }
  for_each_in_list(*meters, kMetersPerStatement,
                   [&](const std::string& in, const std::vector<SqlParam>& params) {
                     run(" WHERE meter_no IN (" + in + ")", params);
                   });
  return out;
}

void upsert_open_days(Conn& c, const std::map<std::string, OpenDay>& rows) {
  if (rows.empty()) return;
  const RowInsert insert{
      std::string("INSERT INTO day_open (") + kColumns + ", gap_minutes, rules_version)",
      replace_on_conflict(c.dialect(), "meter_no",
                          {"day", "consumption", "recharge", "estimated", "readings", "first_at",
                           "first_remain", "last_at", "last_remain", "last_money", "last_price",
                           "first_reading_at", "gap_minutes", "rules_version"}),
      15, kRowsPerUpsert};
  const std::vector<SqlParam> rules = rules_of(c);
  std::vector<std::vector<SqlParam>> values;
  values.reserve(rows.size());
  for (const auto& [meter_no, d] : rows) {
    std::vector<SqlParam> v{meter_no};
    for (SqlParam& column : summary_values(d.summary)) v.push_back(std::move(column));
    v.push_back(d.last.remain_money ? SqlParam(format_fixed(*d.last.remain_money, 2))
                                    : std::nullopt);
    v.push_back(d.last.unit_price ? SqlParam(format_fixed(*d.last.unit_price, 4)) : std::nullopt);
    v.push_back(format_datetime(d.first_reading_at));
    v.insert(v.end(), rules.begin(), rules.end());
    values.push_back(std::move(v));
  }
  // The count of new rows is not needed: a one-row upsert is fine on MySQL.
  insert_rows(c, insert, values);
}

void recompute_open_days(Conn& c, const std::map<std::string, summary::MeterExtent>& extents) {
  std::vector<PlanWindow> windows;
  std::vector<LocalSeconds> firsts;
  auto flush = [&] {
    if (windows.empty()) return;
    const std::vector<LoadedWindow> loaded = load_windows(c, windows, Statements::kAtMost2);
    std::map<std::string, OpenDay> rows;
    for (std::size_t i = 0; i < windows.size(); ++i) {
      const LocalDay day = day_of(windows[i].start);
      if (!loaded[i].newest) continue;  // deleted meanwhile: nothing to keep
      OpenDay d;
      d.summary = usage::summarize_days(loaded[i].samples, day, 1, c.usage()).front();
      d.last = *loaded[i].newest;
      d.first_reading_at = firsts[i];
      rows.emplace(windows[i].meter_no, std::move(d));
    }
    upsert_open_days(c, rows);
    windows.clear();
    firsts.clear();
  };
  for (const auto& [meter_no, extent] : extents) {
    const LocalDay day = day_of(*extent.last_at);
    windows.push_back({meter_no, day_start(day), day_start(day + 1)});
    firsts.push_back(*extent.first_at);
    if (windows.size() == kMetersPerRecompute) flush();
  }
  flush();
}

void delete_open_days(Conn& c, const std::optional<std::string>& meter_no) {
  if (meter_no) {
    c.query() << "DELETE FROM day_open WHERE meter_no = :m", soci::use(*meter_no);
  } else {
    c.query() << "DELETE FROM day_open";
  }
}

}  // namespace ebill::storage
