#include "common/storage/usage_reader.h"

#include "common/storage/database_impl.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

UsageData UsageReader::read(const std::string& meter_no, std::optional<summary::DayRange> days,
                            const std::vector<ReadWindow>& windows) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    UsageData out;
    std::vector<usage::DaySummary> stored;
    if (days && days->first <= days->last) {
      stored = select_summaries(c, meter_no, days->first, days->last);
    }
    // Stored rows form one unbroken run per meter; the days before it
    // (before the meter's data) and from the first day after it that has no
    // row (normally today) come from readings.
    std::vector<summary::DayRange> computed;
    std::size_t run = 0;  // stored rows in an unbroken run from stored.front()
    if (days && days->first <= days->last) {
      if (stored.empty()) {
        computed.push_back(*days);
      } else {
        if (stored.front().day > days->first) {
          computed.push_back({days->first, stored.front().day - 1});
        }
        run = 1;
        while (run < stored.size() && stored[run].day == stored[run - 1].day + 1) ++run;
        const LocalDay after = stored[run - 1].day + 1;
        if (after <= days->last) computed.push_back({after, days->last});
      }
    }
    std::vector<PlanWindow> plan;
    for (const summary::DayRange& r : computed) {
      plan.push_back({meter_no, day_start(r.first), day_start(r.last + 1)});
    }
    for (const ReadWindow& w : windows) plan.push_back({meter_no, w.start, w.end});
    std::vector<std::vector<usage::Sample>> samples = load_plan_samples(c, plan);

    if (days && days->first <= days->last) {
      out.days.reserve(static_cast<std::size_t>(days->last - days->first + 1));
      std::size_t k = 0;
      auto add_computed = [&](std::size_t i) {
        const summary::DayRange& r = computed[i];
        for (usage::DaySummary& s : usage::summarize_days(
                 samples[i], r.first, static_cast<int>(r.last - r.first + 1), c.usage())) {
          out.days.push_back(std::move(s));
        }
      };
      if (!computed.empty() && computed[0].first == days->first && !stored.empty()) {
        add_computed(k++);
      }
      for (std::size_t i = 0; i < run; ++i) out.days.push_back(stored[i]);
      if (k < computed.size()) add_computed(k++);
    }
    for (std::size_t i = computed.size(); i < samples.size(); ++i) {
      out.windows.push_back(std::move(samples[i]));
    }
    return out;
  });
}

}  // namespace ebill::storage
