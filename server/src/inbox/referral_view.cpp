#include "referral_view.hpp"

#include "ketascreen/json_value.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::server {
namespace {

std::optional<json::Value> open_payload(const ServerContext& context, const ReferralRecord& record) {
  auto plain = context.keys.open(record.sealed, "referral:" + record.id);
  if (!plain) return std::nullopt;
  auto parsed = json::parse(*plain);
  if (!parsed) return std::nullopt;
  return parsed.value();
}

std::string string_at(const json::Value& root, const char* object, const char* member) {
  const json::Value* o = root.find(object);
  const json::Value* v = o ? o->find(member) : nullptr;
  return v && v->is_string() ? v->as_string() : "";
}

std::string answer_text(const Question& question, const AnswerValue& value, const std::string& locale) {
  if (const bool* yes = std::get_if<bool>(&value)) return std::string(ui_text(*yes ? "answer.yes" : "answer.no", locale));
  if (const std::string* option = std::get_if<std::string>(&value)) {
    for (const auto& o : question.options)
      if (o.id == *option) return o.label.get(locale);
    return *option;
  }
  std::string text = json::format_number(std::get<double>(value));
  if (!question.unit.empty()) text += " " + question.unit.get(locale);
  return text;
}

AnswerLine answer_line(const Screening& screening, const Answers& answers, const std::string& id,
                       const std::string& locale) {
  AnswerLine line{id, id, ""};
  const Question* q = screening.find_question(id);
  if (q) line.question = q->text.get(locale);
  auto it = answers.find(id);
  if (it != answers.end()) line.answer = q ? answer_text(*q, it->second, locale) : "";
  else line.answer = "(not answered)";
  return line;
}

std::string label_of(const std::vector<ChoiceOption>& options, const std::string& id, const std::string& locale) {
  for (const auto& o : options)
    if (o.id == id) return o.label.get(locale);
  return id;
}

}  // namespace

std::string staff_locale(const ServerContext& context) {
  const auto& locales = context.current().clinic.locales;
  return locales.empty() ? std::string(kFallbackLocale) : locales.front();
}

std::string referral_name(const ServerContext& context, const ReferralRecord& record) {
  auto payload = open_payload(context, record);
  return payload ? string_at(*payload, "contact", "name") : "";
}

ReferralView read_referral_view(const ServerContext& context, const ReferralRecord& record) {
  ReferralView view;
  view.record = record;
  const std::string locale = staff_locale(context);
  auto payload = open_payload(context, record);
  if (!payload) {
    view.problem = "The stored request could not be opened with this server's key file.";
    return view;
  }
  view.name = string_at(*payload, "contact", "name");
  view.phone = string_at(*payload, "contact", "phone");
  view.email = string_at(*payload, "contact", "email");
  view.zip = string_at(*payload, "contact", "zip");
  const std::string time_id = string_at(*payload, "contact", "preferred_time");
  view.content_hash = string_at(*payload, "screening", "content_hash");

  const ContentBundle& bundle = context.bundle_for(view.content_hash);
  view.preferred_time = label_of(bundle.clinic.referral.contact_times, time_id, locale);
  if (auto o = outcome_from_string(record.outcome)) view.outcome_title = bundle.screening.outcome_text(*o).title.get(locale);
  if (view.outcome_title.empty()) view.outcome_title = record.outcome;

  auto received = read_referral_payload(bundle, *payload);
  if (!received) {
    // The content changed since and the old bundle is no longer configured (previous_content):
    // the answers stay readable as sent, without the words they were asked in.
    view.problem = "This request was screened with content that is no longer loaded (add it to previous_content to "
                   "see the questions' words); answers are shown as sent.";
    if (const json::Value* s = payload->find("screening"))
      if (const json::Value* a = s->find("answers"); a && a->is_object())
        for (const auto& [id, value] : a->as_object())
          view.answers.push_back({id, id, json::serialize(value)});
    return view;
  }
  const Screening& screening = bundle.screening;
  for (const Question* q : visible_questions(screening, received->answers))
    view.answers.push_back(answer_line(screening, received->answers, q->id, locale));
  for (const Flag& flag : received->evaluation.flags) {
    FlagLine line;
    line.severity = std::string(to_string(flag.severity));
    line.reason = flag.source ? flag.source->reason.get(locale) : flag.rule;
    line.raised_by = answer_line(screening, received->answers, flag.question, locale);
    view.flags.push_back(std::move(line));
  }
  view.received = std::move(received).value();
  return view;
}

}  // namespace ketascreen::server
