#include "totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "../crypto.hpp"
#include "../http_message.hpp"

namespace ketascreen::server {

std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message, sizeof message, mac, &length) ||
      length < 20)
    return "";
  // RFC 4226 5.3: dynamic truncation.
  int offset = mac[length - 1] & 0x0f;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

bool totp_matches(std::string_view secret, std::string_view code, std::int64_t unix_seconds) {
  if (code.size() != 6 || secret.empty()) return false;
  const std::int64_t step = unix_seconds / 30;
  bool match = false;
  for (std::int64_t s = step - 1; s <= step + 1; ++s)
    match |= equal_in_constant_time(hotp_code(secret, static_cast<std::uint64_t>(s)), code);
  return match;
}

std::string base32_encode(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string totp_uri(const std::string& issuer, const std::string& account, std::string_view secret) {
  return "otpauth://totp/" + url_encode(issuer) + ":" + url_encode(account) + "?secret=" + base32_encode(secret) +
         "&issuer=" + url_encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace ketascreen::server
