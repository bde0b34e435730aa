// The database for a one-shot command (meters, import): opened with its
// migrations, every failure reported on stderr as one "database: ..." line.
#ifndef EBILL_COLLECTOR_COMMAND_DATABASE_H_
#define EBILL_COLLECTOR_COMMAND_DATABASE_H_

#include <functional>

#include "common/config/config.h"
#include "common/storage/database.h"

namespace ebill::collector {

// Opens the database and returns `command`'s exit status; 1 when the
// database cannot be opened or a storage call throws.
int with_database(const Config& config, const std::function<int(storage::Database&)>& command);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_COMMAND_DATABASE_H_
