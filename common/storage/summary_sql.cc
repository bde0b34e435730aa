#include "common/storage/summary_sql.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "common/storage/backend.h"
#include "common/storage/row_text.h"
#include "common/storage/summary_columns.h"
#include "common/usage/step.h"

namespace ebill::storage {

namespace {

static_assert(usage::kRateWindowSeconds % kSecondsPerDay == 0,
              "load_windows subtracts whole days for the rate window");
constexpr std::int64_t kRateWindowDays = usage::kRateWindowSeconds / kSecondsPerDay;

constexpr std::size_t kRowsPerUpsert = 500;
constexpr std::size_t kMetersPerExtentQuery = 500;
// Windows per statement: each is at most two SELECTs of a compound SELECT,
// which SQLite limits to 500 terms (SQLITE_MAX_COMPOUND_SELECT). A read with
// more windows (years of recharge days) sends more statements, each bounded.
constexpr std::size_t kWindowsPerStatement = 100;
// Day ranges per summary statement (one OR'ed BETWEEN each).
constexpr std::size_t kRangesPerStatement = 100;

// One SELECT of the reading columns, tagged with the window's index.
constexpr const char* kTagged = "SELECT ? AS w, collected_at, remain, remain_money, unit_price"
                                " FROM electricity_balance WHERE meter_no = ?";

// The SELECTs of one window, with `?` for its values (appended to `params`).
std::string window_sql(Dialect dialect, const PlanWindow& w, const std::string& index,
                       bool rate_window, std::vector<SqlParam>& params) {
  std::string sql;
  if (w.part == PlanPart::kLatest) {
    params.insert(params.end(), {index, w.meter_no});
    return std::string("SELECT * FROM (") + kTagged +
           " ORDER BY collected_at DESC LIMIT 1) AS latest_part";
  }
  const std::string start = format_datetime(w.start), end = format_datetime(w.end);
  if (w.part == PlanPart::kAround) {
    params.insert(params.end(), {index, w.meter_no, end});
    sql = std::string("SELECT * FROM (") + kTagged +
          " AND collected_at < ? ORDER BY collected_at DESC LIMIT 1) AS before_part";
  } else {
    // The anchor is a constant subquery (MAX on the index): the outer
    // condition stays a range scan.
    const std::string days = std::to_string(kRateWindowDays);
    const std::string anchor = !rate_window ? "MAX(collected_at)"
                               : dialect == Dialect::kMysql
                                   ? "MAX(collected_at) - INTERVAL " + days + " DAY"
                                   : "datetime(MAX(collected_at), '-" + days + " days')";
    params.insert(params.end(), {index, w.meter_no, w.meter_no, start, start, end});
    sql = std::string(kTagged) + " AND collected_at >= COALESCE((SELECT " + anchor +
          " FROM electricity_balance WHERE meter_no = ? AND collected_at < ?), ?)"
          " AND collected_at < ?";
  }
  params.insert(params.end(), {index, w.meter_no, end});
  return sql + " UNION ALL SELECT * FROM (" + kTagged +
         " AND collected_at >= ? ORDER BY collected_at LIMIT 1) AS after_part";
}

// Loads windows[begin, end) in one statement into out[begin, end); with
// `rate_window`, from the rate window (usage::kRateWindowSeconds) before each
// anchor (usage::load_plan), else from
// the anchor.
void load_statement(Conn& c, const std::vector<PlanWindow>& windows, std::size_t begin,
                    std::size_t end, bool rate_window, std::vector<LoadedWindow>& out) {
  std::string sql;
  std::vector<SqlParam> params;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) sql += " UNION ALL ";
    sql += window_sql(c.dialect(), windows[i], std::to_string(i), rate_window, params);
  }
// Columns of the newest row (and newest price) per window, parsed once at
  // the end: most rows only need their time and balance.
  struct Newest {
    std::optional<usage::Sample> sample;
    std::string money, price, last_price;
    bool has_money = false, has_price = false, has_last_price = false;
  };
  std::vector<Newest> newest(end - begin);
  auto full_reading = [&](const PlanWindow& w, const usage::Sample& s, bool has_money,
                          std::string_view money_text, bool has_price,
                          std::string_view price_text) {
    Reading r{w.meter_no, s.at, s.remain, std::nullopt, std::nullopt};
    if (has_money) r.remain_money = decimal_column(money_text, 2, "remain_money");
    if (has_price) r.unit_price = decimal_column(price_text, 4, "unit_price");
    return r;
  };
  for_each_text_row(c, sql, params, 5, [&](const TextRow& row) {
    std::size_t i = 0;
    const std::string_view index_text = row[0].value_or("");
    const auto [end_of_index, ec] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), i);
    if (ec != std::errc() || end_of_index != index_text.data() + index_text.size() ||
        i < begin || i >= end || !row[1] || !row[2]) {
      throw StorageError("load_windows: unexpected row");
    }
    const PlanWindow& w = windows[i];
    LoadedWindow& o = out[i];
    const usage::Sample s{datetime_column(*row[1], "collected_at"),
                          decimal_column(*row[2], 2, "remain")};
    const bool has_money = row[3].has_value(), has_price = row[4].has_value();
    const std::string_view money = row[3].value_or(""), price = row[4].value_or("");
    if (w.part == PlanPart::kWindow) o.samples.push_back(s);
    if (w.part != PlanPart::kLatest && s.at >= w.end) {
      o.after = full_reading(w, s, has_money, money, has_price, price);
      return;
    }
    Newest& n = newest[i - begin];
    if (n.sample && s.at < n.sample->at) return;  // UNION ALL promises no order
    n.sample = s;
    n.has_money = has_money;
    n.has_price = has_price;
    if (has_money) n.money = money;
    if (has_price) n.price = n.last_price = price;
    n.has_last_price = n.has_last_price || has_price;
  });
  for (std::size_t i = begin; i < end; ++i) {
    const Newest& n = newest[i - begin];
    if (!n.sample) continue;
    out[i].newest =
        full_reading(windows[i], *n.sample, n.has_money, n.money, n.has_price, n.price);
    if (n.has_last_price) out[i].unit_price = decimal_column(n.last_price, 4, "unit_price");
  }
  auto earlier = [](const usage::Sample& a, const usage::Sample& b) { return a.at < b.at; };
  for (std::size_t i = begin; i < end; ++i) {
    std::vector<usage::Sample>& samples = out[i].samples;
    if (!std::is_sorted(samples.begin(), samples.end(), earlier)) {
      std::sort(samples.begin(), samples.end(), earlier);
    }
  }
}

// Every window, kWindowsPerStatement per statement.
std::vector<LoadedWindow> load_once(Conn& c, const std::vector<PlanWindow>& windows,
                                    bool rate_window) {
  std::vector<LoadedWindow> out(windows.size());
  for (std::size_t begin = 0; begin < windows.size(); begin += kWindowsPerStatement) {
    load_statement(c, windows, begin, std::min(windows.size(), begin + kWindowsPerStatement),
                   rate_window, out);
  }
  return out;
}

}  // namespace

std::vector<LoadedWindow> load_windows(Conn& c, const std::vector<PlanWindow>& windows,
                                       Statements statements) {
  if (statements == Statements::kOne) return load_once(c, windows, true);
  // Most windows hold no recharge, the only step that looks at the rate
  // window before it: load from the anchor, and once more with the rate
  // window before it only the windows that do.
  std::vector<LoadedWindow> out = load_once(c, windows, false);
  std::vector<PlanWindow> again;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (windows[i].part == PlanPart::kWindow &&
        usage::any_step_needs_rate(out[i].samples, c.usage())) {
      again.push_back(windows[i]);
      where.push_back(i);
    }
  }
  std::vector<LoadedWindow> full = load_once(c, again, true);
  for (std::size_t k = 0; k < where.size(); ++k) out[where[k]] = std::move(full[k]);
  return out;
}

std::vector<usage::DaySummary> select_summaries(Conn& c, const std::string& meter_no,
                                                const std::vector<summary::DayRange>& ranges) {
  std::vector<usage::DaySummary> out;
  // Ranges ascend and do not overlap: the statements' rows follow each other.
  for (std::size_t begin = 0; begin < ranges.size(); begin += kRangesPerStatement) {
    const std::size_t end = std::min(ranges.size(), begin + kRangesPerStatement);
    std::string days;
    std::vector<SqlParam> params = rules_of(c);
    params.push_back(meter_no);
    for (std::size_t i = begin; i < end; ++i) {
      days += i == begin ? "day BETWEEN ? AND ?" : " OR day BETWEEN ? AND ?";
      params.insert(params.end(), {format_day(ranges[i].first), format_day(ranges[i].last)});
    }
    for_each_text_row(
        c,
        "SELECT day, consumption, recharge, estimated, readings, first_at, first_remain,"
        " last_at, last_remain FROM day_summary WHERE gap_minutes = ? AND rules_version = ?"
        " AND meter_no = ? AND (" + days +
            ") ORDER BY day",
        params, 9, [&](const TextRow& row) { out.push_back(summary_of(row, 0)); });
  }
  return out;
}

std::vector<MeterSummary> select_fleet_summaries(Conn& c, summary::DayRange days) {
  std::vector<MeterSummary> out;
  std::vector<SqlParam> params{format_day(days.first), format_day(days.last)};
  for (SqlParam& p : rules_of(c)) params.push_back(std::move(p));
  for_each_text_row(
      c,
      // One range scan of idx_day_summary_day (019), which holds every
      // column read: no semi-join with `meter` (MariaDB reads every stored
      // day of each meter by the primary key's first column, so the cost
      // grew with the history) and no ORDER BY (rows come by day, so each
      // meter's are in day order).
      "SELECT meter_no, day, consumption, readings, last_at, last_remain FROM day_summary"
      " WHERE day BETWEEN ? AND ? AND gap_minutes = ? AND rules_version = ?",
      params, 6, [&](const TextRow& row) {
        MeterSummary m{std::string(required(row[0], "meter_no")), {}};
        usage::DaySummary& s = m.summary;
        s.day = day_column(required(row[1], "day"));
        s.consumption = decimal_column(required(row[2], "consumption"), 2, "consumption");
        s.readings = int_column(required(row[3], "readings"), "readings");
        if (row[4] && row[5]) {
          s.last = usage::Sample{datetime_column(*row[4], "last_at"),
                                 decimal_column(*row[5], 2, "last_remain")};
        }
        s.settled = true;
        out.push_back(std::move(m));
      });
  return out;
}

FleetReadings select_fleet_readings(Conn& c, LocalSeconds from) {
  // Rows come in time order, the meters interleaved: a hash lookup per row,
  // and money and price parsed only for each meter's newest reading.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  struct Meter {
    std::vector<usage::Sample> samples;
    std::string money, price;
    bool has_money = false, has_price = false;
  };
  std::unordered_map<std::string, Meter, Hash, std::equal_to<>> meters;
  for_each_text_row(
      c,
      // One range scan of idx_time_reading (018): no semi-join with `meter`,
      // which MariaDB turns into a per-meter scan of every reading, and no
      // ORDER BY (a sort of every row).
      "SELECT meter_no, collected_at, remain, remain_money, unit_price FROM electricity_balance"
      " WHERE collected_at >= ?",
      {format_datetime(from)}, 5, [&](const TextRow& row) {
        const std::string_view meter_no = required(row[0], "meter_no");
        auto it = meters.find(meter_no);
        if (it == meters.end()) it = meters.emplace(std::string(meter_no), Meter{}).first;
        Meter& m = it->second;
        const usage::Sample s{datetime_column(required(row[1], "collected_at"), "collected_at"),
                              decimal_column(required(row[2], "remain"), 2, "remain")};
        const bool newest = m.samples.empty() || m.samples.back().at < s.at;
        if (!newest && !m.samples.empty()) {
          // Out of order (no ORDER BY): kept, sorted below; the newest stays.
          m.samples.insert(m.samples.end() - 1, s);
          return;
        }
        m.samples.push_back(s);
        m.has_money = row[3].has_value();
        m.has_price = row[4].has_value();
        if (m.has_money) m.money = *row[3];
        if (m.has_price) m.price = *row[4];
      });
  FleetReadings out;
  auto earlier = [](const usage::Sample& a, const usage::Sample& b) { return a.at < b.at; };
  for (auto& [meter_no, m] : meters) {
    if (!std::is_sorted(m.samples.begin(), m.samples.end(), earlier)) {
      std::sort(m.samples.begin(), m.samples.end(), earlier);
    }
    Reading r{meter_no, m.samples.back().at, m.samples.back().remain, std::nullopt, std::nullopt};
    if (m.has_money) r.remain_money = decimal_column(m.money, 2, "remain_money");
    if (m.has_price) r.unit_price = decimal_column(m.price, 4, "unit_price");
    out.latest.emplace(meter_no, std::move(r));
    out.samples.emplace(meter_no, std::move(m.samples));
  }
  return out;
}

void upsert_summaries(Conn& c, const std::vector<MeterSummary>& rows) {
  RowInsert insert{
      "INSERT INTO day_summary (meter_no, day, consumption, recharge, estimated, readings,"
      " first_at, first_remain, last_at, last_remain, gap_minutes, rules_version)",
      replace_on_conflict(c.dialect(), "meter_no, day",
                          {"consumption", "recharge", "estimated", "readings", "first_at",
                           "first_remain", "last_at", "last_remain", "gap_minutes",
                           "rules_version"}),
      12, kRowsPerUpsert};
  const std::vector<SqlParam> rules = rules_of(c);
  std::vector<std::vector<SqlParam>> values;
  values.reserve(rows.size());
  for (const MeterSummary& r : rows) {
    std::vector<SqlParam> v{r.meter_no};
    for (SqlParam& column : summary_values(r.summary)) v.push_back(std::move(column));
    v.insert(v.end(), rules.begin(), rules.end());
    values.push_back(std::move(v));
  }
  // The count of new rows is not needed: a one-row upsert is fine on MySQL.
  insert_rows(c, insert, values);
}

void delete_summaries(Conn& c, const std::optional<std::string>& meter_no,
                      std::optional<LocalDay> from) {
  if (meter_no && from) {
    const std::string day = format_day(*from);
    c.query() << "DELETE FROM day_summary WHERE meter_no = :m AND day >= :d", soci::use(*meter_no),
        soci::use(day);
  } else if (meter_no) {
    c.query() << "DELETE FROM day_summary WHERE meter_no = :m", soci::use(*meter_no);
  } else {
    c.query() << "DELETE FROM day_summary";
  }
}

namespace {

// Calls run(" WHERE meter_no IN (?,..)", the meters) for each batch of
// kMetersPerExtentQuery meters.
template <typename Run>
void in_meter_batches(const std::vector<std::string>& meters, const Run& run) {
  for_each_in_list(meters, kMetersPerExtentQuery,
                   [&](const std::string& in, const std::vector<SqlParam>& params) {
                     run(" WHERE meter_no IN (" + in + ")", params);
                   });
}

}  // namespace

std::map<std::string, StoredTotals> stored_totals(Conn& c, const std::vector<std::string>& meters,
                                                  LocalDay through) {
  std::map<std::string, StoredTotals> out;
  // Summed as integer hundredths: SQLite keeps DECIMAL as REAL, whose sum
  // would not be exact.
  const std::string sum = c.dialect() == Dialect::kMysql
                              ? "CAST(SUM(consumption) * 100 AS SIGNED)"
                              : "SUM(CAST(ROUND(consumption * 100) AS INTEGER))";
  in_meter_batches(meters, [&](const std::string& where, std::vector<SqlParam> params) {
    params.push_back(format_day(through));
    for_each_text_row(
        c,
        "SELECT meter_no, " + sum + ", MAX(CASE WHEN recharge > 0 THEN day END) FROM day_summary" +
            where + " AND day <= ? GROUP BY meter_no",
        params, 3, [&](const TextRow& row) {
          StoredTotals& t = out[std::string(required(row[0], "meter_no"))];
          t.consumption = decimal_column(required(row[1], "consumption"), 0, "consumption");
          if (row[2]) t.last_recharge_day = day_column(*row[2]);
        });
  });
  return out;
}

std::map<std::string, summary::MeterExtent> meter_extents(
    Conn& c, const std::optional<std::vector<std::string>>& meters) {
  std::map<std::string, summary::MeterExtent> out;
  auto run = [&](const std::string& where, const std::vector<SqlParam>& params) {
    for_each_text_row(
        c,
        "SELECT e.meter_no, e.first_at, e.last_at,"
        " (SELECT MAX(day) FROM day_summary s WHERE s.meter_no = e.meter_no)"
        " FROM (SELECT meter_no, MIN(collected_at) AS first_at,"
        " MAX(collected_at) AS last_at FROM electricity_balance" + where +
            " GROUP BY meter_no) e",
        params, 4, [&](const TextRow& row) {
          summary::MeterExtent& e = out[std::string(required(row[0], "meter_no"))];
          e.first_at = datetime_column(required(row[1], "collected_at"), "collected_at");
          e.last_at = datetime_column(required(row[2], "collected_at"), "collected_at");
          if (row[3]) e.summarized_through = day_column(*row[3]);
        });
  };
  if (!meters) {
    run("", {});
    return out;
  }
  in_meter_batches(*meters, run);
  return out;
}

std::optional<LocalSeconds> last_reading_before(Conn& c, const std::string& meter_no,
                                                LocalSeconds t) {
  std::string at;
  soci::indicator ind = soci::i_ok;
  const std::string before = format_datetime(t);
  c.query() << "SELECT MAX(collected_at) FROM electricity_balance"
               " WHERE meter_no = :m AND collected_at < :t",
      soci::use(meter_no), soci::use(before), soci::into(at, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return datetime_column(at, "collected_at");
}

}  // namespace ebill::storage
