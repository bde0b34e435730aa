#include "tests/cluster/api_poller.h"

#include <cstdio>
#include <exception>

#include "tests/support/http_client.h"

namespace ebill::test {

ApiPoller::ApiPoller(const std::vector<int>& ports, std::vector<std::string> targets,
                     std::chrono::milliseconds pause)
    : targets_(std::move(targets)), pause_(pause), answers_(ports.size()) {
  for (std::size_t i = 0; i < ports.size(); ++i) {
    threads_.emplace_back([this, i, port = ports[i]] { poll(i, port); });
  }
}

ApiPoller::~ApiPoller() { stop(); }

void ApiPoller::stop() {
  stopping_ = true;
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::vector<PolledAnswer> ApiPoller::answers(std::size_t index) const {
  std::lock_guard<std::mutex> lock(mu_);
  return answers_.at(index);
}

void ApiPoller::poll(std::size_t index, int port) {
  for (std::size_t n = 0; !stopping_; ++n) {
    PolledAnswer a;
    a.target = targets_[n % targets_.size()];
    try {
      const HttpResponse r = get(port, a.target);
      a.status = r.status;
      a.detail = r.body.substr(0, 160);
    } catch (const std::exception& e) {
      a.detail = e.what();
    }
    a.at = std::chrono::steady_clock::now();
    {
      std::lock_guard<std::mutex> lock(mu_);
      answers_[index].push_back(std::move(a));
    }
    std::this_thread::sleep_for(pause_);
  }
}

std::string describe(const std::vector<PolledAnswer>& answers,
                     std::chrono::steady_clock::time_point t0) {
  std::string out;
  for (const PolledAnswer& a : answers) {
    char when[32];
    std::snprintf(when, sizeof when, "+%.3fs ",
                  std::chrono::duration<double>(a.at - t0).count());
    out += when + std::to_string(a.status) + " " + a.target + " " + a.detail + "\n";
  }
  return out;
}

}  // namespace ebill::test
