// Readings as CSV, the format `ebill-meter-sim history` writes and operators
// can produce from a spreadsheet: a header line, then one reading per line:
//
//   meter_no,collected_at,remain,remain_money,unit_price
//   19501609994,2025-02-05 08:05:00,47.10,24.88,0.5283
//
// collected_at is local wall-clock time (APP_TZ), "YYYY-MM-DD HH:MM:SS"; kWh
// and yuan take at most two decimals, the unit price at most four. The header
// may stop after remain or remain_money (older exports have no money or
// price); remain_money and unit_price may be empty (unknown). No quoting:
// no field contains a comma. CRLF line ends, a UTF-8 BOM and blank lines are
// accepted.
#ifndef EBILL_COMMON_STORAGE_READING_CSV_H_
#define EBILL_COMMON_STORAGE_READING_CSV_H_

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/domain/reading.h"
#include "common/storage/reading_store.h"

namespace ebill::storage {

// The full header, as ebill-meter-sim writes it.
inline constexpr std::string_view kReadingCsvHeader =
    "meter_no,collected_at,remain,remain_money,unit_price";

// Which columns a file has: 3 (up to remain), 4 (up to remain_money) or 5.
struct ReadingCsvColumns {
  int count = 5;
};

// Checks a header line (without its line end; a leading BOM is allowed).
// The header is the first non-blank line.
// Fails with a one-line reason naming the expected header.
Result<ReadingCsvColumns, std::string> parse_reading_csv_header(std::string_view line);

// One data line (without its line end) of a file with `columns`. Fails with
// a one-line reason naming the field and the bad value, e.g.
// `remain: not a decimal with at most 2 places (got "12.345")`.
Result<Reading, std::string> parse_reading_csv_line(std::string_view line,
                                                    ReadingCsvColumns columns);

struct ImportCounts {
  std::size_t read = 0;        // data lines parsed
  std::size_t inserted = 0;    // readings that were new
  std::size_t duplicates = 0;  // readings already stored (or repeated in the file)
};

struct ImportError {
  std::size_t line = 0;  // 1-based line of the problem; 0 = the file itself
  std::string message;   // one line, e.g. "collected_at: not ... (got "2025-13-01")"
  ImportCounts stored;   // what the lines before the problem stored
};

// Reads CSV from `in` and stores it through `store` in batches of
// `batch_size` readings (each one transaction; duplicates of
// (meter_no, collected_at) are skipped, so importing a file twice stores it
// once). Stops at the first bad line: the readings before it are stored,
// the rest is not (fix the line and import again). Database failures
// propagate as StorageUnavailable / StorageError.
// REQUIRES: batch_size > 0.
Result<ImportCounts, ImportError> import_reading_csv(std::istream& in, ReadingStore& store,
                                                     std::size_t batch_size = 5000);

// The same for the file at `path`; "cannot open" is an error on line 0.
Result<ImportCounts, ImportError> import_reading_csv_file(const std::string& path,
                                                          ReadingStore& store,
                                                          std::size_t batch_size = 5000);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_READING_CSV_H_
