#include "tests/support/mosquitto_broker.h"

#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

namespace ebill::test {

namespace {

constexpr const char* kBroker = "/usr/sbin/mosquitto";

std::string shell_word(const std::string& s) { return "'" + s + "'"; }  // test paths/words only

}  // namespace


MosquittoBroker::MosquittoBroker(const BrokerOptions& options)
    : login_(options.login), tls_(options.tls) {
  if (access(kBroker, X_OK) != 0) {
    throw std::runtime_error("mosquitto is not installed (scripts/bootstrap installs it)");
  }
  char tmpl[] = "/tmp/ebill-mqtt-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  port_ = options.port != 0 ? options.port : free_loopback_port();
  if (tls_) make_certificates();
  {
    std::ofstream conf(dir_ + "/mosquitto.conf");
    // As root mosquitto would drop to user `mosquitto`, which cannot read
    // this directory: stay the user running the test.
    const passwd* me = getpwuid(getuid());
    conf << "user " << (me != nullptr ? me->pw_name : "root") << "\n"
         << "listener " << port_ << " 127.0.0.1\n"
         << "persistence false\n"
         << "log_dest file " << dir_ << "/mosquitto.log\n"
         << "log_type all\n";
    if (tls_) {
      conf << "cafile " << dir_ << "/ca.pem\ncertfile " << dir_ << "/server.pem\nkeyfile "
           << dir_ << "/server.key\n";
    }
    if (login_) {
      conf << "allow_anonymous false\npassword_file " << dir_ << "/passwd\n";
    } else {
      conf << "allow_anonymous true\n";
    }
  }
  if (login_) {
    const std::string cmd = "mosquitto_passwd -b -c " + shell_word(dir_ + "/passwd") + " " +
                            shell_word(login_->user) + " " + shell_word(login_->password);
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("mosquitto_passwd failed");
  }
  pid_ = fork();
  if (pid_ == 0) {
    const std::string conf = dir_ + "/mosquitto.conf";
    if (FILE* err = std::fopen((dir_ + "/stderr.log").c_str(), "w")) dup2(fileno(err), 2);
    execl(kBroker, kBroker, "-c", conf.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {  // up to 10 s
    if (loopback_accepts(port_)) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop();
  throw std::runtime_error("mosquitto did not start on 127.0.0.1:" + std::to_string(port_));
}

MosquittoBroker::~MosquittoBroker() { stop(); }

void MosquittoBroker::make_certificates() const {
  const std::string d = shell_word(dir_);
  // A CA, and a server certificate it signs for 127.0.0.1 (CN and IP SAN).
  const std::string cmd =
      "cd " + d + " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=ebill-test-ca"
      " -keyout ca.key -out ca.pem 2>/dev/null"
      " && openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key"
      " -out server.csr 2>/dev/null"
      " && printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext"
      " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1"
      " -extfile san.ext -out server.pem 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl could not make the test certificates");
}

std::string MosquittoBroker::log() const {
  std::ifstream in(dir_ + "/mosquitto.log");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string MosquittoBroker::client_options() const {
  std::string o = " -h 127.0.0.1 -p " + std::to_string(port_);
  if (tls_) o += " --cafile " + shell_word(ca_file());
  if (login_) o += " -u " + shell_word(login_->user) + " -P " + shell_word(login_->password);
  return o;
}

void MosquittoBroker::publish(const std::string& topic, const std::string& payload,
                              bool retain) const {
  std::string cmd = "mosquitto_pub" + client_options() + " -q 1 -t " + shell_word(topic);
  cmd += payload.empty() ? " -n" : " -m " + shell_word(payload);
  if (retain) cmd += " -r";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("mosquitto_pub failed");
}

void MosquittoBroker::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
      gone = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!gone) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

std::map<std::string, std::string> MosquittoBroker::retained(const std::string& filter) const {
  const std::string cmd = "mosquitto_sub" + client_options() + " --retained-only -v -W 1 -t " +
                          shell_word(filter) + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) throw std::runtime_error("mosquitto_sub did not run");
  std::map<std::string, std::string> out;
  char* line = nullptr;
  size_t cap = 0;
  ssize_t n = 0;
  while ((n = getline(&line, &cap, p)) > 0) {
    std::string l(line, static_cast<std::size_t>(n));
    if (!l.empty() && l.back() == '\n') l.pop_back();
    const std::size_t space = l.find(' ');
    if (space == std::string::npos) out[l] = "";
    else out[l.substr(0, space)] = l.substr(space + 1);
  }
  free(line);
  pclose(p);
  return out;
}

}  // namespace ebill::test
