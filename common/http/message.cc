#include "common/http/message.h"

#include <exception>

namespace ebill::http {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

Chunk pull_chunk(const ChunkProducer& producer) {
  Chunk c;
  try {
    while (producer(c.data)) {
      if (!c.data.empty()) {
        c.kind = Chunk::Kind::kData;
        return c;
      }
    }
    c.data.clear();
    c.kind = Chunk::Kind::kEnd;
  } catch (const std::exception& e) {
    c.kind = Chunk::Kind::kFailed;
    c.data.clear();
    c.error = e.what();
  } catch (...) {
    c.kind = Chunk::Kind::kFailed;
    c.data.clear();
    c.error = "unknown exception";
  }
  return c;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace ebill::http
