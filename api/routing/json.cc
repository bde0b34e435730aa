#include "api/routing/json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace ebill::api {

struct JsonWriter::Impl {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::begin_object() { impl_->writer.StartObject(); return *this; }
JsonWriter& JsonWriter::end_object() { impl_->writer.EndObject(); return *this; }
JsonWriter& JsonWriter::begin_array() { impl_->writer.StartArray(); return *this; }
JsonWriter& JsonWriter::end_array() { impl_->writer.EndArray(); return *this; }

JsonWriter& JsonWriter::key(std::string_view name) {
  impl_->writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  impl_->writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  return *this;
}

JsonWriter& JsonWriter::string(const std::optional<std::string>& value) {
  return value ? string(std::string_view(*value)) : null();
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  impl_->writer.Int64(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) { impl_->writer.Bool(value); return *this; }
JsonWriter& JsonWriter::null() { impl_->writer.Null(); return *this; }

JsonWriter& JsonWriter::fixed(std::int64_t value, int scale) {
  std::string text = format_fixed(value, scale);
  // RawValue, not RawNumber: RapidJSON 1.1's RawNumber writes a string.
  impl_->writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  return *this;
}

JsonWriter& JsonWriter::hundredths(const std::optional<Hundredths>& value) {
  return value ? hundredths(*value) : null();
}

std::string JsonWriter::take() {
  std::string out(impl_->buffer.GetString(), impl_->buffer.GetSize());
  impl_->buffer.Clear();
  impl_->writer.Reset(impl_->buffer);
  return out;
}

}  // namespace ebill::api
