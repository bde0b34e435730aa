#include "tests/collector/tiny_tmpfs.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/collector/child_process.h"

namespace ebill::test {

TinyTmpfs::TinyTmpfs(std::size_t size_bytes) : path_(make_temp_dir("ebill-tmpfs")) {
  const std::string options = "size=" + std::to_string(size_bytes);
  if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::filesystem::remove(path_);
    throw std::runtime_error("mount -t tmpfs -o " + options + " " + path_ + ": " + why +
                             " (the disk-full tests need root)");
  }
}

TinyTmpfs::~TinyTmpfs() {
  ::umount2(path_.c_str(), MNT_DETACH);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

std::size_t TinyTmpfs::fill() {
  const std::string filler = path_ + "/filler";
  const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("open " + filler + ": " + std::strerror(errno));
  char block[512] = {};
  std::size_t written = 0;
  for (;;) {
    const ssize_t n = ::write(fd, block, sizeof block);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  // Byte by byte into the last partial page.
  while (::write(fd, block, 1) == 1) ++written;
  const int saved = errno;
  ::close(fd);
  if (saved != ENOSPC) throw std::runtime_error("filling " + path_ + ": " + std::strerror(saved));
  return written;
}

void TinyTmpfs::release() { std::filesystem::remove(path_ + "/filler"); }

}  // namespace ebill::test
