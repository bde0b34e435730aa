// ebill-e2e-seed: loads a known series into the database the configuration
// names (SQLITE_PATH / DB_*), through the real write path (ReadingStore).
// Test-only; the browser tests use it to fill the API's database.
//
//   ebill-e2e-seed FILE     FILE: "meter_no,collected_at,remain" with a
//                           header; collected_at is APP_TZ wall clock.
// Prints "seeded N readings"; exits 2 on a bad line or setting, 1 when the
// database fails.
#include <exception>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/config/config.h"
#include "common/storage/database.h"
#include "common/storage/reading_store.h"

namespace {

using namespace ebill;

std::optional<Reading> parse_line(const std::string& line) {
  const auto c1 = line.find(',');
  const auto c2 = c1 == std::string::npos ? c1 : line.find(',', c1 + 1);
  if (c2 == std::string::npos) return std::nullopt;
  auto at = parse_datetime(std::string_view(line).substr(c1 + 1, c2 - c1 - 1));
  auto remain = parse_hundredths(std::string_view(line).substr(c2 + 1));
  if (!at || !remain || c1 == 0) return std::nullopt;
  return Reading{line.substr(0, c1), *at, *remain, std::nullopt, std::nullopt};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: ebill-e2e-seed FILE (meter_no,collected_at,remain)\n");
    return 2;
  }
  auto config = load_config_from_process("");
  if (!config) {
    fmt::print(stderr, "ebill-e2e-seed: {}\n", config.error().message);
    return 2;
  }
  std::ifstream in(argv[1]);
  std::string line;
  std::vector<Reading> readings;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n == 1 || line.empty()) continue;  // header
    auto reading = parse_line(line);
    if (!reading) {
      fmt::print(stderr, "ebill-e2e-seed: {}:{}: not meter_no,collected_at,remain\n", argv[1], n);
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
