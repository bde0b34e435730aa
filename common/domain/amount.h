// Exact decimal amounts. kWh and yuan are held as integer hundredths
// (DECIMAL(10,2) in the database), unit prices as ten-thousandths
// (DECIMAL(10,4)). All arithmetic happens on these integers; text appears
// only at the edges.
#ifndef EBILL_COMMON_DOMAIN_AMOUNT_H_
#define EBILL_COMMON_DOMAIN_AMOUNT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ebill {

using Hundredths = std::int64_t;      // 0.01 kWh or 0.01 yuan
using TenThousandths = std::int64_t;  // 0.0001 yuan per kWh

// Parses a plain decimal ("12.5", "-0.05", "100", "+3.10") into an integer
// scaled by 10^scale. Rejects empty text, stray characters, exponents, more
// fraction digits than `scale`, and magnitudes above 10^15.
std::optional<std::int64_t> parse_fixed(std::string_view text, int scale);
inline std::optional<Hundredths> parse_hundredths(std::string_view text) {
  return parse_fixed(text, 2);
}

// Formats `value` / 10^scale with exactly `scale` fraction digits
// ("-0.05", "100.00").
std::string format_fixed(std::int64_t value, int scale);
inline std::string format_hundredths(Hundredths value) {
  return format_fixed(value, 2);
}

// Cost of `kwh` at `price`, in hundredths of a yuan, rounded half away from
// zero.
Hundredths cost_of(Hundredths kwh, TenThousandths price);

}  // namespace ebill

#endif  // EBILL_COMMON_DOMAIN_AMOUNT_H_
