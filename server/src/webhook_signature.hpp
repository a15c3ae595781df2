#pragma once
// Standard Webhooks 1.0 signing (https://www.standardwebhooks.com, "Signature scheme"): the
// receiver checks HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the endpoint's
// shared secret, which operators hand around as "whsec_<base64>".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ketascreen::server {

// The key bytes of a "whsec_<base64>" secret (surrounding whitespace, e.g. the newline a file
// ends with, is ignored); nullopt with `problem` in plain words when it cannot be used.
std::optional<std::vector<unsigned char>> parse_webhook_secret(std::string_view text, std::string& problem);

// The value of the webhook-signature header: "v1," + base64(HMAC-SHA256(secret, id.timestamp.body)).
std::string webhook_signature(const std::vector<unsigned char>& secret, std::string_view webhook_id,
                              std::int64_t timestamp_seconds, std::string_view body);

}  // namespace ketascreen::server
