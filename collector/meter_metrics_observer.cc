#include "collector/meter_metrics_observer.h"

namespace ebill::collector {

void MeterMetricsObserver::publish(const CycleReport&, const std::vector<MeterSnapshot>& meters,
                                   LocalSeconds) {
  std::vector<MeterSeries> series;
  series.reserve(meters.size());
  for (const MeterSnapshot& s : meters) {
    series.push_back(MeterSeries{s.meter.meter_no, s.meter.name, s.totals});
  }
  metrics_.set_meters(std::move(series));
}

}  // namespace ebill::collector
