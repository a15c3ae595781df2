#pragma once
// FHIR R4: one received referral as a transaction Bundle an EHR imports in one call: the Patient
// (contact details as sent), the ServiceRequest (the consultation asked for, citing the answers),
// the QuestionnaireResponse the widget built, and a Task carrying the intake staff's progress.

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
};

// The FHIR Task.status for the inbox's status and close reason.
std::string task_status(const IntakeProgress& progress);

// Entries refer to each other by urn:uuid: full URLs derived from the referral id, so exporting
// twice gives the same Bundle, and the ServiceRequest's ifNoneExist (its identifier is the
// referral id) keeps an EHR from importing one request twice.
json::Value referral_bundle(const ContentBundle& bundle, const ReceivedReferral& referral, const IntakeProgress& progress);

}  // namespace ketascreen::fhir
