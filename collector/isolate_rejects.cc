#include "collector/isolate_rejects.h"

#include "common/storage/storage_error.h"

namespace ebill::collector {

namespace {

void insert_range(const std::vector<Reading>& readings, std::size_t begin, std::size_t end,
                  const BatchInsert& insert, IsolatedInsert& out) {
  if (begin == end) return;
  const std::vector<Reading> batch(readings.begin() + static_cast<std::ptrdiff_t>(begin),
                                   readings.begin() + static_cast<std::ptrdiff_t>(end));
  try {
    out.fresh += insert(batch);
    return;
  } catch (const storage::StorageRejected& e) {
    if (end - begin == 1) {
      out.rejected.push_back(RejectedReading{readings[begin], e.what()});
      return;
    }
  }
  const std::size_t mid = begin + (end - begin) / 2;
  insert_range(readings, begin, mid, insert, out);
  insert_range(readings, mid, end, insert, out);
}

}  // namespace

IsolatedInsert insert_isolating_rejects(const std::vector<Reading>& readings,
                                        const BatchInsert& insert) {
  IsolatedInsert out;
  insert_range(readings, 0, readings.size(), insert, out);
  return out;
}

}  // namespace ebill::collector
