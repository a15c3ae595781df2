#include "ketascreen/content_report.hpp"

#include <algorithm>
#include <vector>

#include "ketascreen/example_answers.hpp"

namespace ketascreen {
namespace {

// Table cells must not break the Markdown table.
std::string cell(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string locales_of(const LocalizedText& text, const std::vector<std::string>& locales) {
  std::string missing;
  for (const auto& l : locales)
    if (!text.has(l)) missing += (missing.empty() ? "" : ", ") + l;
  return missing.empty() ? "all" : "missing " + missing;
}

// The questions a condition looks at, each once ("heart_condition", not "heart_condition or
// heart_condition" for a "yes or not sure" condition).
std::string questions_of(const Condition& c) {
  std::string out;
  std::vector<std::string> seen;
  for (const auto& t : c.terms) {
    if (std::find(seen.begin(), seen.end(), t.question) != seen.end()) continue;
    seen.push_back(t.question);
    out += (out.empty() ? "" : (c.combine == Condition::Combine::All ? " and " : " or ")) + t.question;
  }
  return out;
}

}  // namespace

std::string content_report(const ContentBundle& b, const Diagnostics& warnings) {
  const auto& locales = b.clinic.locales;
  std::string r = "# Content report: " + b.clinic.name + "\n\n";
  std::string joined;
  for (const auto& l : locales) joined += (joined.empty() ? "" : ", ") + l;
  r += "Locales: " + joined + ". Content hash: " + b.content_hash + ".\n\n";

  r += "## Questions (" + std::to_string(b.screening.questions.size()) + ")\n\n";
  r += "| # | id | kind | shown | text (en) | translations |\n| --- | --- | --- | --- | --- | --- |\n";
  for (size_t i = 0; i < b.screening.questions.size(); ++i) {
    const Question& q = b.screening.questions[i];
    r += "| " + std::to_string(i + 1) + " | `" + q.id + "` | " + std::string(to_string(q.kind)) + (q.required ? "" : ", optional") +
         " | " + (q.show_if ? "if " + questions_of(*q.show_if) : "always") + " | " + cell(q.text.get("en")) + " | " +
         locales_of(q.text, locales) + " |\n";
  }

  r += "\n## Rules (" + std::to_string(b.screening.rules.size()) + ")\n\n";
  r += "| id | when | severity | leads to | article |\n| --- | --- | --- | --- | --- |\n";
  for (const Rule& rule : b.screening.rules) {
    const Article* a = rule.article.empty() ? nullptr : b.find_article(rule.article, "en");
    r += "| `" + rule.id + "` | " + questions_of(rule.when) + " | " + std::string(to_string(rule.severity)) + " | " +
         std::string(to_string(outcome_for(rule.severity))) + " | " +
         (a ? cell(a->title) + " (`" + a->id + "`)" : std::string("**none**")) + " |\n";
  }

  r += "\n## Outcomes\n\n";
  for (Outcome o : kAllOutcomes) {
    const bool reachable = example_answers(b.screening, o).has_value();
    r += "- `" + std::string(to_string(o)) + "`: " + cell(b.screening.outcome_text(o).title.get("en")) +
         (reachable ? "" : " (**no answers lead here**)") + "\n";
  }

  r += "\n## Articles (" + std::to_string(b.article_ids().size()) + ")\n\n";
  r += "| id | title (en) | locales | last reviewed | linked from rules |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& id : b.article_ids()) {
    const Article* en = b.find_article(id, "en");
    std::string have, from;
    for (const auto& a : b.articles)
      if (a.id == id) have += (have.empty() ? "" : ", ") + a.locale;
    for (const Rule& rule : b.screening.rules)
      if (rule.article == id) from += (from.empty() ? "`" : ", `") + rule.id + "`";
    r += "| `" + id + "` | " + cell(en ? en->title : "") + " | " + have + " | " + (en ? en->last_reviewed : "") + " | " +
         (from.empty() ? "none" : from) + " |\n";
  }

  r += "\n## Missing text and other warnings (" + std::to_string(warnings.size()) + ")\n\n";
  if (warnings.empty()) r += "None.\n";
  for (const auto& w : warnings) r += "- " + w.to_string() + "\n";
  return r;
}

}  // namespace ketascreen
