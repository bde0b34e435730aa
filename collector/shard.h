// COLLECTOR_SHARD=k/N: which meters one of N collectors polls. A meter
// belongs to shard fnv1a64(meter_no) mod N (fnv1a.h), so every meter is in exactly one
// shard for any N, and the split never depends on the order or number of
// meters, the machine or the program version.
#ifndef EBILL_COLLECTOR_SHARD_H_
#define EBILL_COLLECTOR_SHARD_H_

#include <string_view>

namespace ebill::collector {

// The shard (0..count-1) of `meter_no`. REQUIRES: count >= 1.
int shard_of(std::string_view meter_no, int count);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_SHARD_H_
