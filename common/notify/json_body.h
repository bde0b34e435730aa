// Writing the JSON bodies of channel requests with RapidJSON.
#ifndef EBILL_COMMON_NOTIFY_JSON_BODY_H_
#define EBILL_COMMON_NOTIFY_JSON_BODY_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

namespace ebill::notify {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// "key": "value" (any UTF-8, escaped as JSON needs).
inline void put_string(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_JSON_BODY_H_
