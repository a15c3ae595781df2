// Fuzzes the referral form: what a visitor types into name, phone, email and ZIP, the contact time
// and consent, and the request built from them. Input: the fields separated by NUL bytes
// (name, phone, email, zip, preferred_time, then one byte of options and eight bytes of time).
// Checks: normalised phones and ZIPs have their documented shape and normalise to themselves;
// at most one error per field, in form order; the payload is built exactly when the form is valid,
// carries the normalised values, and its JSON text reads back unchanged; ids and times have their
// documented shape.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "ketascreen/example_answers.hpp"
#include "ketascreen/referral.hpp"

using namespace ketascreen;

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_phone(std::string_view text) {
  auto phone = normalize_us_phone(text);
  if (!phone) return;
  const std::string& p = *phone;
  if (p.size() != 12 || p.compare(0, 2, "+1") != 0 || !digits(p.substr(2)) || p[2] < '2' || p[5] < '2') std::abort();
  if (normalize_us_phone(p) != phone) std::abort();  // idempotent: the clinic may feed it back
}

void check_zip(std::string_view text) {
  auto zip = normalize_zip(text);
  if (!zip) return;
  if (zip->size() != 5 || !digits(*zip) || normalize_zip(*zip) != zip) std::abort();
}

void check_email(std::string_view text) {
  if (!is_valid_email(text)) return;
  if (text.empty() || text.size() > 254 || text.find('@') == std::string_view::npos ||
      text.find('@') != text.rfind('@') || text.find(' ') != std::string_view::npos)
    std::abort();
}

// Days from civil (Howard Hinnant), independent of the code under test.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Years 0000-9999, the range RFC 3339 can write (the host passes Date.now()).
void check_time(uint64_t bits) {
  constexpr int64_t kMin = -62167219200000;  // 0000-01-01T00:00:00Z
  constexpr int64_t kMax = 253402300799999;  // 9999-12-31T23:59:59.999Z
  const int64_t ms = kMin + static_cast<int64_t>(bits % static_cast<uint64_t>(kMax - kMin + 1));
  const std::string t = format_rfc3339(ms);
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') std::abort();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (t[i] < '0' || t[i] > '9') std::abort();
  auto num = [&](size_t at, size_t n) { return std::stoll(t.substr(at, n)); };
  const int64_t seconds = days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2))) * 86400 +
                          num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
  const int64_t floor_seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  if (seconds != floor_seconds) std::abort();
}

void check_uuid(const std::array<uint8_t, 16>& bytes) {
  const std::string u = uuid_v4(bytes);
  if (u.size() != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-' || u[14] != '4') std::abort();
  if (u[19] != '8' && u[19] != '9' && u[19] != 'a' && u[19] != 'b') std::abort();
  for (char c : u)
    if (c != '-' && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ContentBundle& bundle = fuzz_support::extended_bundle();
  static const std::vector<Persona> personas = example_personas(bundle.screening);

  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;
  while (fields.size() < 5) {
    auto nul = in.find('\0');
    fields.emplace_back(in.substr(0, nul));
    in = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  }
  uint8_t options = in.empty() ? 0 : static_cast<uint8_t>(in[0]);
  if (!in.empty()) in.remove_prefix(1);
  uint64_t time_bits = 0;
  if (!in.empty()) std::memcpy(&time_bits, in.data(), std::min<size_t>(in.size(), sizeof time_bits));

  ReferralDraft draft;
  draft.name = fields[0];
  draft.phone = fields[1];
  draft.email = fields[2];
  draft.zip = fields[3];
  draft.preferred_time = fields[4];
  draft.consent = (options & 1) != 0;
  if (options & 2) draft.consent_given_at = "2026-11-23T14:10:00Z";
  static const char* kLocales[] = {"en", "es", "fr", ""};
  const std::string locale = kLocales[(options >> 2) & 3];

  for (const auto& f : fields) {
    check_phone(f);
    check_zip(f);
    check_email(f);
  }
  check_time(time_bits);
  std::array<uint8_t, 16> random{};
  for (size_t i = 0; i < random.size() && i < size; ++i) random[i] = data[size - 1 - i];
  check_uuid(random);

  const auto errors = validate_referral(draft, bundle.clinic, locale);
  for (size_t i = 0; i < errors.size(); ++i) {
    if (errors[i].message.empty()) std::abort();
    if (i > 0 && !(static_cast<int>(errors[i - 1].field) < static_cast<int>(errors[i].field))) std::abort();
  }

  // The answers: one of the made-up visitors (every outcome, including those with no referral).
  if (personas.empty()) std::abort();
  const Persona& persona = personas[(options >> 4) % personas.size()];
  const ReferralContext context{uuid_v4(random), format_rfc3339(1795443131000), locale};
  auto payload = build_referral_payload(bundle, persona.answers, draft, context);
  const bool offered = persona.outcome != Outcome::UrgentHelp && persona.outcome != Outcome::Incomplete;
  if (payload.ok() != (offered && errors.empty())) std::abort();
  if (!payload) {
    for (const auto& e : payload.errors())
      if (e.message.empty() || e.path.empty()) std::abort();
    return 0;
  }
  const json::Value& p = payload.value();
  const json::Value* contact = p.find("contact");
  if (!contact || !contact->find("zip") || !contact->find("name")) std::abort();
  if (const json::Value* phone = contact->find("phone"))
    if (!phone->is_string() || normalize_us_phone(phone->as_string()) != phone->as_string()) std::abort();
  if (*normalize_zip(contact->find("zip")->as_string()) != contact->find("zip")->as_string()) std::abort();
  const std::string text = json::serialize(p);
  auto back = json::parse(text, {"payload.json"});
  if (!back || back.value() != p) std::abort();
  return 0;
}
