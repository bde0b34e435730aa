#include "common/storage/summary_sql.h"

#include <algorithm>

#include "common/storage/row_text.h"
#include "common/storage/sql_literal.h"

namespace ebill::storage {

namespace {

static_assert(usage::kRateWindowSeconds == kSecondsPerDay,
              "load_plan_samples subtracts one day for the rate window");

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
  return c.dialect() == Dialect::kMysql ? expr + " - INTERVAL 1 DAY"
                                        : "datetime(" + expr + ", '-1 day')";
}

}  // namespace

std::vector<std::vector<usage::Sample>> load_plan_samples(Conn& c,
                                                          const std::vector<PlanWindow>& windows) {
  std::vector<std::vector<usage::Sample>> out(windows.size());
  if (windows.empty()) return out;
  std::string sql;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const PlanWindow& w = windows[i];
    const std::string meter = sql_literal(c, w.meter_no);
    const std::string index = std::to_string(i);
    const std::string start = quoted_time(w.start), end = quoted_time(w.end);
    // The anchor is a constant subquery (MAX on the index): the outer
    // condition stays a range scan.
    const std::string anchor_from = minus_rate_window(
        c, "MAX(collected_at)");
    if (i > 0) sql += " UNION ALL ";
    sql += "SELECT " + index + ", collected_at, remain FROM electricity_balance WHERE meter_no = " +
           meter + " AND collected_at >= COALESCE((SELECT " + anchor_from +
           " FROM electricity_balance WHERE meter_no = " + meter + " AND collected_at < " + start +
           "), " + start + ") AND collected_at < " + end;
    sql += " UNION ALL SELECT * FROM (SELECT " + index +
           " AS w, collected_at, remain FROM electricity_balance WHERE meter_no = " + meter +
           " AND collected_at >= " + end + " ORDER BY collected_at LIMIT 1) AS after_" + index;
  }
  long long index = 0;
  std::string at, remain;
  soci::statement st = (c.sql().prepare << sql, soci::into(index), soci::into(at),
                        soci::into(remain));
  c.count();
  st.execute();
  while (st.fetch()) {
    if (index < 0 || static_cast<std::size_t>(index) >= out.size()) {
      throw StorageError("load_plan_samples: unexpected window index");
    }
    out[static_cast<std::size_t>(index)].push_back(
        {datetime_column(at, "collected_at"), decimal_column(remain, 2, "remain")});
  }
  for (auto& samples : out) {
    if (!std::is_sorted(samples.begin(), samples.end(),
                        [](const usage::Sample& a, const usage::Sample& b) { return a.at < b.at; })) {
      std::sort(samples.begin(), samples.end(),
                [](const usage::Sample& a, const usage::Sample& b) { return a.at < b.at; });
    }
  }
  return out;
}

std::vector<usage::DaySummary> select_summaries(Conn& c, const std::string& meter_no,
                                                LocalDay first, LocalDay last) {
  std::vector<usage::DaySummary> out;
  const std::string from = format_day(first), to = format_day(last);
  std::string day, consumption, recharge, first_at, first_remain, last_at, last_remain;
  int estimated = 0, readings = 0;
  soci::indicator first_ind = soci::i_ok, last_ind = soci::i_ok, fr_ind = soci::i_ok,
                  lr_ind = soci::i_ok;
  soci::statement st =
      (c.sql().prepare << "SELECT day, consumption, recharge, estimated, readings, first_at,"
                          " first_remain, last_at, last_remain FROM day_summary"
                          " WHERE meter_no = :m AND day >= :f AND day <= :t ORDER BY day",
       soci::use(meter_no), soci::use(from), soci::use(to), soci::into(day),
       soci::into(consumption), soci::into(recharge), soci::into(estimated), soci::into(readings),
       soci::into(first_at, first_ind), soci::into(first_remain, fr_ind),
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
