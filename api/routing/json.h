// A small JSON writer over RapidJSON for handler answers. Amounts held as
// integer hundredths are written as JSON numbers with exactly two fraction
// digits ("12.30"), never through a double; nullopt is written as null.
#ifndef EBILL_API_ROUTING_JSON_H_
#define EBILL_API_ROUTING_JSON_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/domain/amount.h"

namespace ebill::api {

class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& string(const char* value) { return string(std::string_view(value)); }
  JsonWriter& string(const std::string& value) { return string(std::string_view(value)); }
  JsonWriter& string(const std::optional<std::string>& value);  // null if none
  JsonWriter& integer(std::int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // value / 10^scale with exactly `scale` fraction digits (format_fixed).
  JsonWriter& fixed(std::int64_t value, int scale);
  JsonWriter& hundredths(Hundredths value) { return fixed(value, 2); }
  JsonWriter& hundredths(const std::optional<Hundredths>& value);  // null if none

  // The document so far (complete once every object/array is closed).
  std::string take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ebill::api

#endif  // EBILL_API_ROUTING_JSON_H_
