#include "smtp_message.hpp"

#include <cstdio>
#include <ctime>

#include "crypto.hpp"

namespace ketascreen::server {
namespace {

bool has_line_break(const std::string& text) { return text.find_first_of("\r\n") != std::string::npos; }

// The domain of the From address, for Message-ID's right-hand side (RFC 5322 3.6.4 wants it
// globally unique; the sender's own domain plus a random id is).
std::string message_id_domain(const std::string& from) {
  auto address = envelope_address(from);
  if (!address) return "ketascreen.invalid";
  size_t at = address->rfind('@');
  std::string domain = at == std::string::npos ? "" : address->substr(at + 1, address->size() - at - 2);
  return domain.empty() ? "ketascreen.invalid" : domain;
}

// A mailbox for the From/To header. Header fields are ASCII (RFC 5322 2.2), so a display name
// such as "Clínica Harborlight" is sent as an RFC 2047 encoded word; the address stays as it is.
std::string header_mailbox(const std::string& mailbox) {
  bool ascii = true;
  for (unsigned char c : mailbox) ascii = ascii && c < 0x80;
  size_t open = mailbox.rfind('<');
  if (ascii || open == std::string::npos) return mailbox;
  std::string name = mailbox.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return "=?utf-8?B?" + base64_encode(std::vector<unsigned char>(name.begin(), name.end())) + "?= " +
         mailbox.substr(open);
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Plain words and the link, wrapped well under the 78-character line advice of RFC 5322 2.1.1.
std::string body_text(const std::string& inbox_url) {
  return "Hello,\r\n"
         "\r\n"
         "A new consultation request has arrived and is waiting in the inbox:\r\n"
         "\r\n" +
         inbox_url +
         "\r\n"
         "\r\n"
         "Sign in to read it. This email leaves out every detail of the request\r\n"
         "on purpose, so it is safe in any mailbox.\r\n"
         "\r\n"
         "(Sent automatically by ketascreen-server; replies are not read.)\r\n";
}

}  // namespace

std::string rfc5322_date(std::int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  // Day and month names are fixed English tokens in RFC 5322, so no locale-dependent strftime.
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[utc.tm_wday], utc.tm_mday,
                months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return out;
}

std::optional<std::string> envelope_address(const std::string& mailbox) {
  size_t open = mailbox.rfind('<');
  std::string address = mailbox;
  if (open != std::string::npos) {
    size_t close = mailbox.find('>', open);
    if (close == std::string::npos) return std::nullopt;
    address = mailbox.substr(open + 1, close - open - 1);
  }
  size_t first = address.find_first_not_of(" \t");
  size_t last = address.find_last_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  address = address.substr(first, last - first + 1);
  if (address.find('@') == std::string::npos || address.find_first_of(" \t\r\n<>,") != std::string::npos)
    return std::nullopt;
  return "<" + address + ">";
}

std::optional<std::string> compose_new_referral_email(const NewReferralEmail& email, std::string& problem) {
  if (email.to.empty()) {
    problem = "no recipient";
    return std::nullopt;
  }
  for (const std::string* field : {&email.from, &email.inbox_url, &email.event_id})
    if (has_line_break(*field)) {
      problem = "a line break in the sender, link or id";
      return std::nullopt;
    }
  for (const auto& to : email.to)
    if (has_line_break(to)) {
      problem = "a line break in a recipient address";
      return std::nullopt;
    }
  std::string message;
  message += "Date: " + rfc5322_date(email.now_ms) + "\r\n";
  std::vector<std::string> to;
  for (const auto& mailbox : email.to) to.push_back(header_mailbox(mailbox));
  message += "From: " + header_mailbox(email.from) + "\r\n";
  message += "To: " + joined(to, ", ") + "\r\n";
  message += std::string("Subject: ") + kNewReferralSubject + "\r\n";
  message += "Message-ID: <" + email.event_id + "@" + message_id_domain(email.from) + ">\r\n";
  // RFC 3834: tells autoresponders (out-of-office) not to answer a machine.
  message += "Auto-Submitted: auto-generated\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "\r\n";
  message += body_text(email.inbox_url);
  return message;
}

}  // namespace ketascreen::server
