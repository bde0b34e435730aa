// The built page served by the real ebill-api: types, caching, 304, gzip,
// traversal.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <string>

#include "tests/api/support/api_process.h"
#include "tests/support/http_client.h"

using namespace ebill::test;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kIndex = "<!doctype html><title>电费</title>" + repeat("<p>ebill page</p>\n", 40);
const std::string kScript = repeat("console.log('balance');\n", 50);

// A web root like web/dist, plus a secret beside it and a symlink out.
struct WebRoot {
  WebRoot() : base(make_temp_dir("ebill-api-web-")), root(base + "/dist") {
    write_file(root + "/index.html", kIndex);
    write_file(root + "/assets/app-3f9a2c1d.js", kScript);
    write_file(root + "/assets/app-3f9a2c1d.mjs", "export {};\n");
    write_file(root + "/assets/style-77aa.css", "body{margin:0}\n");
    write_file(root + "/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(root + "/icon-192.png", std::string("\x89PNG\r\n\x1a\n", 8));
    write_file(root + "/favicon.ico", std::string(4, '\0'));
    write_file(root + "/data.json", "{}");
    write_file(root + "/manifest.webmanifest", "{\"name\":\"ebill\"}");
    write_file(root + "/assets/font-1.woff2", "wOF2");
    write_file(root + "/assets/app-3f9a2c1d.js.map", "{\"version\":3}");
    write_file(root + "/.env", "SECRET=1");
    write_file(base + "/secret.txt", "top secret");
    std::filesystem::create_symlink(base + "/secret.txt", root + "/escape.txt");
    std::filesystem::create_symlink("/etc", root + "/etc");
  }
  ~WebRoot() {
    std::error_code ec;
    std::filesystem::remove_all(base, ec);
  }
  std::string base;
  std::string root;
};

std::string gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

}  // namespace

TEST_CASE("static files: index at / and content types by extension") {
  WebRoot web;
  ApiProcess api(Env{{"WEB_ROOT", web.root}});
  auto index = get(api.port(), "/");
  CHECK(index.status == 200);
  CHECK(index.body == kIndex);
  CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(get(api.port(), "/index.html").body == kIndex);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"/assets/app-3f9a2c1d.js", "text/javascript; charset=utf-8"},
      {"/assets/app-3f9a2c1d.mjs", "text/javascript; charset=utf-8"},
      {"/assets/style-77aa.css", "text/css; charset=utf-8"},
      {"/icon.svg", "image/svg+xml"},
      {"/icon-192.png", "image/png"},
      {"/favicon.ico", "image/x-icon"},
      {"/data.json", "application/json"},
      {"/manifest.webmanifest", "application/manifest+json"},
      {"/assets/font-1.woff2", "font/woff2"},
      {"/assets/app-3f9a2c1d.js.map", "application/json"},
  };
  for (const auto& [path, type] : expected) {
    auto r = get(api.port(), path);
    INFO(path);
    CHECK(r.status == 200);
    CHECK(r.header("Content-Type") == type);
  }
  CHECK(get(api.port(), "/icon-192.png").body == std::string("\x89PNG\r\n\x1a\n", 8));
  auto head = request(api.port(), "HEAD", "/");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("Content-Length") == std::to_string(kIndex.size()));
  CHECK(request(api.port(), "POST", "/index.html").status == 404);
}

TEST_CASE("static files: hashed assets are immutable, the rest revalidated with 304") {
  WebRoot web;
  ApiProcess api(Env{{"WEB_ROOT", web.root}});
  auto asset = get(api.port(), "/assets/style-77aa.css");
  CHECK(asset.header("Cache-Control") == "public, max-age=31536000, immutable");
  auto index = get(api.port(), "/");
  CHECK(index.header("Cache-Control") == "no-cache");
  auto etag = index.header("ETag");
  auto last_modified = index.header("Last-Modified");
  REQUIRE(etag);
  REQUIRE(last_modified);
  CHECK(etag->front() == '"');

  auto again = get(api.port(), "/", {{"If-None-Match", *etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == *etag);
  CHECK(get(api.port(), "/", {{"If-None-Match", "\"other\", " + *etag}}).status == 304);
  CHECK(get(api.port(), "/", {{"If-None-Match", "\"other\""}}).status == 200);
  CHECK(get(api.port(), "/", {{"If-Modified-Since", *last_modified}}).status == 304);
  CHECK(get(api.port(), "/", {{"If-Modified-Since", "Thu, 01 Jan 1970 00:00:01 GMT"}}).status == 200);

  // Changing the file changes its ETag and the body served.
  write_file(web.root + "/index.html", "<p>new build</p>" + std::string(300, ' '));
  std::filesystem::last_write_time(web.root + "/index.html",
                                   std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
  auto changed = get(api.port(), "/", {{"If-None-Match", *etag}});
  CHECK(changed.status == 200);
  CHECK(changed.body.rfind("<p>new build</p>", 0) == 0);
  CHECK(changed.header("ETag") != etag);
}

TEST_CASE("static files: gzip only when the client accepts it") {
  WebRoot web;
  ApiProcess api(Env{{"WEB_ROOT", web.root}});
  auto plain = get(api.port(), "/assets/app-3f9a2c1d.js");
  CHECK(plain.body == kScript);
  CHECK_FALSE(plain.header("Content-Encoding"));
  CHECK(plain.header("Vary") == "Accept-Encoding");
  CHECK(plain.header("X-Content-Type-Options") == "nosniff");

  auto gz = get(api.port(), "/assets/app-3f9a2c1d.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  CHECK(gz.header("Content-Encoding") == "gzip");
  CHECK(gz.body.size() < kScript.size());
  CHECK(gunzip(gz.body) == kScript);
  CHECK(gz.header("ETag") != plain.header("ETag"));
  CHECK(get(api.port(), "/assets/app-3f9a2c1d.js", {{"If-None-Match", *gz.header("ETag")},
                                                   {"Accept-Encoding", "gzip"}}).status == 304);

  auto refused = get(api.port(), "/", {{"Accept-Encoding", "gzip;q=0, identity"}});
  CHECK_FALSE(refused.header("Content-Encoding"));
  CHECK(refused.body == kIndex);
  // Tiny and already-compressed files are sent as they are.
  auto png = get(api.port(), "/icon-192.png", {{"Accept-Encoding", "gzip"}});
  CHECK_FALSE(png.header("Content-Encoding"));
}

TEST_CASE("static files: no way out of the web root") {
  WebRoot web;
  ApiProcess api(Env{{"WEB_ROOT", web.root}});
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                           "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                           "/..%2fsecret.txt", "/%2fetc/passwd", "//etc/passwd", "/etc/passwd",
                           "/escape.txt", "/.env", "/assets/", "/assets", "/..\\secret.txt",
                           "/%5c..%5csecret.txt", "/index.html%00.png"}) {
    INFO(path);
    auto r = get(api.port(), path);
    CHECK((r.status == 404 || r.status == 400));
    CHECK(r.body.find("top secret") == std::string::npos);
    CHECK(r.body.find("root:") == std::string::npos);
  }
  CHECK(get(api.port(), "/../secret.txt").status == 404);
  CHECK(get(api.port(), "/index.html").status == 200);
}

TEST_CASE("static files: the page gets its policy, and CORS keeps Vary: Accept-Encoding") {
  WebRoot web;
  ApiProcess api(Env{{"WEB_ROOT", web.root}, {"CORS_ORIGINS", "https://a.example"}});
  auto page = get(api.port(), "/");
  REQUIRE(page.status == 200);
  const auto policy = page.header("Content-Security-Policy");
  REQUIRE(policy);
  CHECK(policy->find("script-src 'self';") != std::string::npos);
  CHECK(policy->find("frame-ancestors 'none'") != std::string::npos);
  CHECK(page.header("X-Content-Type-Options") == "nosniff");
  auto cors = get(api.port(), "/assets/app-3f9a2c1d.js", {{"Origin", "https://a.example"}});
  CHECK(cors.header("Vary") == "Accept-Encoding, Origin");
  CHECK(get(api.port(), "/healthz").header("X-Content-Type-Options") == "nosniff");
  CHECK(get(api.port(), "/nope").header("X-Content-Type-Options") == "nosniff");
}
