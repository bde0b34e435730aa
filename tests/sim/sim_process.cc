#include "tests/sim/sim_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "common/fetch/page_fetcher.h"

namespace ebill::test {

namespace {

// Starts the simulator with stdout on a pipe; returns the pid and the read end.
pid_t spawn(const std::vector<std::string>& args, int* out_fd) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    static std::string binary = EBILL_SIM_BINARY;
    argv.push_back(binary.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

}  // namespace

SimProcess::SimProcess(const std::vector<std::string>& flags) {
  std::vector<std::string> args = {"serve", "--port", "0"};
  args.insert(args.end(), flags.begin(), flags.end());
  int fd = -1;
  pid_ = spawn(args, &fd);
  FILE* out = fdopen(fd, "r");
  char line[256] = {};
  const bool got = out != nullptr && std::fgets(line, sizeof line, out) != nullptr;
  if (out != nullptr) std::fclose(out);  // the simulator writes nothing more
  int port = 0;
  if (!got || std::sscanf(line, "listening on 127.0.0.1:%d", &port) != 1 || port <= 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error(std::string("simulator did not start: ") + line);
  }
  port_ = port;
}

SimProcess::~SimProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::string SimProcess::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string SimProcess::page_url(const std::string& meter_no) const {
  return url("/nat/pay.aspx?mid=" + meter_no);
}

std::string http_get(const std::string& url) {
  FetcherOptions settings;
  settings.retries = 0;
  PageFetcher fetcher(settings);
  auto outcomes = fetcher.fetch({FetchRequest{"control", url}});
  if (!outcomes[0].ok()) throw std::runtime_error("GET " + url + ": " + outcomes[0].detail);
  return outcomes[0].body;
}

std::string run_sim_command(const std::vector<std::string>& args) {
  int fd = -1;
  const pid_t pid = spawn(args, &fd);
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("ebill-meter-sim exited with failure");
  }
  return out;
}

}  // namespace ebill::test
