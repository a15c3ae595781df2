// The referral request: per-field validation in en and es, phone/email/ZIP formats, ids and times,
// and the payload of shared/DESIGN.md.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "ketascreen/referral.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

ReferralDraft valid_draft() {
  ReferralDraft d;
  d.name = "  Alex Rivera ";
  d.phone = "(555) 201-0142";
  d.email = "alex@example.com";
  d.zip = "97477";
  d.preferred_time = "morning";
  d.consent = true;
  d.consent_given_at = "2026-11-23T14:10:00Z";
  return d;
}

// "field: message" per error, in order.
std::string describe(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::string(to_string(e.field)) + ": " + e.message + "\n";
  return out;
}

const Clinic& clinic() { return real_bundle().clinic; }

std::string errors_for(const ReferralDraft& d, const char* locale) { return describe(validate_referral(d, clinic(), locale)); }

}  // namespace

TEST_CASE("referral: a complete draft has no errors") {
  CHECK(errors_for(valid_draft(), "en") == "");
  CHECK(errors_for(valid_draft(), "es") == "");
  ReferralDraft phone_only = valid_draft();
  phone_only.email.clear();
  CHECK(errors_for(phone_only, "en") == "");
  ReferralDraft email_only = valid_draft();
  email_only.phone.clear();
  CHECK(errors_for(email_only, "en") == "");
  for (const auto& t : clinic().referral.contact_times) {
    ReferralDraft d = valid_draft();
    d.preferred_time = t.id;
    CHECK(errors_for(d, "en") == "");
  }
}

TEST_CASE("referral: name") {
  ReferralDraft d = valid_draft();
  for (const char* empty : {"", "   ", "\t\n"}) {
    d.name = empty;
    CHECK(errors_for(d, "en") == "name: Please enter your name.\n");
    CHECK(errors_for(d, "es") == "name: Escriba su nombre.\n");
  }
  d.name = std::string(100, 'a');
  CHECK(errors_for(d, "en") == "");
  d.name = std::string(101, 'a');
  CHECK(errors_for(d, "en") == "name: Please use at most 100 characters.\n");
  CHECK(errors_for(d, "es") == "name: Use como máximo 100 caracteres.\n");
  // Characters, not bytes: 100 accented letters are fine, 101 are not.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "\xC3\xB1";  // ñ
  d.name = accented;
  CHECK(errors_for(d, "en") == "");
  d.name = accented + "\xC3\xB1";
  CHECK(errors_for(d, "en") == "name: Please use at most 100 characters.\n");
  // Bytes that are not UTF-8 could not be sent as JSON: refused like an empty name.
  d.name = "Al\xF9\x05x";
  CHECK(errors_for(d, "en") == "name: Please enter your name.\n");
}

TEST_CASE("referral: a phone number or an email address is needed") {
  ReferralDraft d = valid_draft();
  d.phone = " ";
  d.email = "";
  CHECK(errors_for(d, "en") == "phone: Please give a phone number or an email address.\n");
  CHECK(errors_for(d, "es") == "phone: Indique un número de teléfono o un correo electrónico.\n");
}

TEST_CASE("referral: US phone numbers") {
  for (const char* ok : {"(555) 201-0142", "555-201-0142", "555.201.0142", "+1 555 201 0142", "15552010142",
                         "5552010142", " 555 201 0142 ", "+1 (555) 201-0142"}) {
    CAPTURE(ok);
    auto n = normalize_us_phone(ok);
    REQUIRE(n.has_value());
    CHECK(*n == "+15552010142");
    ReferralDraft d = valid_draft();
    d.phone = ok;
    CHECK(errors_for(d, "en") == "");
  }
  CHECK(normalize_us_phone("212-555-0000") == std::optional<std::string>("+12125550000"));
  for (const char* bad : {"555-010-0142", "555-110-0142", "055-201-0142", "155-201-0142", "555-201-014", "55520101422",
                          "25552010142", "555-201-CALL", "555-201-0142 ext 3", "phone", "", "+44 20 7946 0958"}) {
    CAPTURE(bad);
    CHECK_FALSE(normalize_us_phone(bad).has_value());
    if (!*bad) continue;
    ReferralDraft d = valid_draft();
    d.phone = bad;
    CHECK(errors_for(d, "en") == "phone: Please enter a 10-digit US phone number, such as (555) 201-0142.\n");
    CHECK(errors_for(d, "es") == "phone: Escriba un número de EE. UU. de 10 dígitos, como (555) 201-0142.\n");
  }
}

TEST_CASE("referral: email addresses") {
  for (const char* ok : {"alex@example.com", "first.last+tag@sub.example.org", "a@b.co", "ALEX@EXAMPLE.COM"}) {
    CAPTURE(ok);
    CHECK(is_valid_email(ok));
    ReferralDraft d = valid_draft();
    d.email = ok;
    CHECK(errors_for(d, "en") == "");
  }
  for (const char* bad : {"alex", "alex@", "@example.com", "alex@example", "alex@@example.com", "a@b@example.com",
                          "alex @example.com", "alex@example..com", "alex@.com", "alex@example.com,bob@example.com",
                          "<alex@example.com>", "alex@example.com\r\nBcc: x@example.com", "al\tex@example.com",
                          "alex@exa\x7fmple.com", "al\xff" "ex@example.com"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_email(bad));
    ReferralDraft d = valid_draft();
    d.email = bad;
    CHECK(errors_for(d, "en") == "email: Please enter an email address such as name@example.com.\n");
    CHECK(errors_for(d, "es") == "email: Escriba un correo electrónico como nombre@example.com.\n");
  }
  CHECK_FALSE(is_valid_email(std::string(250, 'a') + "@example.com"));
}

TEST_CASE("referral: ZIP codes") {
  CHECK(normalize_zip("97477") == std::optional<std::string>("97477"));
  CHECK(normalize_zip("97477-1234") == std::optional<std::string>("97477"));
  for (const char* ok : {"97477", "97477-1234", "00501", " 97477 "}) {
    CAPTURE(ok);
    ReferralDraft d = valid_draft();
    d.zip = ok;
    CHECK(errors_for(d, "en") == "");
  }
  for (const char* bad : {"", "9747", "974771", "97477-123", "97477 1234", "97477-12345", "abcde", "9747a", "97477_1234",
                          "97477-"}) {
    CAPTURE(bad);
    ReferralDraft d = valid_draft();
    d.zip = bad;
    CHECK(errors_for(d, "en") == "zip: Please enter a 5-digit ZIP code.\n");
    CHECK(errors_for(d, "es") == "zip: Escriba un código postal de 5 dígitos.\n");
  }
}

TEST_CASE("referral: preferred time must be one of the clinic's contact times") {
  for (const char* bad : {"", "midnight", "Morning"}) {
    CAPTURE(bad);
    ReferralDraft d = valid_draft();
    d.preferred_time = bad;
    CHECK(errors_for(d, "en") == "preferred_time: Please choose when we may contact you.\n");
    CHECK(errors_for(d, "es") == "preferred_time: Elija cuándo podemos comunicarnos con usted.\n");
  }
}

TEST_CASE("referral: consent is required") {
  ReferralDraft d = valid_draft();
  d.consent = false;
  CHECK(errors_for(d, "en") == "consent: Please tick the box to agree before sending.\n");
  CHECK(errors_for(d, "es") == "consent: Marque la casilla para aceptar antes de enviar.\n");
}

TEST_CASE("referral: every problem at once, in form order - unknown locales fall back to English") {
  ReferralDraft empty;
  CHECK(errors_for(empty, "en") ==
        "name: Please enter your name.\n"
        "phone: Please give a phone number or an email address.\n"
        "zip: Please enter a 5-digit ZIP code.\n"
        "preferred_time: Please choose when we may contact you.\n"
        "consent: Please tick the box to agree before sending.\n");
  CHECK(errors_for(empty, "fr") == errors_for(empty, "en"));
  ReferralDraft both_bad = valid_draft();
  both_bad.phone = "123";
  both_bad.email = "nope";
  auto errors = validate_referral(both_bad, clinic(), "en");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == ReferralField::Phone);
  CHECK(errors[1].field == ReferralField::Email);
}

TEST_CASE("uuid_v4: version and variant bits, 36 characters") {
  std::array<uint8_t, 16> zeros{};
  CHECK(uuid_v4(zeros) == "00000000-0000-4000-8000-000000000000");
  std::array<uint8_t, 16> ones;
  ones.fill(0xFF);
  CHECK(uuid_v4(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
  std::array<uint8_t, 16> counting;
  for (size_t i = 0; i < 16; ++i) counting[i] = static_cast<uint8_t>(i);
  CHECK(uuid_v4(counting) == "00010203-0405-4607-8809-0a0b0c0d0e0f");

  std::mt19937 rng(42);
  std::set<std::string> seen;
  for (int n = 0; n < 200; ++n) {
    std::array<uint8_t, 16> bytes;
    for (auto& b : bytes) b = static_cast<uint8_t>(rng() & 0xFF);
    std::string id = uuid_v4(bytes);
    CAPTURE(id);
    REQUIRE(id.size() == 36);
    for (size_t i = 0; i < id.size(); ++i) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        CHECK(id[i] == '-');
      } else {
        CHECK(((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')));
      }
    }
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    // The other bits come from the bytes: the first byte shows up as the first two digits.
    const char* hex = "0123456789abcdef";
    CHECK(id[0] == hex[bytes[0] >> 4]);
    CHECK(id[1] == hex[bytes[0] & 0xF]);
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("format_rfc3339: known instants") {
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(999) == "1970-01-01T00:00:00Z");  // milliseconds are dropped
  CHECK(format_rfc3339(1000) == "1970-01-01T00:00:01Z");
  CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59Z");
  // Values worked out with `date -u -d @<seconds>`.
  CHECK(format_rfc3339(1795443131000) == "2026-11-23T14:12:11Z");
  CHECK(format_rfc3339(1709164800000) == "2024-02-29T00:00:00Z");  // a leap day
  CHECK(format_rfc3339(1709251199000) == "2024-02-29T23:59:59Z");
  CHECK(format_rfc3339(1709251200000) == "2024-03-01T00:00:00Z");
  CHECK(format_rfc3339(951782400000) == "2000-02-29T00:00:00Z");  // 2000 is a leap year
  CHECK(format_rfc3339(951868800000) == "2000-03-01T00:00:00Z");
  CHECK(format_rfc3339(4107542400000) == "2100-03-01T00:00:00Z");  // 2100 is not
  CHECK(format_rfc3339(1767225599000) == "2025-12-31T23:59:59Z");
}

// ---- the payload -------------------------------------------------------------------------------

namespace {

ReferralContext context(const std::string& locale = "en") {
  return {"0f8fad5b-d9cb-469f-a165-70867728950e", "2026-11-23T14:12:11Z", locale};
}

const json::Value& at(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  REQUIRE_MESSAGE(m != nullptr, "missing key " << std::string(key) << " in " << json::serialize(v));
  return *m;
}

}  // namespace

TEST_CASE("referral payload: every field of shared/DESIGN.md") {
  const ContentBundle& b = real_bundle();
  Answers answers = all_clear_answers();
  answers["liver_or_kidney_disease"] = true;  // discuss_with_provider still offers the consultation
  ReferralDraft d = valid_draft();
  d.zip = "97477-1234";
  auto r = build_referral_payload(b, answers, d, context("es"));
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  const json::Value& p = r.value();

  CHECK(at(p, "id").as_string() == "0f8fad5b-d9cb-469f-a165-70867728950e");
  CHECK(at(p, "created_at").as_string() == "2026-11-23T14:12:11Z");
  CHECK(at(p, "clinic").as_string() == "demo-clinic");
  CHECK(at(p, "locale").as_string() == "es");

  const json::Value& contact = at(p, "contact");
  CHECK(at(contact, "name").as_string() == "Alex Rivera");
  CHECK(at(contact, "phone").as_string() == "+15552010142");
  CHECK(at(contact, "email").as_string() == "alex@example.com");
  CHECK(at(contact, "zip").as_string() == "97477");
  CHECK(at(contact, "preferred_time").as_string() == "morning");

  const json::Value& consent = at(p, "consent");
  CHECK(at(consent, "version").as_string() == "2026-12-06");
  CHECK(at(consent, "version").as_string() == b.clinic.referral.consent_version);
  CHECK(at(consent, "given_at").as_string() == "2026-11-23T14:10:00Z");

  const json::Value& screening = at(p, "screening");
  CHECK(at(screening, "outcome").as_string() == "discuss_with_provider");
  const json::Value& sent = at(screening, "answers");
  REQUIRE(sent.is_object());
  CHECK(sent.as_object().size() == answers.size());
  for (const auto& [id, value] : answers) {
    CAPTURE(id);
    CHECK(at(sent, id) == to_json(value));
  }

  const json::Value& qr = at(p, "questionnaire_response");
  CHECK(at(qr, "resourceType").as_string() == "QuestionnaireResponse");
  CHECK(at(qr, "item").as_array().size() == answers.size());

  // The payload is plain JSON that reads back the same.
  auto again = json::parse(json::serialize(p));
  REQUIRE(again.ok());
  CHECK(again.value() == p);
}

TEST_CASE("referral payload: optional contact fields and consent time") {
  const ContentBundle& b = real_bundle();
  ReferralDraft d = valid_draft();
  d.email = "";
  d.consent_given_at = "";
  auto r = build_referral_payload(b, all_clear_answers(), d, context());
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  CHECK(at(at(r.value(), "screening"), "outcome").as_string() == "likely_candidate");
  const json::Value& contact = at(r.value(), "contact");
  CHECK(contact.find("email") == nullptr);
  CHECK(at(contact, "phone").as_string() == "+15552010142");
  // Without a time of its own, consent was given when the request was made.
  CHECK(at(at(r.value(), "consent"), "given_at").as_string() == "2026-11-23T14:12:11Z");

  d = valid_draft();
  d.phone = "";
  auto e = build_referral_payload(b, all_clear_answers(), d, context());
  REQUIRE(e.ok());
  CHECK(at(e.value(), "contact").find("phone") == nullptr);
  CHECK(at(at(e.value(), "contact"), "email").as_string() == "alex@example.com");
}

TEST_CASE("referral payload: when the form opened is sent as timing, and only when known") {
  const ContentBundle& b = real_bundle();
  ReferralDraft d = valid_draft();
  auto without = build_referral_payload(b, all_clear_answers(), d, context());
  REQUIRE(without.ok());
  CHECK(without.value().find("timing") == nullptr);
  d.form_opened_at = "2026-11-23T14:11:02Z";
  auto with = build_referral_payload(b, all_clear_answers(), d, context());
  REQUIRE(with.ok());
  CHECK(at(at(with.value(), "timing"), "form_opened_at").as_string() == "2026-11-23T14:11:02Z");
}

TEST_CASE("referral payload: answers of hidden questions are not sent") {
  ContentBundle b = conditional_pack().bundle();
  Answers answers = builder_clear_answers();
  answers["has_pain"] = false;
  answers["pain_level"] = 8.0;                // hidden: no pain
  answers["pain_severe_followup"] = true;     // hidden: depends on a hidden answer
  answers["setting"] = std::string("clinic");
  answers["home_support"] = false;            // hidden: not at home
  answers["setting_followup"] = true;
  answers["not_home_q"] = false;
  auto r = build_referral_payload(b, answers, valid_draft(), context());
  REQUIRE_MESSAGE(r.ok(), errors_text(r));
  const json::Value& sent = at(at(r.value(), "screening"), "answers");
  CHECK(at(at(r.value(), "screening"), "outcome").as_string() == "likely_candidate");
  for (const char* hidden : {"pain_level", "pain_severe_followup", "home_support"}) {
    CAPTURE(hidden);
    CHECK(sent.find(hidden) == nullptr);
  }
  for (const char* visible : {"has_pain", "setting", "setting_followup", "not_home_q", "age_18_plus"}) {
    CAPTURE(visible);
    CHECK(sent.find(visible) != nullptr);
  }
  CHECK(at(sent, "setting").as_string() == "clinic");
  CHECK(sent.as_object().size() == answers.size() - 3);
  std::set<std::string> linked;
  for (const auto& item : at(at(r.value(), "questionnaire_response"), "item").as_array())
    linked.insert(at(item, "linkId").as_string());
  CHECK(linked.count("pain_level") == 0);
  CHECK(linked.count("home_support") == 0);
  CHECK(linked.count("setting") == 1);
}

TEST_CASE("referral payload: refused when the outcome offers no referral") {
  const ContentBundle& b = real_bundle();
  SUBCASE("urgent_help") {
    Answers a = all_clear_answers();
    a["thoughts_of_self_harm"] = true;
    auto r = build_referral_payload(b, a, valid_draft(), context());
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "screening: A referral is not offered here: please use the crisis resources shown.\n");
    auto es = build_referral_payload(b, a, valid_draft(), context("es"));
    REQUIRE_FALSE(es.ok());
    CHECK(errors_text(es) == "screening: Aquí no se ofrece una solicitud: use los recursos de crisis que se muestran.\n");
  }
  SUBCASE("incomplete") {
    Answers a = all_clear_answers();
    a.erase("substance_use");
    auto r = build_referral_payload(b, a, valid_draft(), context());
    REQUIRE_FALSE(r.ok());
    CHECK(errors_text(r) == "screening: Please answer the remaining questions first.\n");
  }
  SUBCASE("urgent_help even with a valid draft and other questions unanswered") {
    Answers a{{"thoughts_of_self_harm", true}};
    auto r = build_referral_payload(b, a, valid_draft(), context());
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors().size() == 1);
    CHECK(r.errors()[0].path == "screening");
  }
}

TEST_CASE("referral payload: field errors name the field as the diagnostic path") {
  const ContentBundle& b = real_bundle();
  ReferralDraft d = valid_draft();
  d.email = "not-an-email";
  d.consent = false;
  auto r = build_referral_payload(b, all_clear_answers(), d, context("es"));
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 2);
  CHECK(r.errors()[0].path == "email");
  CHECK(r.errors()[0].message == "Escriba un correo electrónico como nombre@example.com.");
  CHECK(r.errors()[1].path == "consent");
  CHECK(r.errors()[1].message == "Marque la casilla para aceptar antes de enviar.");
  CHECK(errors_text(r) ==
        "email: Escriba un correo electrónico como nombre@example.com.\n"
        "consent: Marque la casilla para aceptar antes de enviar.\n");
}
