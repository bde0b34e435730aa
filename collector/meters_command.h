// `ebill-collector meters list|add|rename|enable|disable`: manages the
// `meter` table, the list of meters both programs share.
#ifndef EBILL_COLLECTOR_METERS_COMMAND_H_
#define EBILL_COLLECTOR_METERS_COMMAND_H_

#include <string>
#include <vector>

#include "common/config/config.h"

namespace ebill::collector {

// Runs the command in `args` (the words after "meters") against the
// configured database; prints results to stdout and problems to stderr.
// Returns the exit status: 0 done, 1 no such meter or database failure,
// 2 bad usage or meter id.
//   list                  one line per meter: id, enabled|disabled, name
//   add <id> [name]       new meter, enabled (name defaults to the id); an
//                         existing meter only gets the name
//   rename <id> <name>
//   enable <id> | disable <id>
int run_meters_command(const Config& config, const std::vector<std::string>& args);

// The usage lines of the command, for --help.
const char* meters_usage();

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METERS_COMMAND_H_
