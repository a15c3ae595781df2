#pragma once
// FHIR R4: one received referral as a transaction Bundle an EHR imports in one call: the Patient
// (contact details as sent), the ServiceRequest (the consultation asked for, citing the answers),
// the QuestionnaireResponse the widget built, and a Task carrying the intake staff's progress and,
// in a provider network, the current request to a provider (its owner) and that provider's answer.

#include <string>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/referral_intake.hpp"

namespace ketascreen::fhir {

// Where intake staff are with the request (the inbox's status, close reason, last change).
struct IntakeProgress {
  std::string status = "new";  // new | contacted | scheduled | closed
  std::string close_reason;    // treated | not_suitable | no_answer | declined, when closed
  std::string last_modified;   // RFC 3339
  // The routing chain's current hop: requested | accepted | rejected | expired | completed; "" when
  // the referral has none (stored before routing, or with nobody from the start).
  std::string hop_state;
  std::string owner_id;       // the provider the referral is with; "" = nobody (a network admin's turn)
  std::string owner_name;
  std::string status_reason;  // why the current hop was rejected, in words; "" for none
};

// The FHIR Task.status: the current hop's (requested -> accepted | rejected; completed when closed
// as treated), refined by the staff's progress (in-progress once contacted; how it was closed);
// without a hop, from the inbox's status and close reason alone.
std::string task_status(const IntakeProgress& progress);

// Entries refer to each other by urn:uuid: full URLs derived from the referral id, so exporting
// twice gives the same Bundle, and the ServiceRequest's ifNoneExist (its identifier is the
// referral id) keeps an EHR from importing one request twice.
json::Value referral_bundle(const ContentBundle& bundle, const ReceivedReferral& referral, const IntakeProgress& progress);

}  // namespace ketascreen::fhir
