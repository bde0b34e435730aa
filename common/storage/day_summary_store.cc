#include "common/storage/day_summary_store.h"

#include "common/storage/summary_refresh.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

std::vector<usage::DaySummary> DaySummaryStore::stored(const std::string& meter_no,
                                                       LocalDay first, LocalDay last) {
  return db_.impl().run(Retry::kSafe,
                        [&](Conn& c) { return select_summaries(c, meter_no, {{first, last}}); });
}

std::size_t DaySummaryStore::rebuild(const std::optional<std::string>& meter_no) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    WriteTransaction tx(c);
    const std::size_t rows = rebuild_summaries(c, meter_no);
    tx.commit();
    return rows;
  });
}

}  // namespace ebill::storage
