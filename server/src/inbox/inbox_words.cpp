#include "inbox_words.hpp"

#include <map>

namespace ketascreen::server {
namespace {

std::string lookup(const std::map<std::string, std::string>& words, const std::string& code) {
  auto it = words.find(code);
  return it == words.end() ? code : it->second;
}

}  // namespace

std::string status_label(const std::string& status) {
  static const std::map<std::string, std::string> w = {
      {"new", "New"}, {"contacted", "Contacted"}, {"scheduled", "Scheduled"}, {"closed", "Closed"}};
  return lookup(w, status);
}

std::string close_reason_label(const std::string& reason) {
  static const std::map<std::string, std::string> w = {
      {"treated", "Treated"}, {"not_suitable", "Not suitable"}, {"no_answer", "No answer"}, {"declined", "Declined"}};
  return lookup(w, reason);
}

std::string outcome_label(const std::string& outcome) {
  static const std::map<std::string, std::string> w = {{"urgent_help", "Urgent help shown"},
                                                       {"not_suitable_now", "Not suitable now"},
                                                       {"discuss_with_provider", "Discuss with provider"},
                                                       {"likely_candidate", "Likely candidate"},
                                                       {"incomplete", "Incomplete"}};
  return lookup(w, outcome);
}

std::string severity_label(const std::string& severity) {
  static const std::map<std::string, std::string> w = {
      {"urgent", "Urgent"}, {"contraindication", "Contraindication"}, {"caution", "Caution"}};
  return lookup(w, severity);
}

std::string routing_reason_label(const std::string& reason) {
  static const std::map<std::string, std::string> w = {
      {"visitor_choice", "Chosen by the visitor"},
      {"nearest", "Nearest to the visitor"},
      {"chosen_provider_gone", "Nearest (the chosen provider left the network)"},
      {"single_clinic", "Sent to the clinic"},
      {"forwarded_after_decline", "Next nearest, after a decline"},
      {"forwarded_after_expiry", "Next nearest, after no answer in time"},
      {"reassigned", "Reassigned by a network administrator"},
      {"no_provider_near", "No provider near the visitor"},
      {"no_provider_left", "Every suitable provider was asked"}};
  return lookup(w, reason);
}

std::string hop_state_label(const std::string& state) {
  static const std::map<std::string, std::string> w = {
      {"requested", "Waiting for an answer"}, {"accepted", "Accepted"}, {"rejected", "Declined"},
      {"expired", "No answer in time"},        {"reassigned", "Reassigned"}, {"completed", "Completed"}};
  return lookup(w, state);
}

std::string decline_reason_label(const std::string& reason) {
  static const std::map<std::string, std::string> w = {{"no_capacity", "No appointment soon enough"},
                                                       {"service_not_offered", "We do not offer what fits"},
                                                       {"not_accepting_new", "Not taking new patients"},
                                                       {"outside_area", "Outside our area"},
                                                       {"other", "Other (see the note)"}};
  return lookup(w, reason);
}

}  // namespace ketascreen::server
