#include "tests/api/support/api_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/support/test_paths.h"

namespace ebill::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

pid_t spawn(const std::vector<api::Field>& env, const std::string& dir,
            const std::vector<std::string>& args, ApiBuild build = ApiBuild::kTest) {
  const char* binary = build == ApiBuild::kTest ? EBILL_API_BINARY : EBILL_API_PRODUCTION_BINARY;
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setenv("HOST", "127.0.0.1", 1);
    ::setenv("WEB_ROOT", (dir + "/empty-web").c_str(), 1);
    ::setenv("SQLITE_PATH", (dir + "/ebill.db").c_str(), 1);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    int out = ::open((dir + "/stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open((dir + "/stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv = {const_cast<char*>("ebill-api")};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary, argv.data());
    ::_exit(127);
  }
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string make_temp_dir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

ApiProcess::ApiProcess(const std::vector<api::Field>& env, ApiBuild build, StartWait wait) {
  dir_ = make_temp_dir("ebill-api-test-");
  std::filesystem::create_directories(dir_ + "/empty-web");
  pid_ = spawn(env, dir_, {"--port", "0"}, build);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = slurp(dir_ + "/stdout");
    std::size_t nl = out.find('\n');
    if (nl != std::string::npos && out.rfind("listening on ", 0) == 0) {
      port_ = std::atoi(out.c_str() + out.rfind(':', nl) + 1);
      // The database opens in the background: its first attempt's line.
      if (wait == StartWait::kListening) return;
      const std::string err = log();
      if (err.find("api: database ") != std::string::npos && err.find(" open\n") != std::string::npos) return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      throw std::runtime_error("ebill-api exited early: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("ebill-api did not start: " + log());
}

ApiProcess::~ApiProcess() {
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ApiProcess::log() const { return slurp(dir_ + "/stderr"); }

void ApiProcess::signal(int sig) { ::kill(pid_, sig); }

std::optional<int> ApiProcess::wait_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return decode_status(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

namespace {

CommandResult run_to_exit(const std::vector<api::Field>& env, const std::vector<std::string>& args,
                          ApiBuild build) {
  std::string dir = make_temp_dir("ebill-api-test-");
  pid_t pid = spawn(env, dir, args, build);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CommandResult r{decode_status(status), slurp(dir + "/stdout"), slurp(dir + "/stderr")};
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return r;
}

}  // namespace

std::pair<int, std::string> run_api_expecting_exit(const std::vector<api::Field>& env) {
  CommandResult r = run_to_exit(env, {}, ApiBuild::kTest);
  return {r.status, r.err};
}

CommandResult run_api_command(const std::vector<api::Field>& env, const std::vector<std::string>& args) {
  return run_to_exit(env, args, ApiBuild::kProduction);
}

}  // namespace ebill::test
