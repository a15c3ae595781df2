#include "ketascreen/referral.hpp"
#include "ketascreen/json_reader.hpp"

#include <algorithm>
#include <cstdio>

#include "ketascreen/content_json.hpp"
#include "ketascreen/fhir.hpp"
#include "ketascreen/ui_text.hpp"
#include "ketascreen/utf8.hpp"

namespace ketascreen {
namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters (code points) of UTF-8 text: names in Spanish have accents, which take two bytes.
size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm), so no time-zone library is needed.
void civil_from_days(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

}  // namespace

std::string_view to_string(ReferralField field) {
  switch (field) {
    case ReferralField::Name: return "name";
    case ReferralField::Phone: return "phone";
    case ReferralField::Email: return "email";
    case ReferralField::Zip: return "zip";
    case ReferralField::PreferredTime: return "preferred_time";
    case ReferralField::Consent: return "consent";
  }
  return "?";
}

std::optional<std::string> normalize_us_phone(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (is_digit(c)) digits += c;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') return std::nullopt;
  }
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  if (digits.size() != 10) return std::nullopt;
  // North American Numbering Plan: area code and exchange start with 2-9.
  if (digits[0] < '2' || digits[3] < '2') return std::nullopt;
  return "+1" + digits;
}

bool is_valid_email(std::string_view text) {
  if (text.size() > 254 || text.empty() || !is_valid_utf8(text)) return false;
  auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = text.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  if (domain.find("..") != std::string_view::npos) return false;
  // No control characters either: an address goes into mail headers (a provider's intake address).
  return std::none_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == '<' || c == '>' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

std::optional<std::string> normalize_zip(std::string_view text) {
  if (text.size() != 5 && text.size() != 10) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 5) {
      if (text[i] != '-') return std::nullopt;
    } else if (!is_digit(text[i])) {
      return std::nullopt;
    }
  }
  return std::string(text.substr(0, 5));
}

std::vector<FieldError> validate_referral(const ReferralDraft& draft, const Clinic& clinic, std::string_view locale) {
  std::vector<FieldError> errors;
  auto add = [&](ReferralField f, std::string_view key) { errors.push_back({f, std::string(ui_text(key, locale))}); };
  std::string name = trim(draft.name), phone = trim(draft.phone), email = trim(draft.email), zip = trim(draft.zip);
  // Bytes that are not UTF-8 cannot go into the payload's JSON (no keyboard types them; a script might).
  if (name.empty() || !is_valid_utf8(name)) add(ReferralField::Name, "referral.name_required");
  else if (utf8_length(name) > 100) add(ReferralField::Name, "referral.name_too_long");
  if (phone.empty() && email.empty()) {
    add(ReferralField::Phone, "referral.contact_required");
  } else {
    if (!phone.empty() && !normalize_us_phone(phone)) add(ReferralField::Phone, "referral.phone_invalid");
    if (!email.empty() && !is_valid_email(email)) add(ReferralField::Email, "referral.email_invalid");
  }
  if (!normalize_zip(zip)) add(ReferralField::Zip, "referral.zip_invalid");
  const auto& times = clinic.referral.contact_times;
  bool known_time = std::any_of(times.begin(), times.end(), [&](const ChoiceOption& o) { return o.id == draft.preferred_time; });
  if (!known_time) add(ReferralField::PreferredTime, "referral.time_required");
  if (!draft.consent) add(ReferralField::Consent, "referral.consent_required");
  return errors;
}

std::string uuid_v4(std::array<uint8_t, 16> b) {
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0xF];
  }
  return out;
}

std::string format_rfc3339(int64_t unix_ms) {
  int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return buf;
}

Result<json::Value> build_referral_payload(const ContentBundle& bundle, const Answers& answers,
                                           const ReferralDraft& draft, const ReferralContext& context) {
  Diagnostics problems;
  Evaluation evaluation = evaluate(bundle.screening, answers);
  if (evaluation.outcome == Outcome::UrgentHelp || evaluation.outcome == Outcome::Incomplete) {
    std::string key = evaluation.outcome == Outcome::UrgentHelp ? "referral.not_offered_urgent" : "referral.not_offered_incomplete";
    problems.push_back({DiagnosticLevel::Error, "", 0, "screening", std::string(ui_text(key, context.locale))});
    return Result<json::Value>::failure(problems);
  }
  for (const auto& e : validate_referral(draft, bundle.clinic, context.locale))
    problems.push_back({DiagnosticLevel::Error, "", 0, std::string(to_string(e.field)), e.message});
  if (bundle.network.empty() && !draft.provider.empty())
    problems.push_back({DiagnosticLevel::Error, "", 0, "provider", "this clinic has no provider network to choose from"});
  else if (!bundle.network.empty() && !draft.provider.empty() && draft.provider != kNearestProvider &&
           !detail::is_valid_id(draft.provider))
    problems.push_back({DiagnosticLevel::Error, "", 0, "provider", "expected a provider id or \"nearest\""});
  if (!problems.empty()) return Result<json::Value>::failure(problems);

  json::Value contact = json::Value::object();
  contact.set("name", trim(draft.name));
  std::string phone = trim(draft.phone), email = trim(draft.email);
  if (!phone.empty()) contact.set("phone", *normalize_us_phone(phone));
  if (!email.empty()) contact.set("email", email);
  contact.set("zip", *normalize_zip(trim(draft.zip)));
  contact.set("preferred_time", draft.preferred_time);

  json::Value consent = json::Value::object();
  consent.set("version", bundle.clinic.referral.consent_version);
  consent.set("given_at", draft.consent_given_at.empty() ? context.created_at : draft.consent_given_at);

  // Only answers to questions the person was shown; hidden answers are not theirs to send.
  json::Value answer_json = json::Value::object();
  for (const Question* q : visible_questions(bundle.screening, answers)) {
    auto it = answers.find(q->id);
    if (it != answers.end()) answer_json.set(q->id, to_json(it->second));
  }
  json::Value screening = json::Value::object();
  screening.set("outcome", to_string(evaluation.outcome));
  screening.set("answers", std::move(answer_json));
  json::Value flags = json::Value::array();
  for (const auto& f : evaluation.flags) flags.push_back(f.rule);
  screening.set("flags", std::move(flags));  // tells the clinic what to review
  screening.set("content_hash", bundle.content_hash);

  json::Value payload = json::Value::object();
  payload.set("id", context.id);
  payload.set("created_at", context.created_at);
  payload.set("clinic", bundle.clinic.id);
  payload.set("locale", context.locale);
  payload.set("contact", std::move(contact));
  payload.set("consent", std::move(consent));
  // When the form first showed, so the receiving server can refuse a Send no person could make
  // that fast. Left out when unknown (payloads built outside the widget, older widgets).
  if (!draft.form_opened_at.empty()) {
    json::Value timing = json::Value::object();
    timing.set("form_opened_at", draft.form_opened_at);
    payload.set("timing", std::move(timing));
  }
  // The provider the visitor chose in a network ("nearest" for whichever can see them soonest);
  // the receiving server checks it against the full ZIP and routes the request.
  if (!draft.provider.empty()) payload.set("provider", draft.provider);
  payload.set("screening", std::move(screening));
  payload.set("questionnaire_response", fhir::questionnaire_response(bundle, answers, context.created_at));
  return payload;
}

bool is_allowed_referral_endpoint(std::string_view url) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  // Plain http only for a developer's own machine.
  for (std::string_view local : {"http://localhost", "http://127.0.0.1", "http://[::1]"}) {
    if (url.rfind(local, 0) != 0) continue;
    std::string_view rest = url.substr(local.size());
    // Only a port may follow the host: "http://127.0.0.1:x@clinic.example/" names another host.
    if (!rest.empty() && rest.front() == ':') {
      size_t end = rest.find('/');
      std::string_view port = rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
      if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) return false;
      return true;
    }
    return rest.empty() || rest.front() == '/';
  }
  return false;
}

}  // namespace ketascreen
