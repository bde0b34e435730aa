// The per-meter series of the collector's /metrics (Prometheus text 0.0.4),
// each labelled meter="<meter number>",name="<display name>":
//   ebill_meter_balance_kwh                       gauge, newest reading
//   ebill_meter_balance_yuan                      gauge, when the page shows it
//   ebill_meter_unit_price_yuan                   gauge, yuan per kWh, when shown
//   ebill_meter_consumed_kwh_total                counter, storage::MeterTotals::consumed
//   ebill_meter_last_reading_timestamp_seconds    gauge, Unix time of the newest reading
//   ebill_meter_fetch_failures_total{reason}      counter, failed polls since start
// Pure functions; no locking.
#ifndef EBILL_COLLECTOR_METER_SERIES_H_
#define EBILL_COLLECTOR_METER_SERIES_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/collect/poll_outcome.h"
#include "common/storage/meter_totals.h"

namespace ebill::collector {

struct MeterSeries {
  std::string meter_no;
  std::string name;
  storage::MeterTotals totals;  // no reading yet: only the failures are shown
};

// Failed polls per meter number, then per poll_error_name() reason.
using FailureCounts = std::map<std::string, std::map<std::string, std::uint64_t>>;

// Every PollError that is a failed attempt (not ok, not cancelled).
std::span<const collect::PollError> failure_reasons();

// A label value escaped as the text format wants: `\` → `\\`, `"` → `\"`,
// newline → `\n`; any other byte (UTF-8 names) is kept.
std::string escape_label_value(std::string_view value);

// The HELP/TYPE blocks and samples of every series above for `meters`, in
// their order; every failure reason of a meter appears, 0 when none.
std::string render_meter_series(const std::vector<MeterSeries>& meters,
                                const FailureCounts& failures);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_METER_SERIES_H_
