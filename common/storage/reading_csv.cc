#include "common/storage/reading_csv.h"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "common/domain/meter.h"

namespace ebill::storage {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"meter_no", "collected_at", "remain",
                                                      "remain_money", "unit_price"};
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The value as shown in an error: quoted, cut after 40 bytes.
std::string shown(std::string_view value) {
  if (value.size() > 40) return fmt::format("\"{}...\"", value.substr(0, 40));
  return fmt::format("\"{}\"", value);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

// An optional amount: empty = unknown.
Result<std::optional<std::int64_t>, std::string> optional_fixed(std::string_view column,
                                                              std::string_view text, int scale) {
  if (text.empty()) return std::optional<std::int64_t>();
  const auto value = parse_fixed(text, scale);
  if (!value) {
    return fail(fmt::format("{}: not a decimal with at most {} places (got {})", column, scale,
                            shown(text)));
  }
  return std::optional<std::int64_t>(*value);
}

}  // namespace

Result<ReadingCsvColumns, std::string> parse_reading_csv_header(std::string_view line) {
  if (line.starts_with(kBom)) line.remove_prefix(kBom.size());
  const auto fields = split_fields(line);
  bool ok = fields.size() >= 3 && fields.size() <= kColumns.size();
  for (std::size_t i = 0; ok && i < fields.size(); ++i) ok = fields[i] == kColumns[i];
  if (!ok) {
    return fail(fmt::format("header must be \"{}\" (or its first 3 or 4 columns), got {}",
                            kReadingCsvHeader, shown(line)));
  }
  return ReadingCsvColumns{static_cast<int>(fields.size())};
}

Result<Reading, std::string> parse_reading_csv_line(std::string_view line,
                                                    ReadingCsvColumns columns) {
  const auto fields = split_fields(line);
  if (fields.size() != static_cast<std::size_t>(columns.count)) {
    return fail(fmt::format("expected {} fields, got {}", columns.count, fields.size()));
  }
  Reading r;
  if (!valid_meter_id(fields[0])) {
    return fail(fmt::format("meter_no: must be 1-64 ASCII letters or digits (got {})",
                            shown(fields[0])));
  }
  r.meter_no = std::string(fields[0]);
  const auto when = parse_datetime(fields[1]);
  if (!when) {
    return fail(fmt::format("collected_at: not a local time YYYY-MM-DD HH:MM:SS (got {})",
                            shown(fields[1])));
  }
  r.collected_at = *when;
  const auto remain = parse_hundredths(fields[2]);
  if (!remain) {
    return fail(fmt::format("remain: not a decimal with at most 2 places (got {})",
                            shown(fields[2])));
  }
  r.remain = *remain;
  if (columns.count >= 4) {
    auto money = optional_fixed(kColumns[3], fields[3], 2);
    if (!money) return fail(money.error());
    r.remain_money = *money;
  }
  if (columns.count >= 5) {
    auto price = optional_fixed(kColumns[4], fields[4], 4);
    if (!price) return fail(price.error());
    r.unit_price = *price;
  }
  return r;
}

Result<ImportCounts, ImportError> import_reading_csv(std::istream& in, ReadingStore& store,
                                                     std::size_t batch_size) {
  ImportCounts counts;
  std::vector<Reading> batch;
  batch.reserve(batch_size);
  const auto flush = [&] {
    const std::size_t added = store.insert(batch);
    counts.inserted += added;
    counts.duplicates += batch.size() - added;
    batch.clear();
  };

  std::optional<ReadingCsvColumns> columns;
  std::string text;
  std::size_t line_no = 0;
  while (std::getline(in, text)) {
    ++line_no;
    std::string_view line = text;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (!columns) {
      auto header = parse_reading_csv_header(line);
      if (!header) return fail(ImportError{line_no, header.error(), counts});
      columns = *header;
      continue;
    }
    auto reading = parse_reading_csv_line(line, *columns);
    if (!reading) {
      flush();
      return fail(ImportError{line_no, reading.error(), counts});
    }
    ++counts.read;
    batch.push_back(std::move(reading).value());
    if (batch.size() >= batch_size) flush();
  }
  if (in.bad()) {
    flush();
    return fail(ImportError{line_no + 1, "read error", counts});
  }
  if (!columns) {
    return fail(ImportError{1, fmt::format("no header: expected \"{}\"", kReadingCsvHeader),
                            counts});
  }
  flush();
  return counts;
}

Result<ImportCounts, ImportError> import_reading_csv_file(const std::string& path,
                                                          ReadingStore& store,
                                                          std::size_t batch_size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ImportError{0, fmt::format("cannot open {}: {}", path, std::strerror(errno)),
                            ImportCounts{}});
  }
  return import_reading_csv(in, store, batch_size);
}

}  // namespace ebill::storage
