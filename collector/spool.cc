#include "collector/spool.h"

#include <fcntl.h>
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

// Makes the directory entry of a new file durable.
void sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Counts lines; closes a last line that lacks its newline.
Result<std::size_t, std::string> count_and_close_lines(int fd, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read " + path);
  std::size_t lines = 0;
  char last = '\n';
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) lines += buf[i] == '\n' ? 1 : 0;
    last = buf[n - 1];
  }
  if (last != '\n') {
    log::warn("spool: {} ends in a cut line; it will be quarantined", path);
    try {
      write_all(fd, "\n", path);
      sync(fd, path);
    } catch (const std::system_error& e) {
      return fail(std::string(e.what()));
    }
    ++lines;
  }
  return lines;
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
  sync_dir(dir);
  auto lines = count_and_close_lines(fd, path);
  if (!lines.ok()) {
    ::close(fd);
    ::close(lock_fd);
    return fail(lines.error());
  }
  return std::unique_ptr<Spool>(new Spool(path, dir + "/quarantine.spool", fd, lock_fd, *lines));
}

Spool::Spool(std::string path, std::string quarantine_path, int fd, int lock_fd, std::size_t depth)
    : path_(std::move(path)),
      quarantine_path_(std::move(quarantine_path)),
      fd_(fd),
      lock_fd_(lock_fd),
      depth_(depth) {}

Spool::~Spool() {
  ::close(fd_);
  ::close(lock_fd_);
}

void Spool::append(const std::vector<Reading>& readings) {
  if (readings.empty()) return;
  std::string data;
  for (const Reading& r : readings) {
    data += encode_spool_line(r);
    data += '\n';
  }
  write_all(fd_, data, path_);
  sync(fd_, path_);
  depth_ += readings.size();
}

std::size_t Spool::replay(const std::function<void(const std::vector<Reading>&)>& insert,
                          std::size_t batch) {
  if (depth_ == 0) return 0;
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "read " + path_);
  std::vector<Reading> pending;
  std::vector<std::pair<std::size_t, std::string>> damaged;  // line number, text
  std::size_t handed = 0;
  std::size_t number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++number;
    if (auto r = decode_spool_line(line)) {
      pending.push_back(std::move(*r));
    } else {
      damaged.emplace_back(number, line);
    }
    if (pending.size() >= batch) {
      insert(pending);
      handed += pending.size();
      pending.clear();
    }
  }
  if (in.bad()) throw std::system_error(EIO, std::generic_category(), "read " + path_);
  if (!pending.empty()) {
    insert(pending);
    handed += pending.size();
  }

  if (!damaged.empty()) {
    const int q = ::open(quarantine_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (q < 0) throw_errno("open " + quarantine_path_);
    std::string data;
    for (const auto& [n, text] : damaged) data += text + "\n";
    try {
      write_all(q, data, quarantine_path_);
      sync(q, quarantine_path_);
    } catch (...) {
      ::close(q);
      throw;
    }
    ::close(q);
    for (const auto& [n, text] : damaged) {
      log::warn("spool: damaged line {} ({} bytes) moved to {}", n, text.size(), quarantine_path_);
    }
  }
  if (::ftruncate(fd_, 0) != 0) throw_errno("truncate " + path_);
  sync(fd_, path_);
  depth_ = 0;
  return handed;
}

}  // namespace ebill::collector
