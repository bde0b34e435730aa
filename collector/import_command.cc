#include "collector/import_command.h"

#include <fmt/format.h>

#include <iostream>

#include "collector/command_database.h"
#include "common/storage/reading_csv.h"

namespace ebill::collector {

const char* import_usage() { return "  ebill-collector import <file.csv | ->\n"; }

int run_import_command(const Config& config, const std::vector<std::string>& args) {
  if (args.size() != 1) {
    fmt::print(stderr, "usage:\n{}", import_usage());
    return 2;
  }
  const std::string& path = args[0];
  return with_database(config, [&](storage::Database& db) {
    storage::ReadingStore store(db);
    auto counts = path == "-" ? storage::import_reading_csv(std::cin, store)
                              : storage::import_reading_csv_file(path, store);
    if (!counts.ok()) {
      const storage::ImportError& e = counts.error();
      if (e.line == 0) {
        fmt::print(stderr, "{}\n", e.message);
      } else {
        fmt::print(stderr, "{}:{}: {} ({} readings before it stored, {} new)\n", path, e.line,
                   e.message, e.stored.read, e.stored.inserted);
      }
      return 1;
    }
    fmt::print("imported {}: {} readings, {} new, {} already stored\n", path, counts->read,
               counts->inserted, counts->duplicates);
    return 0;
  });
}

}  // namespace ebill::collector
