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

}  // namespace ketascreen::server
