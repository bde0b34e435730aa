#include "collector/spool.h"

#include <fcntl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "collector/spool_line.h"
#include "common/log/log.h"

namespace ebill::collector {

namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void write_all(int fd, const std::string& data, const std::string& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write " + path);
    }
    done += static_cast<std::size_t>(n);
  }
}

void sync(int fd, const std::string& path) {
  if (::fsync(fd) != 0) throw_errno("fsync " + path);
}

// Makes the directory entry of a new file durable. Throws std::system_error.
void sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("open directory " + dir);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) throw std::system_error(saved, std::generic_category(), "fsync directory " + dir);
}

// Appends `data` to the file at `path` (created if missing, its directory
// entry made durable) and fsyncs it. Throws std::system_error.
void append_durably(const std::string& dir, const std::string& path, const std::string& data) {
  const bool existed = std::filesystem::exists(path);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("open " + path);
  try {
    write_all(fd, data, path);
    sync(fd, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  if (!existed) sync_dir(dir);
}

struct Lines {
  std::size_t count = 0;
  bool unclosed = false;  // the last one lacks its newline
};

// Counts lines; a last one without its newline counts too.
Result<Lines, std::string> count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read " + path);
  Lines lines;
  char last = '\n';
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) lines.count += buf[i] == '\n' ? 1 : 0;
    last = buf[n - 1];
  }
  if (in.bad()) return fail("cannot read " + path);
  if (last != '\n') {
    lines.unclosed = true;
    ++lines.count;
  }
  return lines;
}

std::string rejected_json(const RejectedReading& r) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  const std::string at = format_datetime(r.reading.collected_at);
  const std::string line = encode_spool_line(r.reading);
  w.StartObject();
  w.Key("meter_no");
  w.String(r.reading.meter_no.c_str());
  w.Key("collected_at");
  w.String(at.c_str());
  w.Key("error");
  w.String(r.error.c_str(), static_cast<rapidjson::SizeType>(r.error.size()));
  w.Key("line");
  w.String(line.c_str());
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace

Result<std::unique_ptr<Spool>, std::string> Spool::open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail("SPOOL_DIR " + dir + ": " + ec.message());
  const std::string lock_path = dir + "/lock";
  const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd < 0) return fail("SPOOL_DIR " + dir + ": cannot open lock: " + std::strerror(errno));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd);
    return fail("SPOOL_DIR " + dir + " is in use by another collector");
  }
  const std::string path = dir + "/readings.spool";
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    ::close(lock_fd);
    return fail("cannot open " + path + ": " + std::strerror(errno));
  }
  auto lines = count_lines(path);
  std::string error = lines.ok() ? "" : lines.error();
  if (error.empty()) {
    try {
      sync_dir(dir);
    } catch (const std::system_error& e) {
      error = std::string("SPOOL_DIR ") + e.what();
    }
  }
  if (!error.empty()) {
    ::close(fd);
    ::close(lock_fd);
    return fail(error);
  }
  std::unique_ptr<Spool> spool(new Spool(dir, fd, lock_fd, lines->count, lines->unclosed));
  if (lines->unclosed) {
    log::warn("spool: {} ends in a cut line; it will be quarantined", path);
    try {
      write_all(fd, "\n", path);
      sync(fd, path);
      spool->unclosed_ = false;
    } catch (const std::system_error& e) {
      log::warn("spool: cannot close the cut line yet ({}); the next append will", e.what());
    }
  }
  return spool;
}

Spool::Spool(std::string dir, int fd, int lock_fd, std::size_t depth, bool unclosed)
    : dir_(std::move(dir)),
      path_(dir_ + "/readings.spool"),
      quarantine_path_(dir_ + "/quarantine.spool"),
      rejected_path_(dir_ + "/rejected.jsonl"),
      fd_(fd),
      lock_fd_(lock_fd),
      depth_(depth),
      unclosed_(unclosed) {}

Spool::~Spool() {
  ::close(fd_);
  ::close(lock_fd_);
}

void Spool::append(const std::vector<Reading>& readings) {
  if (readings.empty()) return;
  std::string data = unclosed_ ? "\n" : "";
  for (const Reading& r : readings) {
    data += encode_spool_line(r);
    data += '\n';
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw_errno("stat " + path_);
  try {
    write_all(fd_, data, path_);
    sync(fd_, path_);
  } catch (const std::system_error&) {
    // No half line may stay behind for later appends to glue onto.
    if (::ftruncate(fd_, st.st_size) != 0 || ::fsync(fd_) != 0) {
      log::warn("spool: cannot cut {} back to {} bytes after a failed append: {}", path_,
                static_cast<long long>(st.st_size), std::strerror(errno));
    }
    throw;
  }
  unclosed_ = false;
  depth_ += readings.size();
}

void Spool::quarantine(const RejectedReadings& rejected) {
  if (rejected.empty()) return;
  std::string data;
  for (const RejectedReading& r : rejected) data += rejected_json(r);
  append_durably(dir_, rejected_path_, data);
  for (const RejectedReading& r : rejected) {
    log::warn("spool: meter {}: reading of {} refused by the database, moved to {}: {}",
              r.reading.meter_no, format_datetime(r.reading.collected_at), rejected_path_,
              r.error);
  }
}

SpoolReplay Spool::replay(const SpoolInsert& insert, std::size_t batch) {
  SpoolReplay result;
  if (depth_ == 0) return result;
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "read " + path_);
  std::vector<Reading> pending;
  std::vector<std::pair<std::size_t, std::string>> damaged;  // line number, text
  RejectedReadings rejected;
  std::size_t number = 0;
  std::string line;
  const auto flush = [&] {
    RejectedReadings refused = insert(pending);
    rejected.insert(rejected.end(), std::make_move_iterator(refused.begin()),
                    std::make_move_iterator(refused.end()));
    result.handed += pending.size();
    pending.clear();
  };
  while (std::getline(in, line)) {
    ++number;
    if (auto r = decode_spool_line(line)) {
      pending.push_back(std::move(*r));
    } else {
      damaged.emplace_back(number, line);
    }
    if (pending.size() >= batch) flush();
  }
  if (in.bad()) throw std::system_error(EIO, std::generic_category(), "read " + path_);
  if (!pending.empty()) flush();

  if (!damaged.empty()) {
    std::string data;
    for (const auto& [n, text] : damaged) data += text + "\n";
    append_durably(dir_, quarantine_path_, data);
    for (const auto& [n, text] : damaged) {
      log::warn("spool: damaged line {} ({} bytes) moved to {}", n, text.size(), quarantine_path_);
    }
  }
  quarantine(rejected);
  if (::ftruncate(fd_, 0) != 0) throw_errno("truncate " + path_);
  sync(fd_, path_);
  depth_ = 0;
  unclosed_ = false;
  result.damaged = damaged.size();
  result.rejected = rejected.size();
  return result;
}

}  // namespace ebill::collector
