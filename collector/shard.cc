#include "collector/shard.h"

#include "collector/fnv1a.h"

namespace ebill::collector {

int shard_of(std::string_view meter_no, int count) {
  return static_cast<int>(fnv1a64(meter_no) % static_cast<std::uint64_t>(count));
}

std::vector<std::string> in_shard(const std::vector<std::string>& meters, int index, int count) {
  std::vector<std::string> mine;
  for (const std::string& m : meters) {
    if (shard_of(m, count) == index) mine.push_back(m);
  }
  return mine;
}

}  // namespace ebill::collector
