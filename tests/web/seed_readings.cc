// ebill-e2e-seed: loads a known series into the database the configuration
// names (SQLITE_PATH / DB_*), through the real write path (ReadingStore).
// Test-only; the browser tests use it to fill the API's database.
//
//   ebill-e2e-seed FILE     FILE: "meter_no,collected_at,remain[,remain_money,
//                           unit_price]" with a header (the columns of
//                           `ebill-meter-sim history`); collected_at is APP_TZ
//                           wall clock.
// Prints "seeded N readings"; exits 2 on a bad line or setting, 1 when the
// database fails.
#include <exception>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "common/config/config.h"
#include "common/log/log.h"
#include "common/storage/database.h"
#include "common/storage/reading_store.h"

namespace {

using namespace ebill;

// Splits at commas (no quoting: none of the fields holds a comma).
std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    const std::size_t comma = line.find(',', at);
    out.push_back(line.substr(at, comma == std::string_view::npos ? comma : comma - at));
    if (comma == std::string_view::npos) return out;
    at = comma + 1;
  }
}

// "meter_no,collected_at,remain[,remain_money,unit_price]"; empty money or
// price = not shown.
std::optional<Reading> parse_line(std::string_view line) {
  const std::vector<std::string_view> f = fields(line);
  if ((f.size() != 3 && f.size() != 5) || f[0].empty()) return std::nullopt;
  auto at = parse_datetime(f[1]);
  auto remain = parse_hundredths(f[2]);
  if (!at || !remain) return std::nullopt;
  Reading r{std::string(f[0]), *at, *remain, std::nullopt, std::nullopt};
  if (f.size() == 5) {
    if (!f[3].empty() && !(r.remain_money = parse_hundredths(f[3]))) return std::nullopt;
    if (!f[4].empty() && !(r.unit_price = parse_fixed(f[4], 4))) return std::nullopt;
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: ebill-e2e-seed FILE (meter_no,collected_at,remain[,remain_money,unit_price])\n");
    return 2;
  }
  auto config = load_config_from_process("");
  if (!config) {
    fmt::print(stderr, "ebill-e2e-seed: {}\n", config.error().message);
    return 2;
  }
  log::set_level(config->general.log_level);
  std::ifstream in(argv[1]);
  std::string line;
  std::vector<Reading> readings;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n == 1 || line.empty()) continue;  // header
    auto reading = parse_line(line);
    if (!reading) {
      fmt::print(stderr, "ebill-e2e-seed: {}:{}: not meter_no,collected_at,remain[,remain_money,unit_price]\n", argv[1], n);
      return 2;
    }
    readings.push_back(std::move(*reading));
  }
  auto db = storage::Database::open(config->database);
  if (!db) {
    fmt::print(stderr, "ebill-e2e-seed: {}\n", db.error().message);
    return 1;
  }
  try {
    const std::size_t added = storage::ReadingStore(**db).insert(readings);
    fmt::print("seeded {} readings\n", added);
  } catch (const std::exception& e) {
    fmt::print(stderr, "ebill-e2e-seed: {}\n", e.what());
    return 1;
  }
  return 0;
}
