// A real SMTP server for tests of outgoing e-mail: Debian's chasquid, run
// from a fresh temporary directory on three ephemeral ports of 127.0.0.1
// (SMTP, submission with STARTTLS, submission over implicit TLS), with a
// self-signed certificate made by `openssl` for localhost and 127.0.0.1, and
// the local domain example.test. Every message it accepts is stored as one
// file. Throws std::runtime_error when it cannot start (chasquid or openssl
// missing: a failure, never a skip). Stopped (SIGTERM) and removed by the
// destructor. Not thread-safe; one per test.
#ifndef EBILL_TESTS_SUPPORT_SMTP_SERVER_H_
#define EBILL_TESTS_SUPPORT_SMTP_SERVER_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace ebill::test {

struct StoredMail {
  std::string recipient;  // the envelope recipient it was delivered to
  std::string text;       // the message as stored (chasquid adds Received: first)
};

class SmtpServer {
 public:
  // The account a client logs in with, and the mailboxes that exist.
  static constexpr const char* kUser = "ebill@example.test";
  static constexpr const char* kPassword = "pw-9f2c-smtp-secret";
  static constexpr const char* kOwner = "owner@example.test";
  static constexpr const char* kFamily = "family@example.test";

  SmtpServer();
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::string starttls_url() const;  // smtp://127.0.0.1:<submission port>
  std::string tls_url() const;       // smtps://127.0.0.1:<submission+TLS port>
  std::string ca_file() const;       // the certificate clients must trust

  // Messages delivered so far, oldest first.
  std::vector<StoredMail> mails() const;
  // Waits until at least `n` were delivered; false on timeout.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const;

 private:
  std::string dir_;
  int submission_port_ = 0;
  int tls_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_SMTP_SERVER_H_
