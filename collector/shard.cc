#include "collector/shard.h"

#include "collector/fnv1a.h"

namespace ebill::collector {

int shard_of(std::string_view meter_no, int count) {
  return static_cast<int>(fnv1a64(meter_no) % static_cast<std::uint64_t>(count));
}

}  // namespace ebill::collector
