#include "ketascreen/referral_intake.hpp"

#include <algorithm>

#include "ketascreen/content_json.hpp"

namespace ketascreen {
namespace {

// Civil date -> days since 1970-01-01 (Howard Hinnant's algorithm), the inverse of the one
// format_rfc3339 uses.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

unsigned days_in_month(int y, int m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

// A problem with one payload field; `field` is its dotted path.
Diagnostic field_error(std::string field, std::string message) {
  return {DiagnosticLevel::Error, "", 0, std::move(field), std::move(message)};
}

const json::Value* member_of(const json::Value& object, std::string_view key, json::Type type) {
  const json::Value* v = object.find(key);
  return v && v->type() == type ? v : nullptr;
}

// A string member of an object, or "" when it is absent; a wrong type is an error.
std::string text_member(const json::Value& object, std::string_view key, const std::string& path, bool required,
                        Diagnostics& out) {
  const json::Value* v = object.find(key);
  if (!v) {
    if (required) out.push_back(field_error(path, "required"));
    return "";
  }
  if (!v->is_string()) {
    out.push_back(field_error(path, std::string("expected a string, found ") + json::type_name(v->type())));
    return "";
  }
  return v->as_string();
}

}  // namespace

std::optional<int64_t> parse_rfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  size_t i = 19;
  int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    int64_t scale = 100;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ms += (s[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == start) return std::nullopt;
  }
  int64_t offset_minutes = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om) || oh > 23 ||
        om > 59)
      return std::nullopt;
    offset_minutes = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  int64_t seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
                    mi * 60 + std::min(sec, 59) - offset_minutes * 60;
  return seconds * 1000 + ms;
}

bool is_uuid_v4(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = s[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

std::optional<std::string> first_difference(const json::Value& a, const json::Value& b, const std::string& path) {
  const std::string here = path.empty() ? "$" : path;
  if (a.type() != b.type()) return here;
  if (a.is_object()) {
    for (const auto& [key, value] : a.as_object()) {
      std::string sub = path.empty() ? key : path + "." + key;
      const json::Value* other = b.find(key);
      if (!other) return sub;
      if (auto d = first_difference(value, *other, sub)) return d;
    }
    for (const auto& member : b.as_object())
      if (!a.find(member.first)) return path.empty() ? member.first : path + "." + member.first;
    return std::nullopt;
  }
  if (a.is_array()) {
    const auto &x = a.as_array(), &y = b.as_array();
    for (size_t i = 0; i < std::min(x.size(), y.size()); ++i)
      if (auto d = first_difference(x[i], y[i], here + "[" + std::to_string(i) + "]")) return d;
    if (x.size() != y.size()) return here + "[" + std::to_string(std::min(x.size(), y.size())) + "]";
    return std::nullopt;
  }
  return a == b ? std::nullopt : std::optional<std::string>(here);
}

Result<ReceivedReferral> read_referral_payload(const ContentBundle& bundle, const json::Value& payload) {
  Diagnostics problems;
  if (!payload.is_object()) {
    problems.push_back(field_error("$", "expected a JSON object"));
    return Result<ReceivedReferral>::failure(problems);
  }
  ReceivedReferral r;
  r.id = text_member(payload, "id", "id", true, problems);
  if (!r.id.empty() && !is_uuid_v4(r.id)) problems.push_back(field_error("id", "expected a lowercase version 4 UUID"));
  r.created_at = text_member(payload, "created_at", "created_at", true, problems);
  if (!r.created_at.empty()) {
    if (auto ms = parse_rfc3339(r.created_at)) r.created_at_ms = *ms;
    else problems.push_back(field_error("created_at", "expected an RFC 3339 date-time such as 2026-11-23T14:12:11Z"));
  }
  r.clinic = text_member(payload, "clinic", "clinic", true, problems);
  if (!r.clinic.empty() && r.clinic != bundle.clinic.id)
    problems.push_back(field_error("clinic", "unknown clinic '" + r.clinic + "' (this server takes '" + bundle.clinic.id + "')"));
  r.locale = text_member(payload, "locale", "locale", true, problems);
  const auto& locales = bundle.clinic.locales;
  if (!r.locale.empty() && std::find(locales.begin(), locales.end(), r.locale) == locales.end())
    problems.push_back(field_error("locale", "unknown locale '" + r.locale + "'"));

  const json::Value* contact = member_of(payload, "contact", json::Type::Object);
  if (!contact) problems.push_back(field_error("contact", "required: an object"));
  const json::Value* consent = member_of(payload, "consent", json::Type::Object);
  if (!consent) problems.push_back(field_error("consent", "required: an object"));
  const json::Value* screening = member_of(payload, "screening", json::Type::Object);
  const json::Value* answers = screening ? member_of(*screening, "answers", json::Type::Object) : nullptr;
  if (!answers) problems.push_back(field_error("screening.answers", "required: an object"));
  if (!has_errors(problems) && contact && consent) {
    r.draft.name = text_member(*contact, "name", "contact.name", false, problems);
    r.draft.phone = text_member(*contact, "phone", "contact.phone", false, problems);
    r.draft.email = text_member(*contact, "email", "contact.email", false, problems);
    r.draft.zip = text_member(*contact, "zip", "contact.zip", false, problems);
    r.draft.preferred_time = text_member(*contact, "preferred_time", "contact.preferred_time", false, problems);
    std::string version = text_member(*consent, "version", "consent.version", true, problems);
    if (!version.empty() && version != bundle.clinic.referral.consent_version)
      problems.push_back(field_error("consent.version", "unknown consent text version '" + version + "'"));
    r.draft.consent_given_at = text_member(*consent, "given_at", "consent.given_at", true, problems);
    if (!r.draft.consent_given_at.empty()) {
      if (auto ms = parse_rfc3339(r.draft.consent_given_at)) r.consent_given_at_ms = *ms;
      else problems.push_back(field_error("consent.given_at", "expected an RFC 3339 date-time"));
    }
    r.consent_version = version;
    r.draft.consent = !version.empty();
    if (const json::Value* timing = member_of(payload, "timing", json::Type::Object)) {
      r.draft.form_opened_at = text_member(*timing, "form_opened_at", "timing.form_opened_at", true, problems);
      if (!r.draft.form_opened_at.empty()) {
        if (auto ms = parse_rfc3339(r.draft.form_opened_at)) r.form_opened_at_ms = *ms;
        else problems.push_back(field_error("timing.form_opened_at", "expected an RFC 3339 date-time"));
      }
    }
  }
  // A provider id that has since left the network is not an error: the server routes to the nearest.
  if (payload.find("provider")) r.draft.provider = text_member(payload, "provider", "provider", true, problems);
  if (has_errors(problems)) return Result<ReceivedReferral>::failure(problems);

  auto read = answers_from_json(bundle.screening, *answers, "");
  if (!read) {
    for (auto d : read.errors()) {
      // "$.age_18_plus" -> "screening.answers.age_18_plus"
      d.path = "screening.answers" + (d.path.size() > 1 ? d.path.substr(1) : std::string());
      d.file.clear();
      d.line = 0;
      problems.push_back(std::move(d));
    }
    return Result<ReceivedReferral>::failure(problems);
  }
  r.answers = read.value();

  // The field checks and the rebuilt payload come from the widget's own code.
  ReferralContext context{r.id, r.created_at, r.locale};
  auto rebuilt = build_referral_payload(bundle, r.answers, r.draft, context);
  if (!rebuilt) {
    for (auto d : rebuilt.errors()) {
      d.path = d.path == "screening" ? "screening.outcome" : d.path == "provider" ? d.path : "contact." + d.path;
      if (d.path == "contact.consent") d.path = "consent";
      problems.push_back(std::move(d));
    }
    return Result<ReceivedReferral>::failure(problems);
  }
  // Whatever the widget adds beside what it builds here (e.g. a chosen provider) is checked by the
  // caller; everything the payload builder makes must match to the letter.
  for (const auto& [key, value] : rebuilt.value().as_object()) {
    const json::Value* sent = payload.find(key);
    std::optional<std::string> diff = sent ? first_difference(value, *sent, key) : std::optional<std::string>(key);
    if (diff) {
      problems.push_back(field_error(*diff, "does not match what the widget builds from these answers and details"));
      return Result<ReceivedReferral>::failure(problems);
    }
  }
  for (const auto& [key, value] : payload.as_object()) {
    (void)value;
    if (!rebuilt.value().find(key)) problems.push_back(field_error(key, "unknown field"));
  }
  if (has_errors(problems)) return Result<ReceivedReferral>::failure(problems);
  r.evaluation = evaluate(bundle.screening, r.answers);
  r.payload = payload;
  return r;
}

}  // namespace ketascreen
