#include "collector/meters_command.h"

#include <fmt/format.h>


#include "collector/command_database.h"
#include "common/storage/meter_store.h"
#include "common/time/time_zone.h"

namespace ebill::collector {

const char* meters_usage() {
  return "  ebill-collector meters list\n"
         "  ebill-collector meters add <id> [name]\n"
         "  ebill-collector meters rename <id> <name>\n"
         "  ebill-collector meters enable <id>\n"
         "  ebill-collector meters disable <id>\n";
}

namespace {

int usage() {
  fmt::print(stderr, "usage:\n{}", meters_usage());
  return 2;
}

int run(storage::MeterStore& store, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb == "list" && args.size() == 1) {
    for (const Meter& m : store.list()) {
      fmt::print("{}\t{}\t{}\n", m.meter_no, m.enabled ? "enabled" : "disabled", m.name);
    }
    return 0;
  }
  if (verb == "add" && (args.size() == 2 || args.size() == 3)) {
    const bool existed = store.get(args[1]).has_value();
    store.upsert(Meter{args[1], args.size() == 3 ? args[2] : args[1], true, SystemClock().now()});
    fmt::print("{} {}\n", existed ? "renamed" : "added", args[1]);
    return 0;
  }
  bool found = false;
  if (verb == "rename" && args.size() == 3) {
    found = store.rename(args[1], args[2]);
  } else if (verb == "enable" && args.size() == 2) {
    found = store.set_enabled(args[1], true);
  } else if (verb == "disable" && args.size() == 2) {
    found = store.set_enabled(args[1], false);
  } else {
    return usage();
  }
  if (!found) {
    fmt::print(stderr, "no meter {}\n", args[1]);
    return 1;
  }
  fmt::print("{} {}\n", verb == "rename" ? "renamed" : verb + "d", args[1]);
  return 0;
}

}  // namespace

int run_meters_command(const Config& config, const std::vector<std::string>& args) {
  if (args.empty()) return usage();
  if (args.size() >= 2 && !valid_meter_id(args[1])) {
    fmt::print(stderr, "meter id must be 1-64 ASCII letters or digits (got \"{}\")\n", args[1]);
    return 2;
  }
  return with_database(config, [&](storage::Database& db) {
    storage::MeterStore store(db);
    return run(store, args);
  });
}

}  // namespace ebill::collector
