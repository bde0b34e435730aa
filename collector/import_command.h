// `ebill-collector import FILE`: stores readings from a CSV file (header
// meter_no,collected_at,remain[,remain_money[,unit_price]], local times; the
// format `ebill-meter-sim history` writes) in the configured database.
#ifndef EBILL_COLLECTOR_IMPORT_COMMAND_H_
#define EBILL_COLLECTOR_IMPORT_COMMAND_H_

#include <string>
#include <vector>

#include "common/config/config.h"

namespace ebill::collector {

// Imports the file named in `args` ("-" = stdin) in batches; a reading
// already stored is skipped, so importing twice stores once. Prints the
// counts to stdout, a bad line as "FILE:LINE: reason" to stderr. Returns
// the exit status: 0 done, 1 bad file or database failure, 2 bad usage.
int run_import_command(const Config& config, const std::vector<std::string>& args);

// The usage line of the command, for --help.
const char* import_usage();

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_IMPORT_COMMAND_H_
