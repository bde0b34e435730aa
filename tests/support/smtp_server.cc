#include "tests/support/smtp_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "tests/support/loopback_port.h"
#include "tests/support/test_paths.h"

extern char** environ;

namespace ebill::test {

namespace fs = std::filesystem;

namespace {

// A string literal of chasquid's text-protobuf configuration.
std::string deliver_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void run(const std::string& command) {
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("smtp server: setup step failed: " + command);
  }
}

}  // namespace

SmtpServer::SmtpServer() {
  char tmpl[] = "/tmp/ebill-smtp-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("smtp server: mkdtemp failed");
  dir_ = tmpl;
  const std::string conf = dir_ + "/conf";
  fs::create_directories(conf + "/certs/localhost");
  fs::create_directories(conf + "/domains/example.test");
  fs::create_directories(dir_ + "/data");
  fs::create_directories(dir_ + "/mail/tmp");
  fs::create_directories(dir_ + "/mail/new");
  run(fmt::format(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout {0}/certs/localhost/privkey.pem "
      "-out {0}/certs/localhost/fullchain.pem >{1}/openssl.log 2>&1",
      conf, dir_));
  for (const char* user : {kUser, kOwner, kFamily}) {
    run(fmt::format("chasquid-util -C={} user-add {} --password={} >>{}/setup.log 2>&1", conf,
                    user, kPassword, dir_));
  }
  const int smtp_port = free_loopback_port();
  submission_port_ = free_loopback_port();
  tls_port_ = free_loopback_port();
  // Each accepted message becomes mail/new/<recipient>.<unique>.
  const std::string deliver =
      "f=$(mktemp \"$1/tmp/XXXXXXXX\") && cat > \"$f\" && mv \"$f\" \"$1/new/$2.$(date +%s%N)\"";
  std::ofstream(conf + "/chasquid.conf") << fmt::format(
      "hostname: \"localhost\"\n"
      "smtp_address: \"127.0.0.1:{}\"\n"
      "submission_address: \"127.0.0.1:{}\"\n"
      "submission_over_tls_address: \"127.0.0.1:{}\"\n"
      "data_dir: \"{}/data\"\n"
      "mail_delivery_agent_bin: \"/bin/sh\"\n"
      "mail_delivery_agent_args: \"-c\"\n"
      "mail_delivery_agent_args: \"{}\"\n"
      "mail_delivery_agent_args: \"sh\"\n"
      "mail_delivery_agent_args: \"{}/mail\"\n"
      "mail_delivery_agent_args: \"%to%\"\n"
      "mail_log_path: \"{}/mail.log\"\n",
      smtp_port, submission_port_, tls_port_, dir_, deliver_escaped(deliver), dir_, dir_);
  const std::string log = dir_ + "/chasquid.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const std::string config_flag = "-config_dir=" + conf;
  char* argv[] = {const_cast<char*>("chasquid"), const_cast<char*>(config_flag.c_str()),
                  const_cast<char*>("-alsologtostderr"), nullptr};
  const int rc = posix_spawnp(&pid_, "chasquid", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("smtp server: cannot start chasquid (is it installed?)");
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!(loopback_accepts(submission_port_) && loopback_accepts(tls_port_))) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("smtp server: chasquid exited: " + read_file(log));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("smtp server: chasquid did not listen in 15 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string SmtpServer::starttls_url() const {
  return fmt::format("smtp://127.0.0.1:{}", submission_port_);
}
std::string SmtpServer::tls_url() const { return fmt::format("smtps://127.0.0.1:{}", tls_port_); }
std::string SmtpServer::ca_file() const { return dir_ + "/conf/certs/localhost/fullchain.pem"; }

std::vector<StoredMail> SmtpServer::mails() const {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_ + "/mail/new", ec)) {
    const std::string name = e.path().filename().string();
    const std::size_t dot = name.rfind('.');
    files.emplace_back(name.substr(dot + 1), e.path());
  }
  std::sort(files.begin(), files.end());  // by delivery time (ns)
  std::vector<StoredMail> out;
  for (const auto& [stamp, path] : files) {
    const std::string name = path.filename().string();
    out.push_back({name.substr(0, name.rfind('.')), read_file(path.string())});
  }
  return out;
}

bool SmtpServer::wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (mails().size() < n) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace ebill::test
