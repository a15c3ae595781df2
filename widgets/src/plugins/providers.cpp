// The provider network's picker (DESIGN.md "Provider network"): after a result that offers a
// consultation, the visitor's ZIP code (the referral form's own field, so it is typed once) finds
// the providers nearest to them, ranked here from the bundle's 3-digit ZIP prefix centroids: the
// ZIP code never leaves the browser before Send and nothing is fetched. The visitor picks a
// provider, or whichever can see them soonest ("nearest"); the referral form names the choice and
// the payload carries it. With no provider near: the telehealth providers licensed in the ZIP
// code's state, else the network's phone. A single clinic's layout leaves this plugin out.

#include <cmath>

#include "../plugin.hpp"
#include "../ui.hpp"
#include "ketascreen/providers.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {
namespace {

constexpr size_t kListed = 5;  // providers shown at most

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string service_label(Service service, const Flow& flow) {
  return std::string(flow.text("service." + std::string(to_string(service))));
}

// "en" -> "English" (or "inglés"); a code we have no name for shows as itself.
std::string language_name(const std::string& code, const Flow& flow) {
  const std::string key = "language." + code;
  const std::string_view name = flow.text(key);
  return name == key ? code : std::string(name);
}

std::string distance_text(double miles, const Flow& flow) {
  const long rounded = std::lround(miles);
  if (miles < 1) return std::string(flow.text("providers.miles_under_one"));
  if (rounded == 1) return std::string(flow.text("providers.miles_one"));
  return fill(flow.text("providers.miles"), {{"miles", std::to_string(rounded)}});
}

// The lines under a provider's name: where (or how) it sees people, what it offers, languages,
// insurance, accessibility.
std::string provider_details(const RankedProvider& r, const std::string& state, const Flow& flow) {
  const Provider& p = *r.provider;
  std::vector<std::string> lines;
  if (p.telehealth_only) {
    lines.push_back(fill(flow.text("providers.telehealth_only"), {{"states", join(p.telehealth_states)}}));
  } else if (r.by_telehealth) {
    lines.push_back(fill(flow.text("providers.by_telehealth"), {{"state", state}}) + ", " + p.city + ", " + p.state);
  } else {
    lines.push_back(distance_text(r.miles, flow) + ", " + p.city + ", " + p.state);
  }
  std::vector<std::string> offers, languages;
  for (Service s : p.offers) offers.push_back(service_label(s, flow));
  for (const auto& code : p.languages) languages.push_back(language_name(code, flow));
  if (!offers.empty()) lines.push_back(fill(flow.text("providers.offers"), {{"list", join(offers)}}));
  if (!languages.empty()) lines.push_back(fill(flow.text("providers.languages"), {{"list", join(languages)}}));
  lines.emplace_back(flow.text(p.takes_insurance ? "providers.insurance_yes" : "providers.insurance_no"));
  if (const std::string& note = p.accessibility.get(flow.locale()); !note.empty()) lines.push_back(note);
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

class ProvidersScreen : public Plugin {
 public:
  void reset() override { service_ = "any"; }

  void draw(Ui& ui, Flow& flow) override {
    const Evaluation e = flow.session().evaluation();
    ui.heading("providers/title", flow.text("providers.title"), 1);

    // Only outcomes that offer a consultation reach this screen; say so if another one does.
    if (e.outcome == Outcome::UrgentHelp || e.outcome == Outcome::Incomplete || e.outcome == Outcome::NotSuitableNow) {
      ui.text("providers/not-offered",
              flow.text(e.outcome == Outcome::Incomplete ? "referral.not_offered_incomplete"
                        : e.outcome == Outcome::UrgentHelp ? "referral.not_offered_urgent"
                                                           : "referral.not_offered_not_suitable"));
      if (ui.button("providers/back", flow.text("nav.back"), ButtonKind::Secondary)) flow.back();
      return;
    }

    const ContentBundle& bundle = flow.bundle();
    const ProviderNetwork& network = bundle.network;
    ReferralDraft& draft = flow.session().referral();
    if (draft.provider.empty()) draft.provider = std::string(kNearestProvider);

    ui.text("providers/intro", flow.text("providers.intro"), TextStyle::Muted);
    ui.text_field("providers/zip", flow.text("providers.zip"), draft.zip, "zip", {}, "postal-code");
    draw_filter(ui, flow, network);

    // Where the visitor is: the centroid of their ZIP code's first 3 digits. A prefix the bundle
    // does not carry has no provider within the radius (the bundle carries every one that has).
    const std::optional<std::string> zip = normalize_zip(draft.zip);
    std::vector<RankedProvider> ranked;
    std::string state;
    if (zip) {
      state = state_of_zip(*zip).value_or("");
      ProviderQuery query;
      query.state = state;
      query.service = parse_service(service_);
      query.limit = kListed;
      // Without a prefix entry `from` stays unset: those licensed in the state, by telehealth,
      // listed by name (distance means nothing there).
      if (const ZipPrefixCentroid* prefix = network.find_prefix(zip->substr(0, 3))) query.from = prefix->centre;
      ranked = rank_providers(network, query);
    }
    const bool any_near = !ranked.empty() && !ranked.front().by_telehealth;

    // The status line is what a screen reader hears as the list changes.
    std::string status;
    if (!zip) {
      status = flow.text("providers.status_enter_zip");
    } else if (any_near) {
      size_t near = 0;
      for (const auto& r : ranked) near += r.by_telehealth ? 0 : 1;
      status = near == 1 ? std::string(flow.text("providers.status_near_one"))
                         : fill(flow.text("providers.status_near"), {{"count", std::to_string(near)}});
    } else if (!ranked.empty()) {
      status = fill(flow.text(ranked.size() == 1 ? "providers.status_telehealth_one" : "providers.status_telehealth"),
                    {{"radius", std::to_string(std::lround(network.radius_miles))}, {"state", state}});
    } else {
      status = fill(flow.text("providers.status_none"), {{"phone", bundle.clinic.phone}});
    }
    ui.status("providers/status", status, zip && ranked.empty() ? TextStyle::Strong : TextStyle::Body);
    if (zip && ranked.empty() &&
        ui.link("providers/call", fill(flow.text("providers.call"), {{"phone", bundle.clinic.phone}})))
      flow.open_url(tel_href(bundle.clinic.phone));

    // A choice the list no longer shows (another ZIP code, another filter) goes back to "soonest":
    // what is chosen is always what is ticked on screen.
    bool listed = draft.provider == kNearestProvider;
    for (const auto& r : ranked) listed = listed || r.provider->id == draft.provider;
    if (!listed) draft.provider = std::string(kNearestProvider);

    ui.spacing(4);
    ui.heading("providers/list", flow.text("providers.list"), 3);
    ui.begin_radio_group("providers/choice", "providers/list");
    for (const auto& r : ranked) {
      const Provider& p = *r.provider;
      if (ui.choice("providers/choice/" + p.id, p.name, draft.provider == p.id, provider_details(r, state, flow)))
        draft.provider = p.id;
    }
    if (ui.choice("providers/choice/nearest", flow.text("providers.nearest"), draft.provider == kNearestProvider))
      draft.provider = std::string(kNearestProvider);
    ui.end_radio_group();

    ui.spacing(8);
    if (flow.has("referral") &&
        ui.button("providers/continue", flow.text("providers.continue"), ButtonKind::Primary, false, true))
      flow.show("referral");
    if (ui.link("providers/back", flow.text("nav.back"))) flow.back();
  }

 private:
  // Treatments to narrow the list to: those some provider offers, when there is more than one.
  void draw_filter(Ui& ui, const Flow& flow, const ProviderNetwork& network) {
    std::vector<std::pair<std::string, std::string>> options{{"any", std::string(flow.text("providers.service_any"))}};
    for (Service s : kAllServices) {
      for (const auto& p : network.providers) {
        if (!p.offers_service(s)) continue;
        options.emplace_back(std::string(to_string(s)), service_label(s, flow));
        break;
      }
    }
    if (options.size() <= 2) {
      service_ = "any";
      return;
    }
    ui.heading("providers/service-title", flow.text("providers.service"), 3);
    ui.chips("providers/service", "providers/service-title", options, service_);
  }

  std::string service_ = "any";  // a Service id, or "any"
};

}  // namespace

std::unique_ptr<Plugin> create_providers(PluginSettings& settings, const ContentBundle& /*bundle*/) {
  settings.finish();
  return std::make_unique<ProvidersScreen>();
}

}  // namespace ketascreen::widgets
