#include "common/usage/sample.h"

#include <algorithm>

namespace ebill::usage {

std::vector<Sample> normalize_samples(std::vector<Sample> samples) {
  std::stable_sort(samples.begin(), samples.end(),
                   [](const Sample& x, const Sample& y) { return x.at < y.at; });
  std::vector<Sample> out;
  out.reserve(samples.size());
  for (const Sample& s : samples) {
    if (!out.empty() && out.back().at == s.at) {
      out.back() = s;  // the later duplicate wins
    } else {
      out.push_back(s);
    }
  }
  return out;
}

bool strictly_increasing(std::span<const Sample> samples) {
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if (samples[i - 1].at >= samples[i].at) return false;
  }
  return true;
}

}  // namespace ebill::usage
