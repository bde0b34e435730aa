// gzip (RFC 1952) compression for answers to clients that accept it.
#ifndef EBILL_TESTS_SIM_GZIP_H_
#define EBILL_TESTS_SIM_GZIP_H_

#include <string>
#include <string_view>

namespace ebill::sim {

// The gzip member holding `data`; empty only if zlib fails.
std::string gzip_compress(std::string_view data);

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_GZIP_H_
