// Text helpers for scraped HTML: UTF-8 validation, character references,
// and the many kinds of space a Chinese page puts into its labels.
#ifndef EBILL_COMMON_SOURCE_HTML_TEXT_H_
#define EBILL_COMMON_SOURCE_HTML_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ebill::source {

// Byte offset of the first byte that breaks strict UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or nullopt when
// all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Replaces character references with UTF-8: decimal and hex numeric ones
// (`&#58;`, `&#xFF1A;`; invalid code points become U+FFFD) and the named ones
// a page like ours uses (amp lt gt quot apos nbsp ensp emsp thinsp colon).
// Anything else, including a reference without its `;`, stays as written.
std::string decode_entities(std::string_view text);

// Collapses every run of white space (ASCII, U+00A0, U+2002..U+200B,
// U+3000, U+FEFF) into one ASCII space and trims both ends. Expects UTF-8.
std::string squeeze_spaces(std::string_view text);

// Removes every white space character (same set as squeeze_spaces).
std::string strip_spaces(std::string_view text);

// ASCII-only case folding, for tag names and Latin words on the page.
char ascii_lower(char c);
bool equals_ascii_ignore_case(std::string_view a, std::string_view b);
// Position of `lower_needle` (given in lower case) in `hay` at or after
// `from`, ignoring ASCII case; npos when absent.
std::size_t find_ascii_ignore_case(std::string_view hay,
                                   std::string_view lower_needle,
                                   std::size_t from = 0);

// At most `max_chars` characters of `text` for an error message: always
// valid UTF-8 (bytes that are not become '?'), with "..." when cut.
std::string excerpt(std::string_view text, std::size_t max_chars);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_HTML_TEXT_H_
