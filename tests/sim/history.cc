#include "tests/sim/history.h"

#include <fmt/format.h>

#include "tests/sim/meter_model.h"

namespace ebill::sim {

void write_history(std::ostream& out, std::uint64_t seed, const std::vector<std::string>& meters,
                   LocalSeconds first, LocalSeconds last, int interval) {
  std::vector<MeterParams> params;
  for (const auto& m : meters) params.push_back(params_for(seed, m));
  out << "meter_no,collected_at,remain,remain_money,unit_price\n";
  std::string line;
  for (LocalSeconds t = first; t <= last; t += interval) {
    const std::string when = format_datetime(t);
    for (std::size_t i = 0; i < meters.size(); ++i) {
      const Hundredths remain = balance_at(params[i], t);
      line = fmt::format("{},{},{},{},{}\n", meters[i], when, format_hundredths(remain),
                         format_hundredths(cost_of(remain, params[i].unit_price).value()),
                         format_fixed(params[i].unit_price, 4));
      out << line;
    }
  }
}

}  // namespace ebill::sim
