// The provider network in the widget (plugins/providers.cpp), driven headlessly: the visitor's ZIP
// code to the nearest providers in order, their details, a choice, the referral form naming it and
// the payload carrying it; the telehealth and phone fallbacks; the service filter; the outcomes
// that offer no referral; Spanish; narrow screens; and a bundle without a network, unchanged.
// The network is made here (fictional providers at real places), so the tests do not move when the
// demo pack's directory does.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "../unit/test_support.hpp"
#include "headless_widget.hpp"
#include "ketascreen/providers.hpp"
#include "ketascreen/session.hpp"

using ketascreen::Answers;
using ketascreen::AnswerValue;
using ketascreen::ContentBundle;
using ketascreen::GeoPoint;
using ketascreen::Provider;
using ketascreen::ProviderNetwork;
using ketascreen::Service;
using ketascreen::widgets::WidgetOptions;
using widget_test::HeadlessWidget;
using widget_test::Value;
using namespace test_support;

namespace {

constexpr GeoPoint kPrefix662{38.94, -94.69};  // Johnson County, KS (66209 is Overland Park)

Provider provider(std::string id, std::string name, std::string city, std::string state, GeoPoint at,
                  std::vector<Service> offers) {
  Provider p;
  p.id = std::move(id);
  p.name = std::move(name);
  p.city = std::move(city);
  p.state = std::move(state);
  p.location = at;
  p.offers = std::move(offers);
  p.languages = {"en"};
  p.phone = "(555) 010-0100";
  return p;
}

// Three providers near Overland Park, one in Wichita (licensed for telehealth in Kansas), a
// telehealth-only provider licensed in Kansas, Nebraska and Oregon, one in Eugene, OR.
ProviderNetwork test_network() {
  ProviderNetwork n;
  n.radius_miles = 60;
  Provider prairie = provider("ks-prairie", "Prairie Mind Ketamine", "Overland Park", "KS", {38.93, -94.72},
                              {Service::IvKetamine, Service::Esketamine, Service::Telehealth});
  prairie.telehealth_states = {"KS", "MO"};
  prairie.languages = {"en", "es"};
  prairie.takes_insurance = true;
  prairie.accessibility.set("en", "Step-free entrance");
  prairie.accessibility.set("es", "Entrada sin escalones");
  Provider river = provider("mo-river", "Riverside Infusions", "Kansas City", "MO", {39.06, -94.59},
                            {Service::IvKetamine, Service::Kap});
  Provider lawrence = provider("ks-lawrence", "Lawrence Ketamine Therapy", "Lawrence", "KS", {38.97, -95.24},
                               {Service::Kap});
  Provider wichita = provider("ks-wichita", "Wichita Wellness", "Wichita", "KS", {37.69, -97.34},
                              {Service::IvKetamine, Service::Telehealth});
  wichita.telehealth_states = {"KS"};
  Provider tele = provider("tele-plains", "Plains Telehealth", "Denver", "CO", {39.74, -104.99},
                           {Service::Kap, Service::Telehealth});
  tele.telehealth_only = true;
  tele.telehealth_states = {"KS", "NE", "OR"};
  Provider eugene = provider("or-eugene", "Willamette Ketamine", "Eugene", "OR", {44.05, -123.09}, {Service::IvKetamine});
  n.providers = {prairie, river, lawrence, wichita, tele, eugene};
  n.prefixes = {{"641", {39.05, -94.55}}, {"662", kPrefix662}, {"974", {44.05, -123.10}}};  // sorted
  return n;
}

ketascreen::LayoutEntry entry(std::string plugin) {
  ketascreen::LayoutEntry e;
  e.plugin = std::move(plugin);
  e.settings = Value::object();
  e.file = "layout.json";
  e.path = "$[0]";
  return e;
}

// The demo pack with the test network, and the providers plugin in its layout (or not).
ContentBundle network_bundle(bool with_plugin = true, bool with_network = true) {
  ContentBundle b = real_bundle();
  b.network = with_network ? test_network() : ProviderNetwork{};
  b.layout.erase(std::remove_if(b.layout.begin(), b.layout.end(), [](const auto& e) { return e.plugin == "providers"; }),
                 b.layout.end());
  if (with_plugin) {
    auto at = std::find_if(b.layout.begin(), b.layout.end(), [](const auto& e) { return e.plugin == "referral"; });
    b.layout.insert(at, entry("providers"));
  }
  return b;
}

const ketascreen::Question& question_on_screen(const HeadlessWidget& w, const ContentBundle& bundle) {
  const std::string text = w.node("checklist/question").name;
  for (const auto& q : bundle.screening.questions)
    if (q.text.get("en") == text || q.text.get("es") == text) return q;
  FAIL("no question with the text on screen: " << text);
  throw;
}

void answer_all(HeadlessWidget& w, const ContentBundle& bundle, const Answers& answers) {
  for (int guard = 0; w.has("checklist/question") && guard < 100; ++guard) {
    const auto& q = question_on_screen(w, bundle);
    const AnswerValue& a = answers.at(q.id);
    if (auto b = std::get_if<bool>(&a)) w.click(*b ? "checklist/answer/yes" : "checklist/answer/no");
    else w.click("checklist/answer/" + std::get<std::string>(a));
    w.click("checklist/next");
  }
}

// The provider tiles on screen, in order (ids after "providers/choice/").
std::vector<std::string> listed(const HeadlessWidget& w) {
  std::vector<std::string> ids;
  for (const auto& n : w.tree())
    if (n.id.rfind("providers/choice/", 0) == 0) ids.push_back(n.id.substr(17));
  return ids;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string miles_from_662(GeoPoint at) {
  return "About " + std::to_string(std::lround(ketascreen::distance_miles(kPrefix662, at))) + " miles away";
}

}  // namespace

TEST_CASE("providers: a ZIP code lists the nearest providers first, the choice goes into the form and the payload") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  CHECK(w.role_of("outcome/providers") == "button");
  CHECK(w.has("outcome/request"));  // straight to the form as well: whichever provider is soonest
  const size_t events_before = w.events.size();
  w.click("outcome/providers");
  CHECK(w.node("providers/title").name == "Providers near you");
  CHECK(w.node("providers/status").name == "Enter your 5-digit ZIP code to see the providers near you.");
  CHECK(listed(w) == std::vector<std::string>{"nearest"});  // nothing to rank without a ZIP code
  CHECK(w.node("providers/choice/nearest").checked);

  w.type_into("providers/zip", "66209");
  CHECK(w.role_of("providers/zip") == "textbox");
  // In-person providers within 60 miles nearest first, then telehealth licensed in Kansas.
  CHECK(listed(w) ==
        std::vector<std::string>{"ks-prairie", "mo-river", "ks-lawrence", "ks-wichita", "tele-plains", "nearest"});
  CHECK(w.node("providers/status").name == "3 providers near you, nearest first. Distances are approximate.");
  const auto& net = bundle.network;
  const std::string prairie = w.node("providers/choice/ks-prairie").name;
  CHECK(w.role_of("providers/choice/ks-prairie") == "radio");
  CHECK(prairie ==
        "Prairie Mind Ketamine. " + miles_from_662(net.find("ks-prairie")->location) +
            ", Overland Park, KS. Offers: IV ketamine, Esketamine (Spravato), Telehealth. Languages: English, Spanish. "
            "Takes insurance. Step-free entrance.");
  CHECK(contains(w.node("providers/choice/mo-river").name, miles_from_662(net.find("mo-river")->location)));
  CHECK(contains(w.node("providers/choice/mo-river").name, "Self-pay only (no insurance)"));
  CHECK(contains(w.node("providers/choice/ks-wichita").name, "By telehealth (licensed in KS), Wichita, KS"));
  const std::string tele = w.node("providers/choice/tele-plains").name;
  CHECK(contains(tele, "Telehealth only, licensed in KS, NE, OR"));
  CHECK_FALSE(contains(tele, "miles"));  // no distance for a telehealth-only provider
  CHECK(w.node("providers/choice/nearest").name == "Whichever provider can see me soonest");

  w.click("providers/choice/mo-river");
  CHECK(w.node("providers/choice/mo-river").checked);
  CHECK_FALSE(w.node("providers/choice/nearest").checked);
  w.click("providers/continue");
  CHECK(w.node("referral/title").name == "Request a consultation");
  CHECK(w.node("referral/provider").name == "Your request goes to Riverside Infusions.");
  CHECK(w.node("referral/zip").value == "66209");  // typed once
  CHECK(w.node("referral/choose-provider").name == "Choose a different provider");
  // Nothing of the ZIP code or the choice reached the page, and nothing was sent.
  CHECK(w.events.size() == events_before);
  CHECK(w.referrals.empty());

  w.type_into("referral/name", "Ana Example");
  w.type_into("referral/phone", "(555) 201-0142");
  w.click("referral/time/morning");
  w.click("referral/consent");
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);
  const Value& p = w.referrals.front();
  REQUIRE(p.find("provider") != nullptr);
  CHECK(p.find("provider")->as_string() == "mo-river");
  CHECK(p.find("contact")->find("zip")->as_string() == "66209");
  w.answer_referral(201);
  w.settle();
  CHECK(w.node("referral/sent-provider").name == "Your request went to Riverside Infusions.");
  // The provider calls, not the network's own clinic.
  CHECK(w.node("referral/sent-body").name.rfind("Thank you. The provider will contact you at the time you chose", 0) == 0);
}

TEST_CASE("providers: straight to the form sends nearest, the form's ZIP code fills the list, and a new choice is a new request") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/request");
  CHECK(w.node("referral/provider").name ==
        "Your request goes to whichever provider near you can see you soonest.");
  CHECK(w.node("referral/intro").name.rfind("Leave your details and the provider will contact you.", 0) == 0);
  CHECK(w.node("referral/time").name == "When may the provider contact you?");
  w.fill_referral("64111");
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 1);
  REQUIRE(w.referrals[0].find("provider") != nullptr);
  CHECK(w.referrals[0].find("provider")->as_string() == "nearest");
  w.answer_referral(0);  // a redirect: failed at once, as after the retries
  w.settle();

  // The visitor then picks a provider: the ZIP code from the form is already there.
  CHECK(w.node("referral/choose-provider").name == "Choose a provider near you");
  w.click("referral/choose-provider");
  CHECK(w.node("providers/zip").value == "64111");
  CHECK(listed(w).front() == "mo-river");  // Kansas City, MO is nearest to 641
  w.click("providers/choice/ks-prairie");
  w.click("providers/continue");
  CHECK(w.node("referral/provider").name == "Your request goes to Prairie Mind Ketamine.");
  w.click("referral/send");
  REQUIRE(w.referrals.size() == 2);
  CHECK(w.referrals[1].find("provider")->as_string() == "ks-prairie");
  CHECK(w.referrals[1].find("id")->as_string() != w.referrals[0].find("id")->as_string());
}

TEST_CASE("providers: none near offers the telehealth providers licensed in the state, else the network's phone") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/providers");

  // 675 (Hutchinson, KS) has no prefix entry: nobody within the radius.
  w.type_into("providers/zip", "67501");
  // (Prairie Mind is near Kansas City and licensed in Kansas too; by name, as distance means nothing.)
  CHECK(listed(w) == std::vector<std::string>{"tele-plains", "ks-prairie", "ks-wichita", "nearest"});
  CHECK(w.node("providers/status").name ==
        "No provider is within 60 miles of your ZIP code. These providers can see you by telehealth in KS.");
  for (const auto& id : {"ks-prairie", "ks-wichita", "tele-plains"}) CHECK_FALSE(contains(w.node(std::string("providers/choice/") + id).name, "miles away"));
  CHECK_FALSE(w.has("providers/call"));

  // Eugene, OR: one near, and the telehealth provider licensed in Oregon after it.
  w.clear_field("providers/zip");
  w.type_into("providers/zip", "97477");
  CHECK(listed(w) == std::vector<std::string>{"or-eugene", "tele-plains", "nearest"});
  CHECK(w.node("providers/status").name == "1 provider near you. Distances are approximate.");

  // New York: nobody near, nobody licensed there: the phone.
  w.clear_field("providers/zip");
  w.type_into("providers/zip", "10001");
  CHECK(listed(w) == std::vector<std::string>{"nearest"});
  CHECK(w.node("providers/status").name ==
        "No provider in the network is near your ZIP code. Please call " + bundle.clinic.phone + ": we will help you find one.");
  w.click("providers/call");
  REQUIRE(w.opened_urls.size() == 1);
  CHECK(w.opened_urls[0].rfind("tel:", 0) == 0);

  // Half a ZIP code lists nobody yet.
  w.clear_field("providers/zip");
  w.type_into("providers/zip", "662");
  CHECK(listed(w) == std::vector<std::string>{"nearest"});
  CHECK(w.node("providers/status").name == "Enter your 5-digit ZIP code to see the providers near you.");
}

TEST_CASE("providers: the service filter narrows the list, and a choice it hides goes back to the soonest") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/providers");
  CHECK(w.role_of("providers/service/any") == "radio");
  CHECK(w.node("providers/service/any").checked);
  for (const auto& id : {"iv_ketamine", "esketamine", "kap", "telehealth"}) CHECK(w.has(std::string("providers/service/") + id));
  w.type_into("providers/zip", "66209");
  w.click("providers/choice/ks-lawrence");
  w.click("providers/service/iv_ketamine");
  CHECK(w.node("providers/service/iv_ketamine").checked);
  CHECK_FALSE(w.node("providers/service/any").checked);
  CHECK(listed(w) == std::vector<std::string>{"ks-prairie", "mo-river", "ks-wichita", "nearest"});
  CHECK(w.node("providers/choice/nearest").checked);  // Lawrence offers no IV ketamine
  w.click("providers/service/kap");
  CHECK(listed(w) == std::vector<std::string>{"mo-river", "ks-lawrence", "tele-plains", "nearest"});
  w.click("providers/service/any");
  CHECK(listed(w).size() == 6);
}

TEST_CASE("providers: not offered after not_suitable_now, urgent_help or an incomplete checklist") {
  const ContentBundle bundle = network_bundle();
  for (const char* answer : {"pregnant_or_breastfeeding", "thoughts_of_self_harm"}) {
    CAPTURE(answer);
    HeadlessWidget w(bundle);
    Answers answers = all_clear_answers();
    answers[answer] = true;
    answer_all(w, bundle, answers);
    CHECK(w.has("outcome/title"));
    CHECK_FALSE(w.has("outcome/providers"));
    w.app().show_screen("providers");  // even if a host asks for it
    w.settle();
    CHECK(w.has("providers/not-offered"));
    CHECK_FALSE(w.has("providers/zip"));
    CHECK(listed(w).empty());
  }
  HeadlessWidget w(bundle);
  w.app().show_screen("providers");
  w.settle();
  CHECK(w.node("providers/not-offered").name == "Please answer the remaining questions first.");
  w.click("providers/back");
  CHECK(w.has("checklist/question"));
}

TEST_CASE("providers: without the plugin in the layout, or without providers, the widget is as it was") {
  for (auto [with_plugin, with_network] : {std::pair{false, true}, std::pair{true, false}}) {
    CAPTURE(with_plugin);
    const ContentBundle bundle = network_bundle(with_plugin, with_network);
    HeadlessWidget w(bundle);
    answer_all(w, bundle, all_clear_answers());
    CHECK_FALSE(w.has("outcome/providers"));
    w.click("outcome/request");
    CHECK_FALSE(w.has("referral/provider"));
    CHECK_FALSE(w.has("referral/choose-provider"));
    w.fill_referral("66209");
    w.click("referral/send");
    REQUIRE(w.referrals.size() == 1);
    CHECK(w.referrals[0].find("provider") == nullptr);
    CHECK(w.node("referral/time").name == "When may the clinic contact you?");
    w.answer_referral(201);
    w.settle();
    CHECK_FALSE(w.has("referral/sent-provider"));
    CHECK(w.node("referral/sent-body").name.find("will contact you at the time you chose") != std::string::npos);
    CHECK(w.node("referral/sent-body").name.find("The provider") == std::string::npos);
  }
}

TEST_CASE("providers: Spanish throughout") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle, {"es"});
  answer_all(w, bundle, all_clear_answers());
  CHECK(w.node("outcome/providers").name == "Buscar un proveedor cerca de usted");
  w.click("outcome/providers");
  CHECK(w.node("providers/title").name == "Proveedores cerca de usted");
  CHECK(w.node("providers/service/any").name == "Cualquier tratamiento");
  CHECK(w.node("providers/service/iv_ketamine").name == "Ketamina intravenosa");
  w.type_into("providers/zip", "66209");
  CHECK(w.node("providers/status").name ==
        "3 proveedores cerca de usted, del más cercano al más lejano. Las distancias son aproximadas.");
  const std::string prairie = w.node("providers/choice/ks-prairie").name;
  CHECK(contains(prairie, "Ofrece: Ketamina intravenosa, Esketamina (Spravato), Telesalud."));
  CHECK(contains(prairie, "Idiomas: inglés, español."));
  CHECK(contains(prairie, "Acepta seguro médico."));
  CHECK(contains(prairie, "Entrada sin escalones."));
  CHECK(contains(prairie, "A unas "));
  CHECK(contains(w.node("providers/choice/tele-plains").name, "Solo telesalud, con licencia en KS, NE, OR"));
  CHECK(w.node("providers/choice/nearest").name == "El proveedor que pueda atenderme primero");
  w.click("providers/choice/ks-prairie");
  w.click("providers/continue");
  CHECK(w.node("referral/provider").name == "Su solicitud se enviará a Prairie Mind Ketamine.");
  CHECK(w.node("referral/choose-provider").name == "Elegir otro proveedor");
}

TEST_CASE("providers: from 320 to 1000 px wide, the list stays on screen and every target is large") {
  for (float width : {320.0f, 390.0f, 1000.0f}) {
    CAPTURE(width);
    const ContentBundle bundle = network_bundle();
    HeadlessWidget w(bundle, {}, width);
    answer_all(w, bundle, all_clear_answers());
    w.click("outcome/providers");
    w.type_into("providers/zip", "66209");
    REQUIRE(listed(w).size() == 6);
    float bottom = 0;
    for (const auto& n : w.tree()) {
      CAPTURE(n.id);
      CHECK(n.rect.x >= 14);
      CHECK(n.rect.x + n.rect.w <= width - 14 + 0.5f);
      const std::string role = w.role_of(n.id);
      if (role == "button" || role == "radio" || role == "textbox") CHECK(n.rect.h >= 44);
      CHECK(n.rect.y >= bottom - 0.5f);  // in reading order, nothing on top of another
      bottom = std::max(bottom, n.rect.y);
    }
    // The filter's pills share lines on a wide screen.
    if (width == 1000.0f) CHECK(w.node("providers/service/iv_ketamine").rect.y == w.node("providers/service/any").rect.y);
  }
}

TEST_CASE("providers: the keyboard's nodes act as clicks do (the overlay's radios and field)") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.app().activate("outcome/providers");
  w.settle();
  w.app().set_value("providers/zip", "66209");
  w.settle();
  CHECK(listed(w).front() == "ks-prairie");
  w.app().focus("providers/choice/ks-lawrence");
  w.app().activate("providers/choice/ks-lawrence");
  w.settle();
  CHECK(w.node("providers/choice/ks-lawrence").checked);
  CHECK(w.node("providers/choice/ks-lawrence").focused);
  w.app().activate("providers/service/kap");
  w.settle();
  CHECK(w.node("providers/service/kap").checked);
  CHECK(w.node("providers/choice/ks-lawrence").checked);  // Lawrence offers it: the choice stays
}

TEST_CASE("providers: the list and the service filter are radio groups, the ZIP code a postal code, the count a status") {
  const ContentBundle bundle = network_bundle();
  HeadlessWidget w(bundle);
  answer_all(w, bundle, all_clear_answers());
  w.click("outcome/providers");
  w.type_into("providers/zip", "66209");
  CHECK(w.node("providers/zip").autocomplete == "postal-code");
  CHECK(w.node("providers/status").live == ketascreen::widgets::Live::Status);  // said as the list changes
  size_t choices = 0, services = 0;
  for (const auto& n : w.tree()) {
    if (w.role_of(n.id) != "radio") continue;
    CAPTURE(n.id);
    // Two groups, each one Tab stop, named by the heading above it.
    if (n.group == "providers/choice") {
      CHECK(n.group_label == "providers/list");
      ++choices;
    } else {
      CHECK(n.group == "providers/service");
      CHECK(n.group_label == "providers/service-title");
      ++services;
    }
  }
  CHECK(choices == 6);
  CHECK(services == 5);
  CHECK(w.role_of("providers/list") == "heading");
  CHECK(w.role_of("providers/service-title") == "heading");
}
