// Fuzz target: the CSV import's parsers, fed line by line as
// import_reading_csv feeds them (first non-blank line the header, CR before
// LF dropped). An accepted line is a reading with a valid meter number, and
// writing it back in the same columns parses to the same reading.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "common/config/meter_config.h"
#include "common/storage/reading_csv.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using ebill::Reading;
using ebill::storage::ReadingCsvColumns;

std::string optional_text(const std::optional<std::int64_t>& v, int scale) {
  return v ? ebill::format_fixed(*v, scale) : "";
}

std::string write_line(const Reading& r, ReadingCsvColumns columns) {
  std::string line = fmt::format("{},{},{}", r.meter_no, ebill::format_datetime(r.collected_at),
                                 ebill::format_hundredths(r.remain));
  if (columns.count >= 4) line += "," + optional_text(r.remain_money, 2);
  if (columns.count >= 5) line += "," + optional_text(r.unit_price, 4);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<ReadingCsvColumns> columns;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (!columns) {
      auto header = ebill::storage::parse_reading_csv_header(line);
      if (!header) return 0;
      FUZZ_CHECK(header->count >= 3 && header->count <= 5);
      columns = *header;
      continue;
    }
    auto reading = ebill::storage::parse_reading_csv_line(line, *columns);
    if (!reading) {
      FUZZ_CHECK(!reading.error().empty() && reading.error().find('\n') == std::string::npos);
      continue;
    }
    FUZZ_CHECK(ebill::valid_meter_id(reading->meter_no));
    auto again = ebill::storage::parse_reading_csv_line(write_line(*reading, *columns), *columns);
    FUZZ_CHECK(again && *again == *reading);
  }
  return 0;
}
