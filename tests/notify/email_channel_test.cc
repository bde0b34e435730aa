// The e-mail channel against a real SMTP server (chasquid) on loopback:
// STARTTLS and implicit TLS with a test certificate, login, the stored
// message's headers and body, and failures that name no secret.
#include <catch2/catch.hpp>

#include <algorithm>

#include "common/notify/channel_request.h"
#include "common/notify/dispatcher.h"
#include "common/notify/encoding.h"
#include "common/notify/mail_message.h"
#include "tests/notify/notify_fixture.h"
#include "tests/support/smtp_server.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::SmtpServer;
using ebill::test::StoredMail;

namespace {

const Notice kNotice{"19501609994", NoticeKind::kLowBalance, "余额不足: 剩余 9.99 度（5-1-501 的电表）",
                     "5-1-501 当前余额 9.99 度\n请及时充值。"};

NotifyTarget mail_target(const std::string& url) {
  NotifyTarget t;
  t.type = ChannelType::kEmail;
  t.url = url;
  t.user = SmtpServer::kUser;
  t.password = SmtpServer::kPassword;
  t.from = SmtpServer::kUser;
  t.to = {SmtpServer::kOwner, SmtpServer::kFamily};
  return t;
}

NotifySettings trusting(const SmtpServer& server) {
  NotifySettings s;
  s.ca_file = server.ca_file();
  return s;
}

std::string send(const NotifyTarget& t, const NotifySettings& s) {
  std::string why;
  deliver_once(make_delivery(t, kNotice, s), 10, nullptr, &why);
  return why;
}

// The text with LF line ends (the server hands messages on with LF).
std::string lf(std::string text) {
  std::erase(text, '\r');
  return text;
}

// A header's value (unfolded), "" when absent.
std::string header(const std::string& crlf_text, const std::string& name) {
  const std::string text = lf(crlf_text);
  const std::size_t end = text.find("\n\n");
  REQUIRE(end != std::string::npos);
  std::string head = text.substr(0, end);
  std::string value;
  bool in = false;
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t eol = head.find('\n', pos);
    if (eol == std::string::npos) eol = head.size();
    const std::string line = head.substr(pos, eol - pos);
    if (in && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line.substr(1);
    } else if (in) {
      break;
    } else if (line.rfind(name + ": ", 0) == 0) {
      value = line.substr(name.size() + 2);
      in = true;
    }
    pos = eol + 1;
  }
  return value;
}

std::string body_of(const std::string& text) {
  const std::size_t end = lf(text).find("\n\n");
  REQUIRE(end != std::string::npos);
  return lf(text).substr(end + 2);
}


std::string openssl_base64_decode(std::string b64) {
  std::erase_if(b64, [](char c) { return c == '\r' || c == '\n'; });
  return test::output_of("openssl base64 -d -A -in {in}", b64 + "\n");
}

void check_message(const StoredMail& m, const std::string& over) {
  INFO(m.text);
  CHECK(m.text.find(over) != std::string::npos);  // chasquid's Received: line
  CHECK(header(m.text, "From") == SmtpServer::kUser);
  CHECK(header(m.text, "To") == std::string(SmtpServer::kOwner) + ", " + SmtpServer::kFamily);
  CHECK(header(m.text, "MIME-Version") == "1.0");
  CHECK(header(m.text, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(header(m.text, "Content-Transfer-Encoding") == "base64");
  CHECK(header(m.text, "X-Ebill-Kind") == "low_balance");
  const std::string id = header(m.text, "Message-ID");
  CHECK(id.front() == '<');
  CHECK(id.find("@example.test>") != std::string::npos);
  CHECK(header(m.text, "Date").find(" +0000") != std::string::npos);
  // Subject: several encoded words (the title is longer than one word holds),
  // each decodable on its own; together the title.
  const std::string subject = header(m.text, "Subject");
  std::string title;
  for (std::size_t at = subject.find("=?UTF-8?B?"); at != std::string::npos;
       at = subject.find("=?UTF-8?B?", at + 1)) {
    const std::size_t end = subject.find("?=", at + 10);
    REQUIRE(end != std::string::npos);
    CHECK(end + 2 - at <= 75);
    title += openssl_base64_decode(subject.substr(at + 10, end - at - 10));
  }
  CHECK(title == kNotice.title);
  const std::string body_b64 = body_of(m.text);
  CHECK(body_b64.find('\n') <= 76);
  CHECK(openssl_base64_decode(body_b64) == "5-1-501 当前余额 9.99 度\r\n请及时充值。");
}

}  // namespace

TEST_CASE("email: smtp:// sends with STARTTLS and login to every recipient", "[notify][email]") {
  SmtpServer server;
  CHECK(send(mail_target(server.starttls_url()), trusting(server)).empty());
  REQUIRE(server.wait_for(2, test::kPatience));
  const auto mails = server.mails();
  REQUIRE(mails.size() == 2);
  std::vector<std::string> to{mails[0].recipient, mails[1].recipient};
  std::sort(to.begin(), to.end());
  CHECK(to == std::vector<std::string>{SmtpServer::kFamily, SmtpServer::kOwner});
  for (const StoredMail& m : mails) check_message(m, "over submission, TLS-1.");
  CHECK(mails[0].text.find("with ESMTPSA") != std::string::npos);  // authenticated, TLS
}

TEST_CASE("email: smtps:// sends over implicit TLS", "[notify][email]") {
  SmtpServer server;
  NotifyTarget t = mail_target(server.tls_url());
  t.to = {SmtpServer::kOwner};
  CHECK(send(t, trusting(server)).empty());
  REQUIRE(server.wait_for(1, test::kPatience));
  const StoredMail m = server.mails().at(0);
  CHECK(m.recipient == SmtpServer::kOwner);
  CHECK(m.text.find("over submission+TLS, TLS-1.") != std::string::npos);
  CHECK(header(m.text, "To") == SmtpServer::kOwner);
}

TEST_CASE("email: failures give a reason without the password and deliver nothing",
          "[notify][email]") {
  SmtpServer server;
  SECTION("wrong password") {
    NotifyTarget t = mail_target(server.starttls_url());
    t.password = "wrong-pw-3b7e-never-logged";
    const std::string why = send(t, trusting(server));
    INFO(why);
    CHECK_FALSE(why.empty());
    CHECK(why.find("wrong-pw-3b7e-never-logged") == std::string::npos);
  }
  SECTION("a certificate the client does not trust") {
    const std::string why = send(mail_target(server.tls_url()), NotifySettings{});
    INFO(why);
    CHECK(why.find("certificate") != std::string::npos);
    CHECK(why.find(SmtpServer::kPassword) == std::string::npos);
  }
  SECTION("an unknown recipient") {
    NotifyTarget t = mail_target(server.starttls_url());
    t.to = {"nobody@example.test"};
    const std::string why = send(t, trusting(server));
    INFO(why);
    CHECK_FALSE(why.empty());
  }
  SECTION("no server") {
    NotifyTarget t = mail_target("smtp://127.0.0.1:1");
    t.url = "smtps://" + std::string(SmtpServer::kUser) + ":" + SmtpServer::kPassword + "@127.0.0.1:1";
    const std::string why = send(t, trusting(server));
    INFO(why);
    CHECK_FALSE(why.empty());
    CHECK(why.find(SmtpServer::kPassword) == std::string::npos);
  }
  CHECK(server.mails().empty());
}

TEST_CASE("email: Date is RFC 5322 in UTC", "[notify][email]") {
  CHECK(rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(rfc5322_date(1796120484) == "Tue, 01 Dec 2026 10:21:24 +0000");
  const std::string m = mail_message("a@b.example", {"c@d.example"}, Notice{"1", NoticeKind::kTest, "ascii title", "x"}, 0);
  CHECK(header(m, "Subject") == "ascii title");
  // CRLF everywhere, no bare LF.
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') REQUIRE((i > 0 && m[i - 1] == '\r'));
  }
  CHECK(m.find("\r\n\r\neA==\r\n") != std::string::npos);  // base64 of "x"
}
