// Sends one e-mail through an SMTP server with libcurl: smtp:// upgrades
// with STARTTLS (refusing a server that does not offer it), smtps:// speaks
// TLS from the start; the server's certificate is always verified. Blocking;
// never logs.
#ifndef EBILL_COMMON_NOTIFY_SMTP_SEND_H_
#define EBILL_COMMON_NOTIFY_SMTP_SEND_H_

#include <atomic>
#include <string>

#include "common/notify/http_request.h"

namespace ebill::notify {

// "" when the server accepted the message for every recipient; otherwise
// the reason (libcurl's text: no URL, user or password). At most
// `timeout_s` seconds; gives up once `*abort` (if given) turns true.
std::string smtp_send(const MailRequest& mail, int timeout_s,
                      const std::atomic<bool>* abort = nullptr);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_SMTP_SEND_H_
