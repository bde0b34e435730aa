// Storing a batch of readings when some of them may be refused by the
// database: a refused batch (storage::StorageRejected) is split in halves,
// recursively, until each refused reading is alone; every other reading is
// stored. k refused readings in n cost about 2k·log2(n) extra inserts.
#ifndef EBILL_COLLECTOR_ISOLATE_REJECTS_H_
#define EBILL_COLLECTOR_ISOLATE_REJECTS_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "collector/rejected_reading.h"
#include "common/domain/reading.h"

namespace ebill::collector {

// One idempotent insert of a batch in one transaction, returning the new
// rows; throws storage::StorageRejected when the database refuses the data.
using BatchInsert = std::function<std::size_t(const std::vector<Reading>&)>;

struct IsolatedInsert {
  std::size_t fresh = 0;      // new rows
  RejectedReadings rejected;  // in batch order, each with its reason
};

// Inserts `readings` through `insert`, isolating the refused ones. Any other
// exception (database down, a schema error) propagates: the batches stored
// before it stay stored, which is safe because inserts are idempotent.
IsolatedInsert insert_isolating_rejects(const std::vector<Reading>& readings,
                                        const BatchInsert& insert);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_ISOLATE_REJECTS_H_
