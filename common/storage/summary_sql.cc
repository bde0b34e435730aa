#include "common/storage/summary_sql.h"

#include <algorithm>
#include <charconv>

#include "common/storage/row_text.h"
#include "common/storage/sql_literal.h"
#include "common/storage/text_rows.h"
#include "common/usage/step.h"

namespace ebill::storage {

namespace {

static_assert(usage::kRateWindowSeconds % kSecondsPerDay == 0,
              "load_windows subtracts whole days for the rate window");
constexpr std::int64_t kRateWindowDays = usage::kRateWindowSeconds / kSecondsPerDay;

constexpr std::size_t kRowsPerUpsert = 500;
constexpr std::size_t kMetersPerExtentQuery = 500;

std::string quoted_time(LocalSeconds t) { return "'" + format_datetime(t) + "'"; }
std::string quoted_day(LocalDay d) { return "'" + format_day(d) + "'"; }

LocalDay day_column(const std::string& text) {
  const auto date = parse_date(text.substr(0, 10));
  if (!date) throw StorageError("bad day value '" + text + "'");
  return day_from_date(*date);
}

// The anchor's time minus the rate window, in the dialect's date arithmetic.
std::string minus_rate_window(Conn& c, const std::string& expr) {
  const std::string days = std::to_string(kRateWindowDays);
  return c.dialect() == Dialect::kMysql ? expr + " - INTERVAL " + days + " DAY"
                                        : "datetime(" + expr + ", '-" + days + " days')";
}

// One statement for `windows`; with `rate_window`, from the rate window
// (usage::kRateWindowSeconds) before each anchor (usage::load_plan), else
// from the anchor.
std::vector<LoadedWindow> load_once(Conn& c, const std::vector<PlanWindow>& windows,
                                    bool rate_window) {
  std::vector<LoadedWindow> out(windows.size());
  if (windows.empty()) return out;
  constexpr const char* kCols = " AS w, collected_at, remain, remain_money, unit_price";
  std::string sql;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const PlanWindow& w = windows[i];
    const std::string meter = sql_literal(c, w.meter_no);
    const std::string index = std::to_string(i);
    if (i > 0) sql += " UNION ALL ";
    if (w.part == PlanPart::kLatest) {
      sql += "SELECT * FROM (SELECT " + index + kCols +
             " FROM electricity_balance WHERE meter_no = " + meter +
             " ORDER BY collected_at DESC LIMIT 1) AS latest_" + index;
      continue;
    }
    const std::string start = quoted_time(w.start), end = quoted_time(w.end);
    if (w.part == PlanPart::kAround) {
      sql += "SELECT * FROM (SELECT " + index + kCols +
             " FROM electricity_balance WHERE meter_no = " + meter + " AND collected_at < " + end +
             " ORDER BY collected_at DESC LIMIT 1) AS before_" + index;
    } else {
      // The anchor is a constant subquery (MAX on the index): the outer
      // condition stays a range scan.
      sql += "SELECT " + index + kCols + " FROM electricity_balance WHERE meter_no = " + meter +
             " AND collected_at >= COALESCE((SELECT " +
             (rate_window ? minus_rate_window(c, "MAX(collected_at)") : "MAX(collected_at)") +
             " FROM electricity_balance WHERE meter_no = " + meter + " AND collected_at < " +
             start + "), " + start + ") AND collected_at < " + end;
    }
    sql += " UNION ALL SELECT * FROM (SELECT " + index + kCols +
           " FROM electricity_balance WHERE meter_no = " + meter + " AND collected_at >= " + end +
           " ORDER BY collected_at LIMIT 1) AS after_" + index;
  }
  // Columns of the newest row (and newest price) per window, parsed once at
  // the end: most rows only need their time and balance.
  struct Newest {
    std::optional<usage::Sample> sample;
    std::string money, price, last_price;
    bool has_money = false, has_price = false, has_last_price = false;
  };
  std::vector<Newest> newest(windows.size());
  auto full_reading = [&](const PlanWindow& w, const usage::Sample& s, bool has_money,
                          std::string_view money_text, bool has_price,
                          std::string_view price_text) {
    Reading r{w.meter_no, s.at, s.remain, std::nullopt, std::nullopt};
    if (has_money) r.remain_money = decimal_column(money_text, 2, "remain_money");
    if (has_price) r.unit_price = decimal_column(price_text, 4, "unit_price");
    return r;
  };
  for_each_text_row(c, sql, 5, [&](const TextRow& row) {
    std::size_t i = 0;
    const std::string_view index_text = row[0].value_or("");
    const auto [end_of_index, ec] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), i);
    if (ec != std::errc() || end_of_index != index_text.data() + index_text.size() ||
        i >= out.size() || !row[1] || !row[2]) {
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
    Newest& n = newest[i];
    if (n.sample && s.at < n.sample->at) return;  // UNION ALL promises no order
    n.sample = s;
    n.has_money = has_money;
    n.has_price = has_price;
    if (has_money) n.money = money;
    if (has_price) n.price = n.last_price = price;
    n.has_last_price = n.has_last_price || has_price;
  });
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Newest& n = newest[i];
    if (!n.sample) continue;
    out[i].newest =
        full_reading(windows[i], *n.sample, n.has_money, n.money, n.has_price, n.price);
    if (n.has_last_price) out[i].unit_price = decimal_column(n.last_price, 4, "unit_price");
  }
  auto earlier = [](const usage::Sample& a, const usage::Sample& b) { return a.at < b.at; };
  for (LoadedWindow& o : out) {
    if (!std::is_sorted(o.samples.begin(), o.samples.end(), earlier)) {
      std::sort(o.samples.begin(), o.samples.end(), earlier);
    }
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
  if (ranges.empty()) return out;
  std::string days;
  for (const summary::DayRange& r : ranges) {
    days += (days.empty() ? "" : " OR ") + std::string("day BETWEEN ") + quoted_day(r.first) +
            " AND " + quoted_day(r.last);
  }
  std::string day, consumption, recharge, first_at, first_remain, last_at, last_remain;
  int estimated = 0, readings = 0;
  soci::indicator first_ind = soci::i_ok, last_ind = soci::i_ok, fr_ind = soci::i_ok,
                  lr_ind = soci::i_ok;
  soci::statement st =
      (c.sql().prepare << "SELECT day, consumption, recharge, estimated, readings, first_at,"
                          " first_remain, last_at, last_remain FROM day_summary"
                          " WHERE meter_no = " + sql_literal(c, meter_no) + " AND (" + days +
                              ") ORDER BY day",
       soci::into(day), soci::into(consumption), soci::into(recharge), soci::into(estimated),
       soci::into(readings), soci::into(first_at, first_ind), soci::into(first_remain, fr_ind),
       soci::into(last_at, last_ind), soci::into(last_remain, lr_ind));
  c.count();
  st.execute();
  while (st.fetch()) {
    usage::DaySummary s;
    s.day = day_column(day);
    s.consumption = decimal_column(consumption, 2, "consumption");
    s.recharge = decimal_column(recharge, 2, "recharge");
    s.estimated = estimated != 0;
    s.readings = readings;
    if (first_ind == soci::i_ok && fr_ind == soci::i_ok) {
      s.first = usage::Sample{datetime_column(first_at, "first_at"),
                              decimal_column(first_remain, 2, "first_remain")};
    }
    if (last_ind == soci::i_ok && lr_ind == soci::i_ok) {
      s.last = usage::Sample{datetime_column(last_at, "last_at"),
                             decimal_column(last_remain, 2, "last_remain")};
    }
    s.settled = true;
    out.push_back(std::move(s));
  }
  return out;
}

void upsert_summaries(Conn& c, const std::vector<MeterSummary>& rows) {
  const char* const kUpdate =
      c.dialect() == Dialect::kMysql
          ? " ON DUPLICATE KEY UPDATE consumption = VALUES(consumption),"
            " recharge = VALUES(recharge), estimated = VALUES(estimated),"
            " readings = VALUES(readings), first_at = VALUES(first_at),"
            " first_remain = VALUES(first_remain), last_at = VALUES(last_at),"
            " last_remain = VALUES(last_remain)"
          : " ON CONFLICT(meter_no, day) DO UPDATE SET consumption = excluded.consumption,"
            " recharge = excluded.recharge, estimated = excluded.estimated,"
            " readings = excluded.readings, first_at = excluded.first_at,"
            " first_remain = excluded.first_remain, last_at = excluded.last_at,"
            " last_remain = excluded.last_remain";
  auto sample_text = [](const std::optional<usage::Sample>& s) {
    return s ? quoted_time(s->at) + ",'" + format_fixed(s->remain, 2) + "'"
             : std::string("NULL,NULL");
  };
  for (std::size_t begin = 0; begin < rows.size(); begin += kRowsPerUpsert) {
    const std::size_t end = std::min(rows.size(), begin + kRowsPerUpsert);
    std::string sql =
        "INSERT INTO day_summary (meter_no, day, consumption, recharge, estimated, readings,"
        " first_at, first_remain, last_at, last_remain) VALUES ";
    for (std::size_t i = begin; i < end; ++i) {
      const usage::DaySummary& s = rows[i].summary;
      sql += i == begin ? "(" : ",(";
      sql += sql_literal(c, rows[i].meter_no) + "," + quoted_day(s.day) + ",'" +
             format_fixed(s.consumption, 2) + "','" + format_fixed(s.recharge, 2) + "'," +
             (s.estimated ? "1" : "0") + "," + std::to_string(s.readings) + "," +
             sample_text(s.first) + "," + sample_text(s.last) + ")";
    }
    sql += kUpdate;
    c.query() << sql;
  }
}

void delete_summaries(Conn& c, const std::optional<std::string>& meter_no) {
  if (meter_no) {
    c.query() << "DELETE FROM day_summary WHERE meter_no = :m", soci::use(*meter_no);
  } else {
    c.query() << "DELETE FROM day_summary";
  }
}

std::map<std::string, summary::MeterExtent> meter_extents(
    Conn& c, const std::optional<std::vector<std::string>>& meters) {
  std::map<std::string, summary::MeterExtent> out;
  auto run = [&](const std::string& where) {
    std::string meter, first_at, last_at, summarized;
    soci::indicator s_ind = soci::i_ok;
    soci::statement st =
        (c.sql().prepare << "SELECT e.meter_no, e.first_at, e.last_at,"
                            " (SELECT MAX(day) FROM day_summary s WHERE s.meter_no = e.meter_no)"
                            " FROM (SELECT meter_no, MIN(collected_at) AS first_at,"
                            " MAX(collected_at) AS last_at FROM electricity_balance" +
                                where + " GROUP BY meter_no) e",
         soci::into(meter), soci::into(first_at), soci::into(last_at),
         soci::into(summarized, s_ind));
    c.count();
    st.execute();
    while (st.fetch()) {
      summary::MeterExtent& e = out[meter];
      e.first_at = datetime_column(first_at, "collected_at");
      e.last_at = datetime_column(last_at, "collected_at");
      if (s_ind == soci::i_ok) e.summarized_through = day_column(summarized);
    }
  };
  if (!meters) {
    run("");
    return out;
  }
  for (std::size_t begin = 0; begin < meters->size(); begin += kMetersPerExtentQuery) {
    const std::size_t end = std::min(meters->size(), begin + kMetersPerExtentQuery);
    std::string in;
    for (std::size_t i = begin; i < end; ++i) {
      in += (i == begin ? "" : ",") + sql_literal(c, (*meters)[i]);
    }
    run(" WHERE meter_no IN (" + in + ")");
  }
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
