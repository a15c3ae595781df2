// Routing at receipt (referral_api.cpp, routing.cpp): where each referral goes in a provider
// network and why, stored with it in one transaction, and who is told.
#include <algorithm>

#include "background_jobs.hpp"
#include "network_fixture.hpp"
#include "notification_events.hpp"
#include "referral_routing.hpp"
#include "routing.hpp"

using namespace server_test;

namespace {

std::vector<OutboxItem> outbox_of(ServerFixture& f, const std::string& referral_id) {
  auto items = f.store->notifications(1000, 0);
  REQUIRE(items.ok());
  std::vector<OutboxItem> out;
  for (const auto& item : *items.value)
    if (item.referral_id == referral_id) out.push_back(item);
  std::reverse(out.begin(), out.end());  // oldest first
  return out;
}

std::string event_type(const OutboxItem& item) {
  auto body = json::parse(item.body);
  REQUIRE(body);
  return body.value().find("type")->as_string();
}

std::string event_provider(const OutboxItem& item) {
  auto body = json::parse(item.body);
  REQUIRE(body);
  const json::Value* provider = body.value().find("data")->find("provider");
  return provider ? provider->as_string() : "";
}

constexpr std::int64_t kHour = 3600000;

}  // namespace

TEST_CASE("routing: the visitor's choice stands while that provider is in the network (visitor_choice)") {
  ServerFixture f;
  use_network(f);
  // Lawrence is not the nearest to Overland Park: the choice, not the distance, decides.
  const std::string id = routed(f, "66209", "lawrence-kap");
  ReferralRecord r = stored(f, id);
  CHECK(r.provider == "lawrence-kap");
  CHECK(r.routing_reason == "visitor_choice");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].seq == 1);
  CHECK(chain[0].provider == "lawrence-kap");
  CHECK(chain[0].reason == "visitor_choice");
  CHECK(chain[0].state == "requested");
  CHECK(chain[0].requested_at == r.received_at);
  REQUIRE(chain[0].due_at);
  CHECK(*chain[0].due_at == r.received_at + 48 * kHour);  // network.accept_within_hours' default
}

TEST_CASE("routing: nearest, or no provider sent, goes to the nearest by the full 5-digit ZIP (nearest)") {
  ServerFixture f;
  use_network(f);
  // 66044 (Lawrence) and 66061 (Olathe) share the prefix 660, the most the widget knew: only the
  // 5-digit centroid tells them apart.
  const std::string lawrence = routed(f, "66044", "nearest");
  const std::string olathe = routed(f, "66061", "nearest");
  const std::string unnamed = routed(f, "66209", "");  // a widget without the providers plugin
  CHECK(stored(f, lawrence).provider == "lawrence-kap");
  CHECK(stored(f, olathe).provider == "olathe-iv");
  CHECK(stored(f, unnamed).provider == "op-ketamine");
  for (const auto& id : {lawrence, olathe, unnamed}) {
    CHECK(stored(f, id).routing_reason == "nearest");
    REQUIRE(chain_of(f, id).size() == 1);
    CHECK(chain_of(f, id).at(0).reason == "nearest");
  }
  // Nobody within the radius of Wichita: the telehealth provider licensed in Kansas.
  const std::string wichita = routed(f, "67202", "nearest");
  CHECK(stored(f, wichita).provider == "tele-ks");
}

TEST_CASE("routing: a chosen provider that left the network goes to the nearest (chosen_provider_gone)") {
  ServerFixture f;
  use_network(f);
  ReferralDraft draft = f.visitor();
  draft.zip = "66061";
  draft.provider = "lawrence-kap";
  json::Value p = f.payload_with(draft);  // built while Lawrence was listed (a cached widget)
  ProviderNetwork without = test_network();
  without.providers.erase(std::remove_if(without.providers.begin(), without.providers.end(),
                                         [](const Provider& x) { return x.id == "lawrence-kap"; }),
                          without.providers.end());
  use_network(f, without);
  REQUIRE(f.post(p).status == 201);
  ReferralRecord r = stored(f, p.find("id")->as_string());
  CHECK(r.provider == "olathe-iv");
  CHECK(r.routing_reason == "chosen_provider_gone");
  CHECK(chain_of(f, r.id).at(0).reason == "chosen_provider_gone");
}

TEST_CASE("routing: a single clinic's referral goes to the clinic, with no time limit (single_clinic)") {
  ServerFixture f;
  const std::string id = received(f);
  ReferralRecord r = stored(f, id);
  CHECK(r.provider == f.bundle().clinic.id);
  CHECK(r.routing_reason == "single_clinic");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].reason == "single_clinic");
  CHECK_FALSE(chain[0].due_at);  // nobody to forward it to
  f.clock += 1000 * kHour;
  CHECK(forward_overdue(f.context) == 0);
  CHECK(stored(f, id).provider == f.bundle().clinic.id);
}

TEST_CASE("routing: nobody suitable near leaves it unassigned for network admins (no_provider_near)") {
  ServerFixture f;
  use_network(f);
  // Billings, Montana: no site within 60 miles, no telehealth licence in MT.
  const std::string id = routed(f, "59101", "nearest", "Montana Visitor");
  ReferralRecord r = stored(f, id);
  CHECK(r.provider.empty());
  CHECK(r.routing_reason == "no_provider_near");
  CHECK(chain_of(f, id).empty());
  Staff admin = network_admin(f);
  Response unassigned = admin.get("/inbox?provider=unassigned");
  CHECK(contains(unassigned.body, "Montana Visitor"));
  Response page = admin.get("/inbox/referrals/" + id);
  REQUIRE(page.status == 200);
  CHECK(contains(page.body, "Unassigned: No provider near the visitor"));
  Staff op = provider_staff(f, "opal", "op-ketamine");
  CHECK_FALSE(contains(op.get("/inbox").body, "Montana Visitor"));
  CHECK(op.get("/inbox/referrals/" + id).status == 404);
}

TEST_CASE("routing: the pure decisions, without a database") {
  const ProviderNetwork n = test_network();
  CHECK(route_new_referral({}, "clinic", "", "66209").provider == "clinic");
  CHECK(route_new_referral(n, "clinic", "denver-iv", "66209").reason == "visitor_choice");
  CHECK(route_new_referral(n, "clinic", "nearest", "66209-1234").provider == "op-ketamine");  // ZIP+4
  CHECK(route_new_referral(n, "clinic", "nearest", "59101").reason == "no_provider_near");
  CHECK(next_provider(n, "66209", {"op-ketamine"}) == "olathe-iv");
  CHECK(next_provider(n, "66209", {"op-ketamine", "olathe-iv"}) == "lawrence-kap");
  CHECK(next_provider(n, "66209", {"op-ketamine", "olathe-iv", "lawrence-kap"}) == "tele-ks");
  CHECK_FALSE(next_provider(n, "66209", {"op-ketamine", "olathe-iv", "lawrence-kap", "tele-ks"}));
  CHECK_FALSE(next_provider({}, "66209", {}));
}

TEST_CASE("routing: the routed provider is told - its intake email, the network's webhooks and its own, no other's") {
  ServerFixture f;
  use_network(f);
  f.context.config.email.smtp_url = "smtp://127.0.0.1:2525";
  f.context.config.email.from = "Network <intake@network.example.org>";
  f.context.config.email.to = {"desk@network.example.org"};
  f.context.config.webhooks.push_back({"https://network.example.org/hook", "s0"});
  f.context.config.webhooks.push_back({"https://op.example.org/hook", "s1", "op-ketamine"});
  f.context.config.webhooks.push_back({"https://olathe.example.org/hook", "s2", "olathe-iv"});
  const std::string id = routed(f, "66209", "nearest");
  auto items = outbox_of(f, id);
  REQUIRE(items.size() == 3);
  CHECK(items[0].kind == "email");
  CHECK(items[0].target == "intake@op-ketamine.example.org");
  CHECK(items[1].target == "https://network.example.org/hook");
  CHECK(items[2].target == "https://op.example.org/hook");
  for (size_t i = 1; i < 3; ++i) {
    CHECK(event_type(items[i]) == kReferralReceived);
    CHECK(event_provider(items[i]) == "op-ketamine");
  }

  // Declined: the next provider is told the same way; the first is not told again.
  Staff op = provider_staff(f, "opal", "op-ketamine");
  REQUIRE(op.post("/inbox/referrals/" + id + "/decline", "reason=no_capacity").status == 303);
  items = outbox_of(f, id);
  REQUIRE(items.size() == 6);
  CHECK(items[3].target == "intake@olathe-iv.example.org");
  CHECK(items[4].target == "https://network.example.org/hook");
  CHECK(items[5].target == "https://olathe.example.org/hook");
  CHECK(event_type(items[5]) == kReferralForwarded);
  CHECK(event_provider(items[5]) == "olathe-iv");

  // Nobody near: the network's own recipients and unscoped webhooks only.
  const std::string far = routed(f, "59101", "nearest");
  items = outbox_of(f, far);
  REQUIRE(items.size() == 2);
  CHECK(items[0].target == "desk@network.example.org");
  CHECK(items[1].target == "https://network.example.org/hook");
  CHECK(event_type(items[1]) == kReferralUnassigned);
  CHECK(event_provider(items[1]).empty());
}

TEST_CASE("store: status, note and accept writes check the provider in SQL, not only the page's earlier read") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  ReferralRecord seen = stored(f, id);
  REQUIRE(seen.provider == "op-ketamine");
  // An admin moves it between the provider's read and its write.
  auto moved = reassign_referral(f.context, seen, "lawrence-kap", "nina", f.clock);
  REQUIRE(moved.ok());
  REQUIRE(moved.value->moved);
  auto status = f.store->set_status(id, "op-ketamine", "contacted", "", f.clock, "opal");
  REQUIRE(status.ok());
  CHECK_FALSE(*status.value);
  Note note{0, id, "opal", f.clock, f.context.keys.seal("mine", "note:" + id)};
  auto added = f.store->add_note(note, "op-ketamine");
  REQUIRE(added.ok());
  CHECK_FALSE(*added.value);
  auto accepted = f.store->accept_hop(id, "op-ketamine", "opal", f.clock);
  REQUIRE(accepted.ok());
  CHECK_FALSE(*accepted.value);
  // The stale decline: the referral is no longer with op-ketamine, so nothing moves.
  auto declined = decline_referral(f.context, seen, "opal", "no_capacity", "", f.clock);
  REQUIRE(declined.ok());
  CHECK_FALSE(declined.value->moved);
  ReferralRecord now = stored(f, id);
  CHECK(now.provider == "lawrence-kap");
  CHECK(now.status == "new");
  CHECK(f.store->notes_of(id).value->empty());
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].state == "reassigned");
  CHECK(chain[1].state == "requested");
  // The provider that has it can.
  CHECK(*f.store->accept_hop(id, "lawrence-kap", "lars", f.clock).value);
  CHECK(*f.store->add_note(note, "lawrence-kap").value);
  CHECK(*f.store->set_status(id, "lawrence-kap", "contacted", "", f.clock, "lars").value);
}

TEST_CASE("store: the retention purge takes a referral's routing chain with it") {
  ServerFixture f;
  use_network(f);
  f.context.config.retention_days = 30;
  const std::string id = routed(f, "66209", "nearest");
  f.clock += 31LL * 86400000;
  REQUIRE(purge_expired(f.context));
  CHECK(chain_of(f, id).empty());
}

TEST_CASE("routing: the demo network - ZIP 66209 goes to a provider within the radius, whose inbox alone has it") {
  ServerFixture f;
  use_network(f, test_support::real_bundle().network);
  const ProviderNetwork& demo = f.bundle().network;
  REQUIRE_MESSAGE(demo.providers.size() >= 12, "content/providers.json: the demo network");
  const std::string id = routed(f, "66209", "nearest", "Demo Visitor");
  ReferralRecord r = stored(f, id);
  REQUIRE_FALSE(r.provider.empty());
  CHECK(r.routing_reason == "nearest");
  const Provider* chosen = demo.find(r.provider);
  REQUIRE(chosen);
  CHECK_FALSE(chosen->telehealth_only);
  CHECK(distance_miles(locate_zip("66209")->centre, chosen->location) <= demo.radius_miles);
  // Nobody in the network is nearer.
  for (const Provider& p : demo.providers)
    if (!p.telehealth_only)
      CHECK(distance_miles(locate_zip("66209")->centre, p.location) >=
            distance_miles(locate_zip("66209")->centre, chosen->location) - 1e-9);
  // The visitor's choice of another demo provider stands.
  const Provider* other = nullptr;
  for (const Provider& p : demo.providers)
    if (p.id != chosen->id && !other) other = &p;
  const std::string picked = routed(f, "66209", other->id, "Picky Visitor");
  CHECK(stored(f, picked).provider == other->id);

  Staff own = provider_staff(f, "own", chosen->id);
  Staff else_ = provider_staff(f, "else", other->id);
  CHECK(contains(own.get("/inbox").body, "Demo Visitor"));
  CHECK_FALSE(contains(own.get("/inbox").body, "Picky Visitor"));
  CHECK(contains(else_.get("/inbox").body, "Picky Visitor"));
  CHECK_FALSE(contains(else_.get("/inbox").body, "Demo Visitor"));
  CHECK(else_.get("/inbox/referrals/" + id).status == 404);
}
