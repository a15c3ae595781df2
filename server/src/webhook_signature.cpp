#include "webhook_signature.hpp"

#include "crypto.hpp"

namespace ketascreen::server {
namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
// The spec asks for 24 to 64 random bytes; a shorter key would make signatures guessable.
constexpr size_t kMinSecretBytes = 24;
constexpr size_t kMaxSecretBytes = 64;

std::string_view trimmed(std::string_view text) {
  const char* space = " \t\r\n";
  size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

std::optional<std::vector<unsigned char>> parse_webhook_secret(std::string_view text, std::string& problem) {
  std::string_view secret = trimmed(text);
  if (secret.empty()) {
    problem = "the secret file is empty";
    return std::nullopt;
  }
  if (secret.substr(0, kSecretPrefix.size()) != kSecretPrefix) {
    problem = "the secret does not start with whsec_ (expected whsec_ followed by base64)";
    return std::nullopt;
  }
  auto key = base64_decode(secret.substr(kSecretPrefix.size()));
  if (!key) {
    problem = "the part after whsec_ is not valid base64";
    return std::nullopt;
  }
  if (key->size() < kMinSecretBytes || key->size() > kMaxSecretBytes) {
    problem = "the secret holds " + std::to_string(key->size()) + " bytes; Standard Webhooks asks for " +
              std::to_string(kMinSecretBytes) + " to " + std::to_string(kMaxSecretBytes);
    return std::nullopt;
  }
  return key;
}

std::string webhook_signature(const std::vector<unsigned char>& secret, std::string_view webhook_id,
                              std::int64_t timestamp_seconds, std::string_view body) {
  std::string signed_content;
  signed_content.reserve(webhook_id.size() + body.size() + 24);
  signed_content.append(webhook_id).append(".").append(std::to_string(timestamp_seconds)).append(".").append(body);
  return "v1," + hmac_sha256_base64(secret, signed_content);
}

}  // namespace ketascreen::server
