#include "ketascreen/fhir_referral.hpp"

#include <array>

#include "ketascreen/referral.hpp"
#include "ketascreen/sha256.hpp"

namespace ketascreen::fhir {
namespace {

constexpr const char* kReferralIdSystem = "urn:ietf:rfc:3986";
// Provider ids are the content's (providers.json, or the clinic id of a single clinic).
constexpr const char* kProviderIdSystem = "urn:ketascreen:provider";

// A stable UUID for one resource of one referral.
std::string resource_uuid(const std::string& referral_id, const char* type) {
  std::string hex = sha256_hex(referral_id + "/" + type);
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(std::stoi(hex.substr(i * 2, 2), nullptr, 16));
  return "urn:uuid:" + uuid_v4(bytes);
}

json::Value reference(const std::string& full_url) {
  json::Value r = json::Value::object();
  r.set("reference", full_url);
  return r;
}

json::Value coding(const char* system, const char* code, const char* display) {
  json::Value c = json::Value::object();
  c.set("system", system);
  c.set("code", code);
  c.set("display", display);
  return c;
}

json::Value concept(json::Value one_coding, const std::string& text) {
  json::Value c = json::Value::object();
  json::Value codings = json::Value::array();
  codings.push_back(std::move(one_coding));
  c.set("coding", std::move(codings));
  c.set("text", text);
  return c;
}

json::Value text_concept(const std::string& text) {
  json::Value c = json::Value::object();
  c.set("text", text);
  return c;
}

// A logical reference to a provider of the network by its content id: the export does not invent
// an Organization resource the EHR would have to reconcile with its own.
json::Value provider_reference(const IntakeProgress& progress) {
  json::Value identifier = json::Value::object();
  identifier.set("system", kProviderIdSystem);
  identifier.set("value", progress.owner_id);
  json::Value r = json::Value::object();
  r.set("identifier", std::move(identifier));
  if (!progress.owner_name.empty()) r.set("display", progress.owner_name);
  return r;
}

json::Value entry(const std::string& full_url, json::Value resource, const std::string& if_none_exist = "") {
  json::Value request = json::Value::object();
  request.set("method", "POST");
  request.set("url", resource.find("resourceType")->as_string());
  if (!if_none_exist.empty()) request.set("ifNoneExist", if_none_exist);
  json::Value e = json::Value::object();
  e.set("fullUrl", full_url);
  e.set("resource", std::move(resource));
  e.set("request", std::move(request));
  return e;
}

json::Value patient(const ReceivedReferral& referral) {
  const ReferralDraft& d = referral.draft;
  json::Value p = json::Value::object();
  p.set("resourceType", "Patient");
  json::Value name = json::Value::object();
  name.set("text", d.name);  // as typed: splitting into given and family names would be a guess
  json::Value names = json::Value::array();
  names.push_back(std::move(name));
  p.set("name", std::move(names));
  json::Value telecom = json::Value::array();
  if (!d.phone.empty()) {
    json::Value t = json::Value::object();
    t.set("system", "phone");
    t.set("value", normalize_us_phone(d.phone).value_or(d.phone));
    telecom.push_back(std::move(t));
  }
  if (!d.email.empty()) {
    json::Value t = json::Value::object();
    t.set("system", "email");
    t.set("value", d.email);
    telecom.push_back(std::move(t));
  }
  if (!telecom.as_array().empty()) p.set("telecom", std::move(telecom));
  json::Value address = json::Value::object();
  address.set("postalCode", normalize_zip(d.zip).value_or(d.zip));
  address.set("country", "US");
  json::Value addresses = json::Value::array();
  addresses.push_back(std::move(address));
  p.set("address", std::move(addresses));
  json::Value language = json::Value::object();
  language.set("language", concept(coding("urn:ietf:bcp:47", referral.locale.c_str(), referral.locale.c_str()), referral.locale));
  language.set("preferred", true);
  json::Value communication = json::Value::array();
  communication.push_back(std::move(language));
  p.set("communication", std::move(communication));
  return p;
}

}  // namespace

std::string task_status(const IntakeProgress& progress) {
  // Closed is the end, whoever had it: how it ended says more than the last provider's answer.
  const bool closed = progress.status == "closed";
  if (!closed && !progress.hop_state.empty()) {
    if (progress.hop_state == "requested") return "requested";
    if (progress.hop_state == "rejected" || progress.hop_state == "expired") return "rejected";
    // accepted (or completed and then reopened): the staff's own progress from here on.
    return progress.status == "contacted" ? "in-progress" : "accepted";
  }
  if (progress.status == "contacted") return "in-progress";
  if (progress.status == "scheduled") return "accepted";
  if (progress.status == "closed") {
    if (progress.close_reason == "treated") return "completed";
    if (progress.close_reason == "not_suitable") return "rejected";
    if (progress.close_reason == "declined") return "cancelled";
    return "failed";  // no_answer: the request could not be carried out
  }
  return "requested";
}

json::Value referral_bundle(const ContentBundle& bundle, const ReceivedReferral& referral, const IntakeProgress& progress) {
  const std::string patient_url = resource_uuid(referral.id, "Patient");
  const std::string request_url = resource_uuid(referral.id, "ServiceRequest");
  const std::string response_url = resource_uuid(referral.id, "QuestionnaireResponse");
  const std::string task_url = resource_uuid(referral.id, "Task");
  const std::string referral_identifier = "urn:uuid:" + referral.id;

  json::Value identifier = json::Value::object();
  identifier.set("system", kReferralIdSystem);
  identifier.set("value", referral_identifier);
  json::Value identifiers = json::Value::array();
  identifiers.push_back(identifier);

  json::Value response = json::Value::object();
  if (const json::Value* sent = referral.payload.find("questionnaire_response")) response = *sent;
  response.set("subject", reference(patient_url));
  response.set("author", reference(patient_url));

  json::Value service = json::Value::object();
  service.set("resourceType", "ServiceRequest");
  service.set("identifier", identifiers);
  const bool closed = progress.status == "closed";
  service.set("status", closed ? (progress.close_reason == "treated" ? "completed" : "revoked") : "active");
  service.set("intent", "proposal");  // the person asked for it; a provider decides
  json::Value categories = json::Value::array();
  categories.push_back(concept(coding("http://snomed.info/sct", "3457005", "Patient referral"), "Self-referral"));
  service.set("category", std::move(categories));
  const std::string with = progress.owner_name.empty() ? bundle.clinic.name : progress.owner_name;
  service.set("code", text_concept("Consultation about ketamine therapy with " + with));
  service.set("subject", reference(patient_url));
  service.set("requester", reference(patient_url));
  if (!progress.owner_id.empty()) {
    json::Value performers = json::Value::array();
    performers.push_back(provider_reference(progress));
    service.set("performer", std::move(performers));
  }
  service.set("authoredOn", referral.created_at);
  json::Value supporting = json::Value::array();
  supporting.push_back(reference(response_url));
  service.set("supportingInfo", std::move(supporting));
  json::Value note = json::Value::object();
  note.set("text", "Pre-screening result shown to the person: " + std::string(to_string(referral.evaluation.outcome)) +
                       ". A screening aid, not a diagnosis: a qualified provider decides. Consent text version " +
                       referral.consent_version + ", given " + referral.draft.consent_given_at + ".");
  json::Value notes = json::Value::array();
  notes.push_back(std::move(note));
  service.set("note", std::move(notes));

  json::Value task = json::Value::object();
  task.set("resourceType", "Task");
  task.set("identifier", identifiers);
  task.set("status", task_status(progress));
  if (!progress.status_reason.empty()) task.set("statusReason", text_concept(progress.status_reason));
  task.set("businessStatus", text_concept(progress.status + (progress.close_reason.empty() ? "" : ": " + progress.close_reason)));
  task.set("intent", "order");
  task.set("code", concept(coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
                           "Contact the person about their consultation request"));
  task.set("focus", reference(request_url));
  task.set("for", reference(patient_url));
  if (!progress.owner_id.empty()) task.set("owner", provider_reference(progress));
  task.set("authoredOn", referral.created_at);
  if (!progress.last_modified.empty()) task.set("lastModified", progress.last_modified);

  json::Value entries = json::Value::array();
  entries.push_back(entry(patient_url, patient(referral)));
  entries.push_back(entry(response_url, std::move(response)));
  entries.push_back(entry(request_url, std::move(service), "identifier=" + std::string(kReferralIdSystem) + "|" + referral_identifier));
  entries.push_back(entry(task_url, std::move(task)));

  json::Value out = json::Value::object();
  out.set("resourceType", "Bundle");
  out.set("type", "transaction");
  out.set("entry", std::move(entries));
  return out;
}

}  // namespace ketascreen::fhir
