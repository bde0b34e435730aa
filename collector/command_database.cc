#include "collector/command_database.h"

#include <fmt/format.h>

#include <exception>

namespace ebill::collector {

int with_database(const Config& config, const std::function<int(storage::Database&)>& command) {
  auto db = storage::Database::open(config.database);
  if (!db.ok()) {
    fmt::print(stderr, "database: {}\n", db.error().message);
    return 1;
  }
  try {
    return command(**db);
  } catch (const std::exception& e) {
    fmt::print(stderr, "database: {}\n", e.what());
    return 1;
  }
}

}  // namespace ebill::collector
