// Each provider's own inbox in a network (routing_page.cpp, referral_routing.cpp): a provider's
// staff see and change only their provider's referrals, accept or decline them; a decline or no
// answer in time forwards to the next provider; network admins reassign and see the whole chain.
#include "network_fixture.hpp"
#include "referral_routing.hpp"

using namespace server_test;

namespace {

constexpr std::int64_t kHour = 3600000;

// The Task of a referral's FHIR export.
json::Value fhir_task(Staff& s, const std::string& id) {
  Response r = s.get("/inbox/referrals/" + id + "/fhir.json");
  REQUIRE(r.status == 200);
  json::Value bundle = parse_body(r);
  for (const auto& e : bundle.find("entry")->as_array())
    if (e.find("resource")->find("resourceType")->as_string() == "Task") return *e.find("resource");
  FAIL("no Task in the export");
  return json::Value::object();
}

std::string task_owner(const json::Value& task) {
  const json::Value* owner = task.find("owner");
  return owner ? owner->find("identifier")->find("value")->as_string() : "";
}

}  // namespace

TEST_CASE("another provider's referral is not found: list, page, CSV, FHIR, status, note, accept, decline") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest", "Private Person");
  REQUIRE(stored(f, id).provider == "op-ketamine");
  Staff own = provider_staff(f, "opal", "op-ketamine");
  Staff other = provider_staff(f, "olga", "olathe-iv");
  CHECK(contains(own.get("/inbox").body, "Private Person"));
  CHECK(own.get("/inbox/referrals/" + id).status == 200);

  CHECK_FALSE(contains(other.get("/inbox").body, "Private Person"));
  // Naming the provider in the query changes nothing for a provider's staff.
  CHECK_FALSE(contains(other.get("/inbox?provider=op-ketamine").body, "Private Person"));
  CHECK_FALSE(contains(other.get("/inbox/export.csv").body, "Private Person"));
  CHECK_FALSE(contains(other.get("/inbox/export.csv?provider=op-ketamine").body, "Private Person"));
  Response page = other.get("/inbox/referrals/" + id);
  CHECK(page.status == 404);
  CHECK_FALSE(contains(page.body, "Private Person"));
  CHECK(other.get("/inbox/referrals/" + id + "/fhir.json").status == 404);
  const std::string base = "/inbox/referrals/" + id;
  CHECK(other.post(base + "/status", "status=closed&reason=declined").status == 404);
  CHECK(other.post(base + "/notes", "text=mine+now").status == 404);
  CHECK(other.post(base + "/accept").status == 404);
  CHECK(other.post(base + "/decline", "reason=no_capacity").status == 404);
  CHECK(other.post(base + "/reassign", "provider=olathe-iv").status == 403);
  // The audit log spans every provider: admins only, as before.
  CHECK(other.get("/inbox/audit").status == 403);
  CHECK(own.get("/inbox/audit").status == 403);

  ReferralRecord r = stored(f, id);
  CHECK(r.provider == "op-ketamine");
  CHECK(r.status == "new");
  CHECK(f.store->notes_of(id).value->empty());
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].state == "requested");
}

TEST_CASE("accept: the provider's staff take the request - recorded in the chain and audited") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  Response page = op.get("/inbox/referrals/" + id);
  CHECK(contains(page.body, "/accept\""));
  CHECK(contains(page.body, "/decline\""));
  CHECK_FALSE(contains(page.body, "/reassign\""));  // not a provider's to do
  f.clock += 5000;
  REQUIRE(op.post("/inbox/referrals/" + id + "/accept").status == 303);
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].state == "accepted");
  CHECK(chain[0].decided_by == "opal");
  CHECK(chain[0].decided_at == f.clock.load());
  CHECK(contains(audit_detail(f, "opal", "accept", id), "op-ketamine"));
  // Answered: no more Accept or Decline, and a second answer changes nothing.
  page = op.get("/inbox/referrals/" + id);
  CHECK_FALSE(contains(page.body, "/accept\""));
  CHECK_FALSE(contains(page.body, "/decline\""));
  CHECK(op.post("/inbox/referrals/" + id + "/decline", "reason=no_capacity").status == 422);
  Staff colleague = provider_staff(f, "oscar", "op-ketamine");
  f.clock += 5000;
  CHECK(colleague.post("/inbox/referrals/" + id + "/accept").status == 422);
  CHECK(chain_of(f, id).at(0).state == "accepted");
  CHECK(chain_of(f, id).at(0).decided_by == "opal");  // the first answer is the one recorded
  CHECK(stored(f, id).provider == "op-ketamine");
  // An accepted request does not expire.
  f.clock += 100 * kHour;
  CHECK(forward_overdue(f.context) == 0);
  CHECK(stored(f, id).provider == "op-ketamine");
}

TEST_CASE("decline: a reason from the list, then the next nearest provider not yet asked - audited") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest", "Dee Clined");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  Staff olathe = provider_staff(f, "olga", "olathe-iv");
  const std::string decline = "/inbox/referrals/" + id + "/decline";
  Response no_reason = op.post(decline, "note=full");
  CHECK(no_reason.status == 422);
  CHECK(contains(no_reason.body, "Choose why you decline"));
  CHECK(op.post(decline, "reason=because").status == 422);
  CHECK(op.post(decline, "reason=other&note=" + std::string(1001, 'x')).status == 422);
  CHECK(stored(f, id).provider == "op-ketamine");

  Response declined = op.post(decline, "reason=no_capacity&note=" + url_encode("Fully booked until March"));
  REQUIRE(declined.status == 303);
  CHECK(declined.header("Location") == "/inbox");  // it is no longer theirs to open
  ReferralRecord r = stored(f, id);
  CHECK(r.provider == "olathe-iv");
  CHECK(r.routing_reason == "forwarded_after_decline");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].state == "rejected");
  CHECK(chain[0].decided_by == "opal");
  CHECK(chain[0].decline_reason == "no_capacity");
  // The note is staff's free text: sealed like notes.
  const Blob& sealed = chain[0].decline_note;
  REQUIRE_FALSE(sealed.empty());
  CHECK(std::string(sealed.begin(), sealed.end()).find("March") == std::string::npos);
  CHECK(chain[1].provider == "olathe-iv");
  CHECK(chain[1].reason == "forwarded_after_decline");
  CHECK(chain[1].state == "requested");
  REQUIRE(chain[1].due_at);
  CHECK(*chain[1].due_at == f.clock + 48 * kHour);
  CHECK(audit_detail(f, "opal", "decline", id) ==
        "declined for op-ketamine: no_capacity (with a note) -> olathe-iv (forwarded_after_decline)");

  CHECK(op.get("/inbox/referrals/" + id).status == 404);
  CHECK_FALSE(contains(op.get("/inbox").body, "Dee Clined"));
  CHECK(contains(olathe.get("/inbox").body, "Dee Clined"));
  CHECK(olathe.get("/inbox/referrals/" + id).status == 200);
}

TEST_CASE("decline all the way: every suitable provider asked once, then unassigned for network admins") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest", "Nobody Wants");
  const std::vector<std::string> order = {"op-ketamine", "olathe-iv", "lawrence-kap", "tele-ks"};
  for (size_t i = 0; i < order.size(); ++i) {
    REQUIRE(stored(f, id).provider == order[i]);
    Staff s = provider_staff(f, "staff" + std::to_string(i), order[i]);
    REQUIRE(s.post("/inbox/referrals/" + id + "/decline", "reason=not_accepting_new").status == 303);
  }
  ReferralRecord r = stored(f, id);
  CHECK(r.provider.empty());
  CHECK(r.routing_reason == "no_provider_left");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 4);
  for (size_t i = 0; i < order.size(); ++i) {
    CHECK(chain[i].provider == order[i]);
    CHECK(chain[i].state == "rejected");
  }
  CHECK(contains(audit_detail(f, "staff3", "decline", id), "-> unassigned (no_provider_left)"));
  Staff admin = network_admin(f);
  CHECK(contains(admin.get("/inbox?provider=unassigned").body, "Nobody Wants"));
  Response page = admin.get("/inbox/referrals/" + id);
  CHECK(contains(page.body, "Every suitable provider was asked"));
  // The FHIR Task says the last provider rejected it, and nobody owns it now.
  json::Value task = fhir_task(admin, id);
  CHECK(task.find("status")->as_string() == "rejected");
  CHECK(task_owner(task).empty());
}

TEST_CASE("expiry: a request nobody answers within network.accept_within_hours goes on to the next provider") {
  ServerFixture f;
  use_network(f);
  f.context.config.network.accept_within_hours = 2;
  const std::string id = routed(f, "66209", "nearest");
  f.clock += 2 * kHour - 1;
  CHECK(forward_overdue(f.context) == 0);
  CHECK(stored(f, id).provider == "op-ketamine");
  f.clock += 1;
  CHECK(forward_overdue(f.context) == 1);
  ReferralRecord r = stored(f, id);
  CHECK(r.provider == "olathe-iv");
  CHECK(r.routing_reason == "forwarded_after_expiry");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].state == "expired");
  CHECK(chain[0].decided_by == "system");
  CHECK(chain[1].reason == "forwarded_after_expiry");
  CHECK(*chain[1].due_at == f.clock + 2 * kHour);
  CHECK(audit_detail(f, "system", "forward_expired", id) ==
        "unanswered by op-ketamine within 2 h -> olathe-iv (forwarded_after_expiry)");
  CHECK(forward_overdue(f.context) == 0);  // once
  Staff op = provider_staff(f, "opal", "op-ketamine");
  CHECK(op.get("/inbox/referrals/" + id).status == 404);
  CHECK(op.post("/inbox/referrals/" + id + "/accept").status == 404);
}

TEST_CASE("expiry after reassigning away and back: only the current hop lapses, on its own due time") {
  ServerFixture f;
  use_network(f);
  f.context.config.network.accept_within_hours = 2;
  const std::string id = routed(f, "66209", "nearest");
  Staff admin = network_admin(f);
  constexpr std::int64_t kMinute = 60000;  // small steps: the admin's session stays within its idle limit
  f.clock += 10 * kMinute;
  REQUIRE(admin.post("/inbox/referrals/" + id + "/reassign", "provider=lawrence-kap").status == 303);
  f.clock += 10 * kMinute;
  REQUIRE(admin.post("/inbox/referrals/" + id + "/reassign", "provider=op-ketamine").status == 303);
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 3);
  CHECK(chain[0].state == "reassigned");
  CHECK(chain[1].state == "reassigned");
  CHECK(chain[2].state == "requested");
  // The first hop's due time (2 h after routing) passes; the current one, to the same provider
  // 20 minutes later, is not due yet.
  f.clock += 2 * kHour - 15 * kMinute;
  CHECK(forward_overdue(f.context) == 0);
  CHECK(stored(f, id).provider == "op-ketamine");
  CHECK(chain_of(f, id)[2].state == "requested");
  f.clock += 15 * kMinute;
  CHECK(forward_overdue(f.context) == 1);
  CHECK(stored(f, id).routing_reason == "forwarded_after_expiry");
  CHECK(chain_of(f, id)[2].state == "expired");
}

TEST_CASE("expiry: an older hop left open never expires the current one, nor fills the batch") {
  ServerFixture f;
  use_network(f);
  f.context.config.network.accept_within_hours = 2;
  constexpr std::int64_t kMinute = 60000;
  const std::string id = routed(f, "66209", "nearest");
  Staff admin = network_admin(f);
  f.clock += 10 * kMinute;
  REQUIRE(admin.post("/inbox/referrals/" + id + "/reassign", "provider=lawrence-kap").status == 303);
  f.clock += 10 * kMinute;
  REQUIRE(admin.post("/inbox/referrals/" + id + "/reassign", "provider=op-ketamine").status == 303);
  // A first hop still "requested" under the same provider as the current one (as a race between
  // two processes, or a database from an older version, could leave it).
  {
    auto db = f.pool->lease();
    REQUIRE(db.ok());
    REQUIRE((*db.value)->query("UPDATE referral_hops SET state = 'requested' WHERE referral_id = $1 AND seq = 1", {id}).ok());
  }
  f.clock += 2 * kHour - 10 * kMinute;  // the old hop is due, the current one has 10 minutes to go
  CHECK(forward_overdue(f.context) == 0);
  CHECK(stored(f, id).provider == "op-ketamine");
  CHECK(chain_of(f, id).back().state == "requested");
}

TEST_CASE("reassign: network admins only, audited, and the previous provider's stale form then gets 404") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest", "Re Assigned");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  Staff lawrence = provider_staff(f, "lars", "lawrence-kap");
  add_staff(f, "ivan", "intake");  // staff of every provider, but not an admin
  Staff ivan = sign_in(f, "ivan");
  Staff admin = network_admin(f);
  REQUIRE(op.post("/inbox/referrals/" + id + "/accept").status == 303);
  REQUIRE(op.get("/inbox/referrals/" + id).status == 200);  // the form op's staff still have open

  CHECK(ivan.post("/inbox/referrals/" + id + "/reassign", "provider=lawrence-kap").status == 403);
  CHECK(admin.post("/inbox/referrals/" + id + "/reassign", "provider=nowhere").status == 422);
  CHECK(admin.post("/inbox/referrals/" + id + "/reassign", "provider=op-ketamine").status == 422);
  CHECK(stored(f, id).provider == "op-ketamine");
  Response page = admin.get("/inbox/referrals/" + id);
  CHECK(contains(page.body, "/reassign\""));
  REQUIRE(admin.post("/inbox/referrals/" + id + "/reassign", "provider=lawrence-kap").status == 303);
  ReferralRecord r = stored(f, id);
  CHECK(r.provider == "lawrence-kap");
  CHECK(r.routing_reason == "reassigned");
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].state == "reassigned");
  CHECK(chain[0].decided_by == "nina");
  CHECK(chain[1].provider == "lawrence-kap");
  CHECK(chain[1].reason == "reassigned");
  CHECK(audit_detail(f, "nina", "reassign", id) == "from op-ketamine to lawrence-kap");

  const std::string base = "/inbox/referrals/" + id;
  CHECK(op.get(base).status == 404);
  CHECK(op.get(base + "/fhir.json").status == 404);
  CHECK_FALSE(contains(op.get("/inbox/export.csv").body, "Re Assigned"));
  CHECK(op.post(base + "/status", "status=contacted").status == 404);
  CHECK(op.post(base + "/notes", "text=still+mine").status == 404);
  CHECK(op.post(base + "/accept").status == 404);
  CHECK(op.post(base + "/decline", "reason=no_capacity").status == 404);
  r = stored(f, id);
  CHECK(r.provider == "lawrence-kap");
  CHECK(r.status == "new");
  CHECK(f.store->notes_of(id).value->empty());
  CHECK(chain_of(f, id).size() == 2);
  CHECK(contains(lawrence.get("/inbox").body, "Re Assigned"));
  // An unassigned referral is reassigned the same way.
  const std::string far = routed(f, "59101", "nearest");
  REQUIRE(admin.post("/inbox/referrals/" + far + "/reassign", "provider=denver-iv").status == 303);
  CHECK(stored(f, far).provider == "denver-iv");
  CHECK(audit_detail(f, "nina", "reassign", far) == "from unassigned to denver-iv");
}

TEST_CASE("the chain on the page: the network's staff see every hop and why - a provider sees only its own") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  Staff olathe = provider_staff(f, "olga", "olathe-iv");
  Staff admin = network_admin(f);
  REQUIRE(op.post("/inbox/referrals/" + id + "/decline",
                  "reason=service_not_offered&note=" + url_encode("Ask <Olathe> for IV")).status == 303);
  Response page = admin.get("/inbox/referrals/" + id);
  REQUIRE(page.status == 200);
  const std::string& html = page.body;
  CHECK(contains(html, "Routing chain"));
  size_t first = html.find("Overland Park Ketamine</strong> · Nearest to the visitor · <span class=\"hop-rejected\">Declined");
  size_t second = html.find("Olathe IV Clinic</strong> · Next nearest, after a decline · <span class=\"hop-requested\">");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < second);
  CHECK(contains(html, "by opal"));
  CHECK(contains(html, "Reason: We do not offer what fits"));
  CHECK(contains(html, "Ask &lt;Olathe&gt; for IV"));  // opened, and escaped
  CHECK(contains(html, "With <strong>Olathe IV Clinic</strong>"));

  Response theirs = olathe.get("/inbox/referrals/" + id);
  REQUIRE(theirs.status == 200);
  CHECK(contains(theirs.body, "With <strong>Olathe IV Clinic</strong>"));
  CHECK_FALSE(contains(theirs.body, "Routing chain"));
  CHECK_FALSE(contains(theirs.body, "Overland Park Ketamine"));
  CHECK_FALSE(contains(theirs.body, "Olathe&gt;"));
  // The list shows the network's staff whose each request is.
  CHECK(contains(admin.get("/inbox").body, "<td data-label=\"Provider\">Olathe IV Clinic</td>"));
  CHECK(contains(admin.get("/inbox?provider=olathe-iv").body, "1 match"));
  CHECK(contains(admin.get("/inbox?provider=op-ketamine").body, "0 match"));
}

TEST_CASE("notes stay with the provider that wrote them - the next provider in the chain does not read them") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  Staff olathe = provider_staff(f, "olga", "olathe-iv");
  Staff admin = network_admin(f);
  const std::string base = "/inbox/referrals/" + id;
  REQUIRE(admin.post(base + "/notes", "text=" + url_encode("Network: prefers mornings")).status == 303);
  REQUIRE(op.post(base + "/notes", "text=" + url_encode("Opal: sounded unsure about cost")).status == 303);
  REQUIRE(op.post(base + "/decline", "reason=no_capacity").status == 303);
  REQUIRE(olathe.post(base + "/notes", "text=" + url_encode("Olathe: left a voicemail")).status == 303);

  Response theirs = olathe.get(base);
  REQUIRE(theirs.status == 200);
  CHECK(contains(theirs.body, "Network: prefers mornings"));
  CHECK(contains(theirs.body, "Olathe: left a voicemail"));
  CHECK_FALSE(contains(theirs.body, "sounded unsure"));
  Response all = admin.get(base);
  CHECK(contains(all.body, "Network: prefers mornings"));
  CHECK(contains(all.body, "Opal: sounded unsure about cost"));
  CHECK(contains(all.body, "Olathe: left a voicemail"));
}

TEST_CASE("FHIR Task: the current request's status, owned by the provider - requested, accepted, completed") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  json::Value task = fhir_task(op, id);
  CHECK(task.find("status")->as_string() == "requested");
  CHECK(task_owner(task) == "op-ketamine");
  REQUIRE(task.find("owner"));
  CHECK(task.find("owner")->find("display")->as_string() == "Overland Park Ketamine");
  REQUIRE(op.post("/inbox/referrals/" + id + "/accept").status == 303);
  CHECK(fhir_task(op, id).find("status")->as_string() == "accepted");
  REQUIRE(op.post("/inbox/referrals/" + id + "/status", "status=contacted").status == 303);
  CHECK(fhir_task(op, id).find("status")->as_string() == "in-progress");
  REQUIRE(op.post("/inbox/referrals/" + id + "/status", "status=closed&reason=treated").status == 303);
  CHECK(chain_of(f, id).at(0).state == "completed");
  CHECK(fhir_task(op, id).find("status")->as_string() == "completed");
  // Reopened: accepted again, and who accepted it first stays recorded.
  REQUIRE(op.post("/inbox/referrals/" + id + "/status", "status=scheduled").status == 303);
  CHECK(chain_of(f, id).at(0).state == "accepted");
  CHECK(chain_of(f, id).at(0).decided_by == "opal");

  // Declined: the next provider's Task, requested again.
  const std::string second = routed(f, "66209", "nearest");
  REQUIRE(op.post("/inbox/referrals/" + second + "/decline", "reason=no_capacity").status == 303);
  Staff admin = network_admin(f);
  task = fhir_task(admin, second);
  CHECK(task.find("status")->as_string() == "requested");
  CHECK(task_owner(task) == "olathe-iv");
}

TEST_CASE("status work by the provider's staff accepts an unanswered request (working on it is taking it)") {
  ServerFixture f;
  use_network(f);
  const std::string id = routed(f, "66209", "nearest");
  Staff op = provider_staff(f, "opal", "op-ketamine");
  REQUIRE(op.post("/inbox/referrals/" + id + "/status", "status=contacted").status == 303);
  auto chain = chain_of(f, id);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].state == "accepted");
  CHECK(chain[0].decided_by == "opal");
  f.clock += 100 * kHour;
  CHECK(forward_overdue(f.context) == 0);
}
