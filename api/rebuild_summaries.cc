#include "api/rebuild_summaries.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "common/config/config.h"
#include "common/storage/database.h"
#include "common/storage/day_summary_store.h"

namespace ebill::api {

int rebuild_summaries_main(int argc, char** argv) {
  std::optional<std::string> meter;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--meter" && i + 1 < argc && *argv[i + 1] != '\0') {
      meter = argv[++i];
    } else {
      std::fprintf(stderr, "usage: ebill-api rebuild-summaries [--meter METER_NO]\n");
      return 2;
    }
  }
  auto config = load_config_from_process();
  if (!config) {
    std::fprintf(stderr, "ebill-api: %s\n", config.error().message.c_str());
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  // Opening applies pending migrations (010 builds every meter's summaries
  // when its table is new).
  auto db = storage::Database::open(config->database);
  if (!db) {
    std::fprintf(stderr, "ebill-api: database: %s\n", db.error().message.c_str());
    return 1;
  }
  try {
    const std::size_t rows = storage::DaySummaryStore(**db).rebuild(meter);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("rebuilt %zu day summaries of %s in %.1f s\n", rows,
                meter ? ("meter " + *meter).c_str() : "every meter", seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ebill-api: rebuild-summaries: %s\n", e.what());
    return 1;
  }
}

}  // namespace ebill::api
