#include "api/server/static_files.h"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <locale>
#include <iterator>
#include <sstream>
#include <utility>

namespace ebill::api {
namespace fs = std::filesystem;
namespace {

struct TypeEntry {
  std::string_view ext;
  std::string_view type;
  bool compressible;
};

constexpr std::array<TypeEntry, 12> kTypes = {{
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".png", "image/png", false},
    {".ico", "image/x-icon", true},
    {".json", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".woff2", "font/woff2", false},
    {".map", "application/json", true},
    {".txt", "text/plain; charset=utf-8", true},
}};

const TypeEntry* type_entry(std::string_view path) {
  for (const auto& t : kTypes) {
    if (path.size() >= t.ext.size() && path.substr(path.size() - t.ext.size()) == t.ext) return &t;
  }
  return nullptr;
}

// True when every '/'-separated segment is an ordinary name: no "..", no
// hidden names, no backslashes or NUL bytes.
bool safe_relative(std::string_view rel) {
  if (rel.empty()) return false;
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    std::size_t slash = rel.find('/', start);
    std::string_view seg = rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (seg.empty() || seg.front() == '.') return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

bool under_root(const std::string& root, const std::string& path) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

// True when a comma-separated If-None-Match list names `etag` (or "*").
bool etag_matches(std::string_view list, std::string_view etag) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t comma = list.find(',', start);
    std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag || item == "*") return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

bool accepts_gzip(const Request& request) {
  auto ae = request.header("Accept-Encoding");
  if (!ae) return false;
  std::size_t pos = ae->find("gzip");
  if (pos == std::string::npos) return false;
  std::string_view rest = std::string_view(*ae).substr(pos + 4);
  std::size_t end = rest.find(',');
  std::string_view params = rest.substr(0, end);
  // "gzip;q=0" refuses it.
  std::size_t q = params.find("q=");
  if (q != std::string_view::npos) {
    std::string_view v = params.substr(q + 2);
    return !(v.substr(0, 1) == "0" && v.find_first_of("123456789") == std::string_view::npos);
  }
  return true;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  const TypeEntry* t = type_entry(path);
  return t ? t->type : "application/octet-stream";
}

std::string gzip_compress(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string http_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  std::tm tm{};
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
  if (in.fail()) return std::nullopt;
  return timegm(&tm);
}

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  if (!root.empty()) {
    fs::path canonical = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (!ec) root_ = canonical.string();
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  }
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const std::string& file) const {
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return nullptr;
  auto size = fs::file_size(file, ec);
  if (ec) return nullptr;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return nullptr;
  auto sys = std::chrono::file_clock::to_sys(mtime);
  std::int64_t mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(file);
    if (it != cache_.end() && it->second->size == size && it->second->mtime_ns == mtime_ns) {
      return it->second;
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  auto entry = std::make_shared<Entry>();
  entry->content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  entry->size = size;
  entry->mtime_ns = mtime_ns;
  const TypeEntry* type = type_entry(file);
  if (type && type->compressible && entry->content.size() >= 256) {
    std::string gz = gzip_compress(entry->content);
    if (!gz.empty() && gz.size() < entry->content.size()) entry->gzip = std::move(gz);
  }
  entry->etag = fmt::format("\"{:x}-{:x}\"", size, mtime_ns);
  entry->last_modified = http_date(static_cast<std::time_t>(mtime_ns / 1'000'000'000));
  std::lock_guard lock(mu_);
  cache_[file] = entry;
  return entry;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (root_.empty() || request.path.empty() || request.path.front() != '/') return std::nullopt;
  std::string rel = request.path == "/" ? "index.html" : request.path.substr(1);
  if (!safe_relative(rel)) return std::nullopt;
  std::error_code ec;
  fs::path resolved = fs::canonical(fs::path(root_) / rel, ec);
  if (ec || !under_root(root_, resolved.string())) return std::nullopt;
  auto entry = load(resolved.string());
  if (!entry) return std::nullopt;

  Response r;
  r.content_type = std::string(content_type_for(rel));
  bool gzip = !entry->gzip.empty() && accepts_gzip(request);
  std::string etag = gzip ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\"" : entry->etag;
  bool immutable = rel.rfind("assets/", 0) == 0;
  r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("ETag", etag);
  r.set_header("Last-Modified", entry->last_modified);
  if (!entry->gzip.empty()) r.set_header("Vary", "Accept-Encoding");

  bool not_modified = false;
  if (auto inm = request.header("If-None-Match")) {
    not_modified = etag_matches(*inm, etag);
  } else if (auto ims = request.header("If-Modified-Since")) {
    auto t = parse_http_date(*ims);
    not_modified = t && entry->mtime_ns / 1'000'000'000 <= *t;
  }
  if (not_modified) {
    r.status = 304;
    return r;
  }
  if (gzip) {
    r.set_header("Content-Encoding", "gzip");
    r.body = entry->gzip;
  } else {
    r.body = entry->content;
  }
  return r;
}

}  // namespace ebill::api
