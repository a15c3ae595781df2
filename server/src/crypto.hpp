#pragma once
// The server's secrets, all through libsodium: the key file, sealing of contact details, answers
// and notes (XChaCha20-Poly1305 with the record's id as associated data, so a sealed value cannot be
// moved to another record), keyed hashes, passwords (argon2id), random tokens and HMAC-SHA256 for
// webhook signatures.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql.hpp"

namespace ketascreen::server {

// Whether libsodium started; every other function here needs it.
bool crypto_ready();

class KeyRing {
 public:
  // Writes a new key file (mode 0600, refusing to overwrite one). Error text or "".
  static std::string create_file(const std::string& path);
  // Reads the key file; refuses one that others can read. Error text in `error`.
  static std::optional<KeyRing> load_file(const std::string& path, std::string& error);
  // For tests: a ring from 32 bytes of key material.
  static KeyRing from_bytes(const std::vector<unsigned char>& key);

  // nonce || ciphertext of `plaintext`, bound to `context` (e.g. "referral:<id>").
  Blob seal(std::string_view plaintext, std::string_view context) const;
  // The plaintext, or nullopt when the value was altered, sealed with another key or for another context.
  std::optional<std::string> open(const Blob& sealed, std::string_view context) const;
  // Hex keyed hash (BLAKE2b) of `data` under a purpose-bound subkey; used where equality must be
  // checked without keeping the data (request bodies, session tokens).
  std::string mac(std::string_view purpose, std::string_view data) const;

 private:
  std::vector<unsigned char> seal_key_;
  std::vector<unsigned char> mac_key_;
};

// argon2id (libsodium's crypto_pwhash_str, interactive limits) and its check.
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// `bytes` random bytes, raw (secrets that are sealed before they are kept, e.g. TOTP).
std::string random_bytes(size_t bytes);
// `bytes` random bytes as unpadded base64url (URL- and cookie-safe).
std::string random_token(size_t bytes = 32);
// Constant-time comparison of two strings (CSRF tokens, signatures).
bool equal_in_constant_time(std::string_view a, std::string_view b);

std::string base64_encode(const std::vector<unsigned char>& data);
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text);
// HMAC-SHA256 of `message` under `key`, as standard base64 (Standard Webhooks signatures).
std::string hmac_sha256_base64(const std::vector<unsigned char>& key, std::string_view message);

}  // namespace ketascreen::server
