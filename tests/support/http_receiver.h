// A real HTTP/1.1 server on 127.0.0.1 for tests of outgoing requests: it
// records every request and answers with a chosen status and body, or
// hangs (holds the request unanswered) until released. One thread per
// connection; the connection is closed after each answer.
#ifndef EBILL_TESTS_SUPPORT_HTTP_RECEIVER_H_
#define EBILL_TESTS_SUPPORT_HTTP_RECEIVER_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ebill::test {

struct ReceivedRequest {
  std::string method;
  std::string target;                          // path and query
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& lower_name) const;  // "" when absent
};

class HttpReceiver {
 public:
  HttpReceiver();   // listens on an ephemeral port of 127.0.0.1
  ~HttpReceiver();  // releases hanging requests, closes, joins
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  // How the next requests are answered (default 200 with `{"code":0}`).
  void respond(int status, std::string body);
  // From now on every request is recorded, then left unanswered until
  // release() (then answered as respond() says) or the receiver stops.
  void hang();
  void release();

  std::vector<ReceivedRequest> requests() const;
  // Waits until at least `n` requests were recorded; false on timeout.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  void serve(int fd);

  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::vector<ReceivedRequest> requests_;
  int status_ = 200;
  std::string body_ = "{\"code\":0}";
  bool hang_ = false;
  bool stop_ = false;
  std::thread acceptor_thread_;
  std::vector<std::thread> connections_;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_HTTP_RECEIVER_H_
