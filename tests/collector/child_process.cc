#include "tests/collector/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

#include "tests/support/test_paths.h"

namespace ebill::test {

ChildProcess::ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                           const Env& env, const std::string& dir, const std::string& log_path) {
  std::vector<std::string> env_lines;
  for (const auto& [k, v] : env) env_lines.push_back(k + "=" + v);
  if (!env.count("PATH")) env_lines.push_back("PATH=/usr/bin:/bin");
  std::vector<std::string> argv_strings = {binary};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0 || chdir(dir.c_str()) != 0) _exit(126);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> argv, envp;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_lines) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void ChildProcess::signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) throw std::logic_error("process already reaped");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Finished run_to_end(const std::string& binary, const std::vector<std::string>& args,
                    const Env& env, const std::string& dir, std::chrono::milliseconds timeout) {
  const std::string log = make_temp_dir("ebill-run") + "/output.log";
  Finished f;
  {
    ChildProcess p(binary, args, env, dir, log);
    const auto status = p.wait_for(timeout);
    f.status = status.value_or(-1);
  }
  f.output = read_file(log);
  std::filesystem::remove_all(std::filesystem::path(log).parent_path());
  return f;
}

bool wait_until(const std::function<bool()>& ready, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() >= deadline) return ready();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::string read_log(const std::string& path) {
  return std::filesystem::exists(path) ? read_file(path) : "";
}

std::string make_temp_dir(const std::string& prefix) {
  static std::mt19937_64 rng(std::random_device{}());
  const auto dir = std::filesystem::temp_directory_path() /
                   (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000000));
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace ebill::test
