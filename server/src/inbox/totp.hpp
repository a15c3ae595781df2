#pragma once
// The optional second factor: time-based one-time passwords (RFC 6238, HMAC-SHA1, 30 s, 6 digits),
// the kind every authenticator app reads from an otpauth:// link.

#include <cstdint>
#include <string>
#include <string_view>

namespace ketascreen::server {

// The code for `secret` (raw bytes) at step `counter` (RFC 4226 HOTP), `digits` long.
std::string hotp_code(std::string_view secret, std::uint64_t counter, int digits = 6);
// Whether `code` is the code of now or of the step before or after (clocks drift).
bool totp_matches(std::string_view secret, std::string_view code, std::int64_t unix_seconds);
// RFC 4648 base32 without padding, as authenticator apps expect the secret.
std::string base32_encode(std::string_view bytes);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=...
std::string totp_uri(const std::string& issuer, const std::string& account, std::string_view secret);

}  // namespace ketascreen::server
