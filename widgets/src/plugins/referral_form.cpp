// The referral request form of DESIGN.md "Referral": name, phone and/or email, ZIP code, preferred
// contact time and consent. Field messages appear once Send was tried, and follow every edit after
// that. Nothing leaves the browser before Send; the host posts the payload and reports progress,
// and whatever happens the person's input stays in the form. In a referral network the form names
// the provider the request goes to (plugins/providers.cpp is where the visitor chooses).

#include <algorithm>

#include "../plugin.hpp"
#include "../ui.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {
namespace {

std::string error_for(const std::vector<FieldError>& errors, ReferralField field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return {};
}

class ReferralForm : public Plugin {
 public:
  void reset() override {
    tried_send_ = false;  // failed_sends_ goes on counting: the host announces each new number
    last_sent_ = {};
  }

  void draw(Ui& ui, Flow& flow) override {
    const Evaluation e = flow.session().evaluation();
    const Clinic& clinic = flow.bundle().clinic;
    // Sent: its own heading is the screen's only one.
    const ReferralStatus status = flow.referral_status();
    if (status == ReferralStatus::Sent && offers_referral(e.outcome)) {
      draw_sent(ui, flow, clinic);
      return;
    }
    ui.heading("referral/title", flow.text("referral.title"), 1);

    // Only outcomes that offer a consultation reach this screen; say so if another one does.
    if (!offers_referral(e.outcome)) {
      ui.text("referral/not-offered",
              flow.text(e.outcome == Outcome::Incomplete ? "referral.not_offered_incomplete"
                        : e.outcome == Outcome::UrgentHelp ? "referral.not_offered_urgent"
                                                           : "referral.not_offered_not_suitable"));
      if (ui.button("referral/back", flow.text("referral.back"), ButtonKind::Secondary)) flow.back();
      return;
    }

    ReferralDraft& draft = flow.session().referral();
    const bool network = !draft.provider.empty();
    ui.text("referral/intro", flow.text(network ? "referral.intro_network" : "referral.intro"), TextStyle::Muted);
    const Provider* provider = settle_provider(flow, draft);
    if (!draft.provider.empty())
      ui.text("referral/provider", provider ? fill(flow.text("referral.provider_chosen"), {{"provider", provider->name}})
                                            : std::string(flow.text("referral.provider_nearest")));
    // When the person first saw the form: the receiving server refuses a Send a moment later,
    // which only a script manages (shared/DESIGN.md "Referral").
    if (draft.form_opened_at.empty()) draft.form_opened_at = format_rfc3339(flow.now_ms());
    const std::vector<FieldError> errors =
        tried_send_ ? validate_referral(draft, clinic, flow.locale()) : std::vector<FieldError>{};
    const bool busy = status == ReferralStatus::Sending || status == ReferralStatus::Retrying ||
                      status == ReferralStatus::Offline;
    if (!errors.empty()) draw_summary(ui, flow, errors);

    ui.text_field("referral/name", flow.text("referral.name"), draft.name, "text", error_for(errors, ReferralField::Name),
                  "name");
    ui.text("referral/contact-hint", flow.text("referral.contact_hint"), TextStyle::Small);
    // "phone or email" is one rule: its message shows under the phone field.
    ui.text_field("referral/phone", flow.text("referral.phone"), draft.phone, "tel", error_for(errors, ReferralField::Phone),
                  "tel");
    ui.text_field("referral/email", flow.text("referral.email"), draft.email, "email", error_for(errors, ReferralField::Email),
                  "email");
    ui.text_field("referral/zip", flow.text("referral.zip"), draft.zip, "zip", error_for(errors, ReferralField::Zip),
                  "postal-code");

    ui.heading("referral/time", flow.text(network ? "referral.time_network" : "referral.time"), 3);
    ui.begin_radio_group("referral/time", "referral/time");
    for (const auto& option : clinic.referral.contact_times) {
      if (ui.choice("referral/time/" + option.id, option.label.get(flow.locale()), draft.preferred_time == option.id))
        draft.preferred_time = option.id;
    }
    ui.end_radio_group(error_for(errors, ReferralField::PreferredTime));  // "referral/time/error"

    ui.spacing(4);
    const bool was_given = draft.consent;
    ui.checkbox("referral/consent", clinic.referral.consent_text.get(flow.locale()), draft.consent,
                error_for(errors, ReferralField::Consent));
    if (draft.consent && !was_given) draft.consent_given_at = format_rfc3339(flow.now_ms());
    if (!draft.consent) draft.consent_given_at.clear();

    ui.spacing(4);
    if (ui.button("referral/send", flow.text(busy ? "referral.sending" : "referral.send"), ButtonKind::Primary, busy, true))
      send(flow);
    draw_status(ui, flow, status);
    // After Send, so the form's fields stay one Tab each from its heading to Send.
    if (!draft.provider.empty() &&
        ui.link("referral/choose-provider", flow.text(provider ? "referral.change_provider" : "referral.choose_provider")))
      flow.show("providers");
    if (ui.link("referral/call", fill(flow.text("referral.call_instead"), {{"phone", clinic.phone}})))
      flow.open_url(tel_href(clinic.phone));
  }

 private:
  static bool offers_referral(Outcome outcome) {
    return outcome == Outcome::LikelyCandidate || outcome == Outcome::DiscussWithProvider;
  }

  // Above the fields, what to fix in one sentence: the screen reader's one announcement of a Send
  // with mistakes (each field's own message is its description, heard on reaching it). `live`
  // counts the Sends, so a second Send with the same mistakes is announced again; the host then
  // moves the focus to the first field in error.
  void draw_summary(Ui& ui, Flow& flow, const std::vector<FieldError>& errors) const {
    std::string names;
    for (const auto& e : errors) {
      if (!names.empty()) names += ", ";
      names += flow.text(field_key(e.field));
    }
    const std::string_view pattern = flow.text(errors.size() == 1 ? "referral.fix_one" : "referral.fix_many");
    ui.summary("referral/summary", fill(pattern, {{"count", std::to_string(errors.size())}, {"fields", names}}), failed_sends_);
    ui.spacing(4);  // apart from the first field's label
  }

  // The short name of a field, for the summary.
  static const char* field_key(ReferralField field) {
    switch (field) {
      case ReferralField::Name: return "referral.field_name";
      case ReferralField::Phone: return "referral.phone";
      case ReferralField::Email: return "referral.email";
      case ReferralField::Zip: return "referral.zip";
      case ReferralField::PreferredTime: return "referral.field_time";
      case ReferralField::Consent: return "referral.field_consent";
    }
    return "referral.field_name";
  }

  // A referral network (the layout has the providers plugin and the bundle providers): the draft
  // names a provider, "nearest" until the visitor chooses one. Anything else sends no provider, as
  // a single clinic always did. Returns the chosen provider, nullptr for "nearest" or none.
  static const Provider* settle_provider(Flow& flow, ReferralDraft& draft) {
    const ProviderNetwork& network = flow.bundle().network;
    if (!flow.has("providers") || network.empty()) {
      draft.provider.clear();
      return nullptr;
    }
    const Provider* chosen = draft.provider == kNearestProvider ? nullptr : network.find(draft.provider);
    if (!chosen) draft.provider = std::string(kNearestProvider);  // none yet, or gone from new content
    return chosen;
  }

  void send(Flow& flow) {
    tried_send_ = true;
    Session& session = flow.session();
    if (!validate_referral(session.referral(), flow.bundle().clinic, flow.locale()).empty()) {
      ++failed_sends_;
      return;
    }
    // One id per request, kept for retries and for a second Send of the same details after a
    // failure, so the clinic never gets the same request twice under different ids. Changed
    // details make a new request.
    if (!session.referral_context() || !same_request(session.referral(), last_sent_)) {
      session.set_referral_context({uuid_v4(flow.random_bytes()), format_rfc3339(flow.now_ms()), flow.locale()});
      last_sent_ = session.referral();
    }
    auto payload = build_referral_payload(flow.bundle(), session.effective_answers(), session.referral(),
                                          *session.referral_context());
    if (payload.ok()) flow.submit_referral(payload.value());
  }

  void draw_status(Ui& ui, Flow& flow, ReferralStatus status) {
    switch (status) {
      case ReferralStatus::Editing:
      case ReferralStatus::Sent: break;
      case ReferralStatus::Sending: ui.status("referral/status", flow.text("referral.status_sending"), TextStyle::Muted); break;
      case ReferralStatus::Retrying:
        ui.status("referral/status",
                fill(flow.text("referral.status_retrying"), {{"seconds", std::to_string(flow.referral_retry_in_seconds())}}),
                TextStyle::Error);
        break;
      case ReferralStatus::Offline:
        ui.status("referral/status", flow.text("referral.status_offline"), TextStyle::Error);
        break;
      case ReferralStatus::Failed: {
        // Only a refusal of the request itself (4xx) asks the visitor to check their details; a
        // server error after the retries is the clinic's system not answering. The phone is in
        // the "call instead" link below, so the message does not repeat it.
        const int http = flow.referral_http_status();
        const char* key = http == 0 ? "referral.status_failed_network"
                          : http >= 500 ? "referral.status_failed_server" : "referral.status_failed_http";
        ui.status("referral/status", fill(flow.text(key), {{"status", std::to_string(http)}}), TextStyle::Error);
        break;
      }
    }
  }

  // One heading with a success mark, what happens next, and the two ways on, each once: back to
  // the result, or start over (a shared device). The articles are the footer's link, as on every screen.
  void draw_sent(Ui& ui, Flow& flow, const Clinic& clinic) {
    ui.marked_heading("referral/status", flow.text("referral.sent_title"), 1, Marker::Check);
    const ReferralDraft& draft = flow.session().referral();
    if (draft.provider.empty()) {
      ui.text("referral/sent-body", fill(flow.text("referral.sent_body"), {{"clinic", clinic.name}, {"phone", clinic.phone}}));
    } else {
      // Who has it first, then what happens next: the provider calls, or the next one near.
      const Provider* p = flow.bundle().network.find(draft.provider);
      ui.text("referral/sent-provider", p ? fill(flow.text("referral.sent_to"), {{"provider", p->name}})
                                          : std::string(flow.text("referral.sent_to_nearest")));
      ui.text("referral/sent-body", flow.text("referral.sent_body_network"));
    }
    ui.spacing(6);
    if (flow.has("outcome") && ui.link("referral/back-to-result", flow.text("referral.back_to_result"))) flow.show("outcome");
    if (ui.link("referral/start-over", flow.text("referral.start_over"))) flow.start_over();
  }

  static bool same_request(const ReferralDraft& a, const ReferralDraft& b) {
    return a.name == b.name && a.phone == b.phone && a.email == b.email && a.zip == b.zip &&
           a.preferred_time == b.preferred_time && a.consent == b.consent && a.provider == b.provider;
  }

  bool tried_send_ = false;
  int failed_sends_ = 0;  // Sends refused for mistakes: each is announced once
  ReferralDraft last_sent_;
};

}  // namespace

std::unique_ptr<Plugin> create_referral_form(PluginSettings& settings, const ContentBundle& /*bundle*/) {
  settings.finish();
  return std::make_unique<ReferralForm>();
}

}  // namespace ketascreen::widgets
