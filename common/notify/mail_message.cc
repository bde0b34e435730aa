#include "common/notify/mail_message.h"

#include <fmt/format.h>

#include <ctime>
#include <functional>

#include "common/notify/encoding.h"

namespace ebill::notify {

namespace {

// Bytes of UTF-8 per encoded word: 45 bytes make 60 base64 characters, so
// "=?UTF-8?B?...?=" stays within RFC 2047's 75.
constexpr std::size_t kWordBytes = 45;
constexpr std::size_t kBodyColumns = 76;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// RFC 2047 words for `text`, cut between UTF-8 characters, one per folded line.
std::string encoded_words(std::string_view text) {
  const std::string plain = header_text(text);
  if (plain == text) return plain;  // printable ASCII
  std::string out;
  while (!text.empty()) {
    std::size_t n = std::min(kWordBytes, text.size());
    while (n < text.size() && n > 0 && is_continuation(text[n])) --n;
    if (n == 0) n = std::min(kWordBytes, text.size());
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

std::string domain_of(const std::string& address) {
  const std::size_t at = address.rfind('@');
  return at == std::string::npos ? "ebill.local" : address.substr(at + 1);
}

// The body with CRLF line ends, base64 in lines of 76 characters.
std::string body_lines(const std::string& body) {
  std::string crlf;
  for (char c : body) {
    if (c == '\n' && (crlf.empty() || crlf.back() != '\r')) crlf += '\r';
    crlf += c;
  }
  const std::string encoded = base64(crlf);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += kBodyColumns) {
    out += encoded.substr(i, kBodyColumns) + "\r\n";
  }
  return out;
}

}  // namespace

std::string rfc5322_date(std::int64_t unix_s) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string mail_message(const std::string& from, const std::vector<std::string>& to,
                         const Notice& notice, std::int64_t unix_ms) {
  const std::size_t digest = std::hash<std::string>{}(
      notice.meter_no + '\n' + std::string(notice_kind_name(notice.kind)) + '\n' + notice.title +
      '\n' + notice.body);
  std::string m;
  m += "From: " + from + "\r\n";
  m += "To: " + fmt::format("{}", fmt::join(to, ", ")) + "\r\n";
  m += "Subject: " + encoded_words(notice.title) + "\r\n";
  m += "Date: " + rfc5322_date(unix_ms / 1000) + "\r\n";
  m += fmt::format("Message-ID: <{}.{:016x}@{}>\r\n", unix_ms, digest, domain_of(from));
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "X-Ebill-Kind: " + std::string(notice_kind_name(notice.kind)) + "\r\n";
  m += "\r\n";
  m += body_lines(notice.body);
  return m;
}

}  // namespace ebill::notify
