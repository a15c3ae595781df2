#include "crypto.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ketascreen::server {
namespace {

constexpr const char* kKeyFileTag = "ketascreen-key-v1 ";
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "ketascrn";

std::vector<unsigned char> derive(const std::vector<unsigned char>& master, uint64_t id, size_t bytes) {
  std::vector<unsigned char> out(bytes);
  crypto_kdf_derive_from_key(out.data(), out.size(), id, kKdfContext, master.data());
  return out;
}

}  // namespace

bool crypto_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string KeyRing::create_file(const std::string& path) {
  if (!crypto_ready()) return "libsodium did not start";
  std::vector<unsigned char> key(crypto_kdf_KEYBYTES);
  randombytes_buf(key.data(), key.size());
  // O_EXCL: never replace a key, which would make every stored referral unreadable.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return "cannot create key file '" + path + "': " + std::strerror(errno);
  std::string text = kKeyFileTag + base64_encode(key) + "\n";
  sodium_memzero(key.data(), key.size());
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(text.data(), text.size());
  return written ? "" : "cannot write key file '" + path + "'";
}

std::optional<KeyRing> KeyRing::load_file(const std::string& path, std::string& error) {
  if (!crypto_ready()) {
    error = "libsodium did not start";
    return std::nullopt;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error = "cannot read key file '" + path + "': " + std::strerror(errno) + " (create it with 'ketascreen-server init')";
    return std::nullopt;
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    std::ostringstream mode;
    mode << std::oct << (st.st_mode & 0777);
    error = "key file '" + path + "' can be read by others (mode " + mode.str() + "): chmod 600 it";
    return std::nullopt;
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  if (line.rfind(kKeyFileTag, 0) != 0) {
    error = "key file '" + path + "' is not a KetaScreen key file";
    return std::nullopt;
  }
  auto key = base64_decode(line.substr(std::strlen(kKeyFileTag)));
  sodium_memzero(line.data(), line.size());
  if (!key || key->size() != crypto_kdf_KEYBYTES) {
    error = "key file '" + path + "' is damaged (expected " + std::to_string(crypto_kdf_KEYBYTES) + " bytes of key)";
    return std::nullopt;
  }
  KeyRing ring = from_bytes(*key);
  sodium_memzero(key->data(), key->size());
  return ring;
}

KeyRing KeyRing::from_bytes(const std::vector<unsigned char>& key) {
  crypto_ready();
  KeyRing ring;
  ring.seal_key_ = derive(key, 1, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  ring.mac_key_ = derive(key, 2, crypto_generichash_KEYBYTES);
  return ring;
}

Blob KeyRing::seal(std::string_view plaintext, std::string_view context) const {
  Blob out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                             nullptr, out.data(), seal_key_.data());
  out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
  return out;
}

std::optional<std::string> KeyRing::open(const Blob& sealed, std::string_view context) const {
  const size_t header = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (sealed.size() < header + crypto_aead_xchacha20poly1305_ietf_ABYTES) return std::nullopt;
  std::string out(sealed.size() - header, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &length, nullptr,
                                                 sealed.data() + header, sealed.size() - header,
                                                 reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                                 sealed.data(), seal_key_.data()) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string KeyRing::mac(std::string_view purpose, std::string_view data) const {
  unsigned char digest[32];
  crypto_generichash_state state;
  crypto_generichash_init(&state, mac_key_.data(), mac_key_.size(), sizeof digest);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
  const unsigned char zero = 0;  // separates purpose from data
  crypto_generichash_update(&state, &zero, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::optional<std::string> hash_password(std::string_view password) {
  if (!crypto_ready()) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
  if (!crypto_ready() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_bytes(size_t bytes) {
  crypto_ready();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::string random_token(size_t bytes) {
  crypto_ready();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base64_encode(const std::vector<unsigned char>& data) {
  crypto_ready();
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
  crypto_ready();
  std::vector<unsigned char> out(text.size());
  size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string hmac_sha256_base64(const std::vector<unsigned char>& key, std::string_view message) {
  crypto_ready();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  std::vector<unsigned char> mac(crypto_auth_hmacsha256_BYTES);
  crypto_auth_hmacsha256_final(&state, mac.data());
  return base64_encode(mac);
}

}  // namespace ketascreen::server
