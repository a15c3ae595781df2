#pragma once
// A provider network for the server's tests, made here rather than taken from the demo content, so
// what is nearest to whom is fixed by the test: four sites around Kansas City and one far away, by
// their real ZIP centroids (ketascreen_zipdata), and a telehealth-only provider licensed in Kansas
// and Missouri. From Overland Park (66209) the order is op-ketamine (0 mi), olathe-iv, lawrence-kap,
// then tele-ks by licence; denver-iv is never near.

#include "inbox_client.hpp"
#include "ketascreen/zip_centroids.hpp"

namespace server_test {

inline Provider test_provider(const std::string& id, const std::string& name, const std::string& city,
                              const std::string& state, const std::string& zip, std::vector<Service> offers,
                              std::vector<std::string> telehealth_states = {}, bool telehealth_only = false) {
  Provider p;
  p.id = id;
  p.name = name;
  p.address = "1 Example Way";
  p.city = city;
  p.state = state;
  p.zip = zip;
  p.phone = "(555) 010-0100";
  p.offers = std::move(offers);
  p.telehealth_states = std::move(telehealth_states);
  p.telehealth_only = telehealth_only;
  p.languages = {"en"};
  p.intake.email = "intake@" + id + ".example.org";
  auto place = locate_zip(zip);
  REQUIRE_MESSAGE(place, (std::string("no centroid for ") + zip));
  p.location = place->centre;
  return p;
}

inline ProviderNetwork test_network() {
  ProviderNetwork n;
  n.radius_miles = 60;
  n.providers = {
      test_provider("op-ketamine", "Overland Park Ketamine", "Overland Park", "KS", "66209",
                    {Service::IvKetamine, Service::Kap}),
      test_provider("olathe-iv", "Olathe IV Clinic", "Olathe", "KS", "66061", {Service::IvKetamine}),
      test_provider("lawrence-kap", "Lawrence KAP", "Lawrence", "KS", "66044", {Service::Kap}),
      test_provider("denver-iv", "Denver IV", "Denver", "CO", "80202", {Service::IvKetamine}),
      test_provider("tele-ks", "Prairie Telehealth", "Topeka", "KS", "66603", {Service::Telehealth, Service::Kap},
                    {"KS", "MO"}, true),
  };
  return n;
}

// The fixture's content with the test network.
inline void use_network(ServerFixture& f, ProviderNetwork network = test_network()) {
  f.context.bundles.front().network = std::move(network);
}

// A referral from a visitor at `zip` who chose `provider` ("nearest", an id, or "" for none sent).
inline std::string routed(ServerFixture& f, const std::string& zip, const std::string& provider,
                          const std::string& name = "Test Visitor") {
  ReferralDraft draft = f.visitor(name);
  draft.zip = zip;
  draft.provider = provider;
  json::Value p = f.payload_with(draft);
  Response r = f.post(p);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return p.find("id")->as_string();
}

inline ReferralRecord stored(ServerFixture& f, const std::string& id) {
  auto found = f.store->find_referral(id);
  REQUIRE(found.ok());
  REQUIRE(found.value->has_value());
  return **found.value;
}

inline std::vector<RouteHop> chain_of(ServerFixture& f, const std::string& id) {
  auto hops = f.store->hops_of(id);
  REQUIRE(hops.ok());
  return *hops.value;
}

inline std::vector<AuditEntry> audit_rows(ServerFixture& f) {
  auto rows = f.store->audit_log(1000, 0);
  REQUIRE(rows.ok());
  return *rows.value;
}

// The audit row for `action` on `referral_id` by `user` ("" when there is none).
inline std::string audit_detail(ServerFixture& f, const std::string& user, const std::string& action,
                                const std::string& referral_id) {
  for (const auto& e : audit_rows(f))
    if (e.user_name == user && e.action == action && e.referral_id == referral_id) return e.detail;
  return "";
}

// Staff of one provider, signed in.
inline Staff provider_staff(ServerFixture& f, const std::string& name, const std::string& provider) {
  add_staff(f, name, "intake", provider);
  return sign_in(f, name);
}

inline Staff network_admin(ServerFixture& f, const std::string& name = "nina") {
  add_staff(f, name, "admin");
  return sign_in(f, name);
}

}  // namespace server_test
