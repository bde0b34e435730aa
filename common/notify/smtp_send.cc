#include "common/notify/smtp_send.h"

#include <algorithm>
#include <cstring>

#include "common/fetch/error_text.h"
#include "common/notify/curl_transfer.h"

namespace ebill::notify {

namespace {

struct Upload {
  const std::string* text;
  std::size_t at = 0;
};

std::size_t on_read(char* out, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t count = std::min(size * n, up->text->size() - up->at);
  std::memcpy(out, up->text->data() + up->at, count);
  up->at += count;
  return count;
}

std::vector<std::string> bracketed(const std::vector<std::string>& addresses) {
  std::vector<std::string> out;
  for (const std::string& a : addresses) out.push_back("<" + a + ">");
  return out;
}

}  // namespace

std::string smtp_send(const MailRequest& mail, int timeout_s, const std::atomic<bool>* abort) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return "curl_easy_init failed";
  CURL* c = curl.get();
  const std::string from = "<" + mail.from + ">";
  const CurlList rcpt = curl_list(bracketed(mail.to));
  Upload upload{&mail.message};
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!mail.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, mail.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, mail.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.message.size()));
  return scrub_error_text(perform_transfer(c, mail.url, timeout_s, abort, mail.ca_file),
                          mail.password, "***");
}

}  // namespace ebill::notify
