#include "common/storage/summary_columns.h"

#include <charconv>
#include <string>

#include "common/domain/amount.h"
#include "common/storage/database_impl.h"
#include "common/storage/row_text.h"
#include "common/storage/storage_error.h"

namespace ebill::storage {

LocalDay day_column(std::string_view text) {
  const auto date = parse_date(text.substr(0, 10));
  if (!date) throw StorageError("bad day value '" + std::string(text) + "'");
  return day_from_date(*date);
}

int int_column(std::string_view text, const char* column) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw StorageError(std::string("bad ") + column + " value '" + std::string(text) + "'");
  }
  return v;
}

std::string_view required(const std::optional<std::string_view>& column, const char* name) {
  if (!column) throw StorageError(std::string("unexpected NULL in ") + name);
  return *column;
}

std::vector<SqlParam> rules_of(Conn& c) {
  return {std::to_string(c.usage().gap_seconds / 60), std::to_string(usage::kSummaryRulesVersion)};
}

usage::DaySummary summary_of(const TextRow& row, std::size_t at) {
  auto column = [&](std::size_t i) { return row[at + i]; };
  usage::DaySummary s;
  s.day = day_column(required(column(0), "day"));
  s.consumption = decimal_column(required(column(1), "consumption"), 2, "consumption");
  s.recharge = decimal_column(required(column(2), "recharge"), 2, "recharge");
  s.estimated = int_column(required(column(3), "estimated"), "estimated") != 0;
  s.readings = int_column(required(column(4), "readings"), "readings");
  if (column(5) && column(6)) {
    s.first = usage::Sample{datetime_column(*column(5), "first_at"),
                            decimal_column(*column(6), 2, "first_remain")};
  }
  if (column(7) && column(8)) {
    s.last = usage::Sample{datetime_column(*column(7), "last_at"),
                           decimal_column(*column(8), 2, "last_remain")};
  }
  s.settled = true;
  return s;
}

std::vector<SqlParam> summary_values(const usage::DaySummary& s) {
  auto time_of = [](const std::optional<usage::Sample>& x) {
    return x ? SqlParam(format_datetime(x->at)) : std::nullopt;
  };
  auto remain_of = [](const std::optional<usage::Sample>& x) {
    return x ? SqlParam(format_fixed(x->remain, 2)) : std::nullopt;
  };
  return {format_day(s.day),      format_fixed(s.consumption, 2),
          format_fixed(s.recharge, 2), std::string(s.estimated ? "1" : "0"),
          std::to_string(s.readings), time_of(s.first),
          remain_of(s.first),     time_of(s.last),
          remain_of(s.last)};
}

}  // namespace ebill::storage
