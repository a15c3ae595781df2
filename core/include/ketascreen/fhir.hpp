#pragma once
// FHIR R4: the screening as a Questionnaire, answers as a QuestionnaireResponse, and the way back.

#include <string>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen::fhir {

// Canonical URL of the clinic's questionnaire, used by Questionnaire.url and
// QuestionnaireResponse.questionnaire.
std::string questionnaire_url(const ContentBundle& bundle);

// linkId = question id; enableWhen/enableBehavior from show_if; texts in `locale`
// (other locales as FHIR translation extensions).
json::Value export_questionnaire(const ContentBundle& bundle, std::string_view locale = "en");

// A completed QuestionnaireResponse for the answers (visible questions only). `authored` is RFC 3339.
json::Value questionnaire_response(const ContentBundle& bundle, const Answers& answers, const std::string& authored,
                                   const std::string& status = "completed");

// Reads a QuestionnaireResponse's items back into answers, strictly: unknown linkIds, wrong value
// types and repeated answers are errors with their JSON path.
Result<Answers> answers_from_response(const ContentBundle& bundle, const json::Value& response, const std::string& file);

}  // namespace ketascreen::fhir
