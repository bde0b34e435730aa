// What a channel sends: one HTTP POST, or one e-mail over SMTP. Plain data;
// both hold secrets (URLs, tokens, passwords): never log them.
#ifndef EBILL_COMMON_NOTIFY_HTTP_REQUEST_H_
#define EBILL_COMMON_NOTIFY_HTTP_REQUEST_H_

#include <string>
#include <variant>
#include <vector>

namespace ebill::notify {

// Always a POST.
struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::string ca_file;               // PEM CA bundle; empty = the system store
};

struct MailRequest {
  std::string url;       // smtp://host[:port] (STARTTLS required) or smtps:// (TLS)
  std::string user;      // empty = no AUTH
  std::string password;
  std::string from;      // envelope sender
  std::vector<std::string> to;  // envelope recipients
  std::string message;   // the whole RFC 5322 message, CRLF line ends
  std::string ca_file;   // PEM CA bundle; empty = the system store
};

using ChannelRequest = std::variant<HttpRequest, MailRequest>;

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_HTTP_REQUEST_H_
