// FNV-1a, 64 bits: a tiny stable hash, the same on every machine and build.
// Used for the shard of a meter and the checksum of a spool line.
#ifndef EBILL_COLLECTOR_FNV1A_H_
#define EBILL_COLLECTOR_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace ebill::collector {

// 64-bit FNV-1a of the bytes of `text` (offset basis 14695981039346656037,
// prime 1099511628211).
std::uint64_t fnv1a64(std::string_view text);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_FNV1A_H_
