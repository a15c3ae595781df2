// The inbox's work: the list, a request's page, status and notes, exports, and who may see what.
#include "inbox_client.hpp"
#include "background_jobs.hpp"
#include "inbox/csv.hpp"
#include "inbox/html.hpp"
#include "ketascreen/screening_engine.hpp"

using namespace server_test;

namespace {

std::vector<AuditEntry> audit_rows(ServerFixture& f) {
  auto rows = f.store->audit_log(1000, 0);
  REQUIRE(rows.ok());
  return *rows.value;
}

bool audited(ServerFixture& f, const std::string& user, const std::string& action, const std::string& referral_id = "") {
  for (const auto& e : audit_rows(f))
    if (e.user_name == user && e.action == action && (referral_id.empty() || e.referral_id == referral_id)) return true;
  return false;
}

}  // namespace

TEST_CASE("the list: newest first, the count of new ones, filters by status and outcome") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  const std::string older = received(f, Outcome::LikelyCandidate, "Olive Older");
  f.clock += 60000;
  const std::string newer = received(f, Outcome::DiscussWithProvider, "Nora Newer");
  Staff s = sign_in(f, "amy");
  Response list = s.get("/inbox");
  REQUIRE(list.status == 200);
  CHECK(contains(list.body, "<strong>2 new</strong>"));
  REQUIRE(contains(list.body, "Olive Older"));
  CHECK(list.body.find("Nora Newer") < list.body.find("Olive Older"));
  CHECK(audited(f, "amy", "view_list"));

  REQUIRE(s.post("/inbox/referrals/" + older + "/status", "status=contacted").status == 303);
  Response only_new = s.get("/inbox?status=new");
  CHECK(contains(only_new.body, "Nora Newer"));
  CHECK_FALSE(contains(only_new.body, "Olive Older"));
  CHECK(contains(only_new.body, "<strong>1 new</strong>"));
  Response by_outcome = s.get("/inbox?outcome=likely_candidate");
  CHECK(contains(by_outcome.body, "Olive Older"));
  CHECK_FALSE(contains(by_outcome.body, "Nora Newer"));
  // An unknown filter value is ignored, not passed to the database.
  Response odd = s.get("/inbox?status=%27%20OR%201%3D1--&outcome=x");
  CHECK(odd.status == 200);
  CHECK(contains(odd.body, "Nora Newer"));
  CHECK(contains(odd.body, "Olive Older"));
}

TEST_CASE("a request's page: contact, preferred time, each flag's reason with its answer, every answer, consent") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  json::Value p = f.payload(Outcome::DiscussWithProvider, "Dana Detail");
  REQUIRE(f.post(p).status == 201);
  const std::string id = p.find("id")->as_string();
  Staff s = sign_in(f, "amy");
  Response page = s.get("/inbox/referrals/" + id);
  REQUIRE(page.status == 200);
  const std::string& html = page.body;
  CHECK(contains(html, "Dana Detail"));
  CHECK(contains(html, "href=\"tel:"));
  CHECK(contains(html, "visitor@example.com"));
  CHECK(contains(html, "97477"));
  const ContentBundle& b = f.bundle();
  CHECK(contains(html, html::escape(b.clinic.referral.contact_times.front().label.get("en"))));
  CHECK(contains(html, html::escape(p.find("consent")->find("version")->as_string())));
  CHECK(contains(html, "a qualified provider decides"));
  // Each flag the core raises for these answers is on the page with its reason and the question.
  auto answers = answers_from_json(b.screening, *p.find("screening")->find("answers"), "payload");
  REQUIRE(answers);
  Evaluation e = evaluate(b.screening, answers.value());
  REQUIRE(!e.flags.empty());
  for (const Flag& flag : e.flags) {
    CHECK(contains(html, html::escape(flag.source->reason.get("en"))));
    CHECK(contains(html, html::escape(b.screening.find_question(flag.question)->text.get("en"))));
  }
  // Every visible question with its answer.
  for (const Question* q : visible_questions(b.screening, answers.value())) CHECK(contains(html, html::escape(q->text.get("en"))));
  CHECK(audited(f, "amy", "view_referral", id));
}

TEST_CASE("status: new -> contacted -> scheduled -> closed with a reason - every change audited") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  const std::string id = received(f);
  Staff s = sign_in(f, "amy");
  const std::string path = "/inbox/referrals/" + id + "/status";
  CHECK(s.post(path, "status=contacted").status == 303);
  CHECK(s.post(path, "status=scheduled").status == 303);
  Response no_reason = s.post(path, "status=closed");
  CHECK(no_reason.status == 422);
  CHECK(contains(no_reason.body, "Choose why the request is closed"));
  CHECK(s.post(path, "status=archived").status == 422);
  CHECK(f.store->find_referral(id).value->value().status == "scheduled");
  CHECK(s.post(path, "status=closed&reason=no_answer").status == 303);
  ReferralRecord r = f.store->find_referral(id).value->value();
  CHECK(r.status == "closed");
  CHECK(r.close_reason == "no_answer");
  CHECK(contains(s.get("/inbox/referrals/" + id).body, "No answer"));
  bool logged = false;
  for (const auto& e : audit_rows(f)) logged |= e.action == "set_status" && e.detail == "scheduled -> closed (no_answer)";
  CHECK(logged);
}

TEST_CASE("notes: kept sealed, shown as text, never empty or over 4,000 characters") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  const std::string id = received(f);
  Staff s = sign_in(f, "amy");
  const std::string path = "/inbox/referrals/" + id + "/notes";
  CHECK(s.post(path, "text=" + url_encode("Left a voicemail <b>twice</b>")).status == 303);
  CHECK(s.post(path, "text=++++").status == 422);
  CHECK(s.post(path, "text=" + std::string(4001, 'x')).status == 422);
  CHECK(s.post(path, "text=%FF%FE").status == 422);  // not UTF-8
  auto notes = f.store->notes_of(id);
  REQUIRE(notes.ok());
  REQUIRE(notes.value->size() == 1);
  const Blob& sealed = notes.value->front().sealed;
  CHECK(std::string(sealed.begin(), sealed.end()).find("voicemail") == std::string::npos);
  Response page = s.get("/inbox/referrals/" + id);
  CHECK(contains(page.body, "Left a voicemail &lt;b&gt;twice&lt;/b&gt;"));
  CHECK(contains(page.body, ">amy · "));
}

TEST_CASE("a hostile name shows as text: no markup, nothing dropped") {
  ServerFixture f;
  add_staff(f, "amy", "admin");
  const std::string script = received(f, Outcome::LikelyCandidate, "<script>alert(1)</script>");
  const std::string sql = received(f, Outcome::LikelyCandidate, "'); DROP TABLE referrals;--");
  const std::string attr = received(f, Outcome::LikelyCandidate, "\" onmouseover=\"alert(2)");
  Staff s = sign_in(f, "amy");
  for (const Response& r : {s.get("/inbox"), s.get("/inbox/referrals/" + script), s.get("/inbox/referrals/" + attr)}) {
    CHECK_FALSE(contains(r.body, "<script>"));
    CHECK_FALSE(contains(r.body, "\" onmouseover"));
  }
  CHECK(contains(s.get("/inbox").body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(s.get("/inbox/referrals/" + sql).body, "&#39;); DROP TABLE referrals;--"));
  CHECK(f.referral_count() == 3);
}

TEST_CASE("a provider's staff see only that provider's requests") {
  ServerFixture f;
  const std::string clinic = f.bundle().clinic.id;
  add_staff(f, "own", "intake", clinic);
  add_staff(f, "other", "intake", "another-clinic");
  const std::string id = received(f, Outcome::LikelyCandidate, "Private Person");
  Staff own = sign_in(f, "own");
  Staff other = sign_in(f, "other");
  CHECK(contains(own.get("/inbox").body, "Private Person"));
  CHECK(own.get("/inbox/referrals/" + id).status == 200);

  Response list = other.get("/inbox");
  CHECK_FALSE(contains(list.body, "Private Person"));
  CHECK(contains(list.body, "<strong>0 new</strong>"));
  Response page = other.get("/inbox/referrals/" + id);
  CHECK(page.status == 404);  // the same answer as for an id that does not exist
  CHECK_FALSE(contains(page.body, "Private Person"));
  CHECK(other.get("/inbox/referrals/" + id + "/fhir.json").status == 404);
  CHECK_FALSE(contains(other.get("/inbox/export.csv").body, "Private Person"));
  CHECK(other.post("/inbox/referrals/" + id + "/status", "status=closed&reason=declined").status == 404);
  CHECK(other.post("/inbox/referrals/" + id + "/notes", "text=mine+now").status == 404);
  CHECK(f.store->find_referral(id).value->value().status == "new");
  CHECK(f.store->notes_of(id).value->empty());
  CHECK(audited(f, "other", "view_referral_denied", id));
}

TEST_CASE("CSV export: a header row, one row per request, formulas typed by a visitor kept as text") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  received(f, Outcome::LikelyCandidate, "=HYPERLINK(\"http://evil.example\",\"x\")");
  received(f, Outcome::DiscussWithProvider, "Carol \"CJ\" Jones");
  Staff s = sign_in(f, "amy");
  Response csv = s.get("/inbox/export.csv");
  REQUIRE(csv.status == 200);
  CHECK(contains(csv.header("Content-Type"), "text/csv"));
  CHECK(contains(csv.header("Content-Disposition"), "attachment"));
  CHECK(csv.body.rfind("\"id\",\"received_at\",\"status\"", 0) == 0);
  CHECK(contains(csv.body, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""));
  CHECK(contains(csv.body, "\"Carol \"\"CJ\"\" Jones\""));
  size_t lines = 0;
  for (size_t at = csv.body.find("\r\n"); at != std::string::npos; at = csv.body.find("\r\n", at + 2)) ++lines;
  CHECK(lines == 3);
  CHECK(audited(f, "amy", "export_csv"));
  CHECK(csv_cell("-1+2") == "\"'-1+2\"");
  CHECK(csv_cell("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_cell("plain") == "\"plain\"");
}

TEST_CASE("FHIR export: a transaction Bundle with Patient, QuestionnaireResponse, ServiceRequest and Task") {
  ServerFixture f;
  add_staff(f, "amy", "intake");
  const std::string id = received(f, Outcome::DiscussWithProvider, "Fiona Fhir");
  Staff s = sign_in(f, "amy");
  REQUIRE(s.post("/inbox/referrals/" + id + "/status", "status=scheduled").status == 303);
  Response r = s.get("/inbox/referrals/" + id + "/fhir.json");
  REQUIRE(r.status == 200);
  CHECK(contains(r.header("Content-Type"), "application/fhir+json"));
  json::Value bundle = parse_body(r);
  CHECK(bundle.find("resourceType")->as_string() == "Bundle");
  CHECK(bundle.find("type")->as_string() == "transaction");
  std::map<std::string, const json::Value*> by_type;
  std::map<std::string, std::string> url_of;
  for (const auto& e : bundle.find("entry")->as_array()) {
    const json::Value* res = e.find("resource");
    by_type[res->find("resourceType")->as_string()] = res;
    url_of[res->find("resourceType")->as_string()] = e.find("fullUrl")->as_string();
    CHECK(e.find("request")->find("method")->as_string() == "POST");
  }
  REQUIRE(by_type.size() == 4);
  const json::Value* patient = by_type["Patient"];
  CHECK(patient->find("name")->as_array()[0].find("text")->as_string() == "Fiona Fhir");
  const json::Value* service = by_type["ServiceRequest"];
  CHECK(service->find("supportingInfo")->as_array()[0].find("reference")->as_string() == url_of["QuestionnaireResponse"]);
  CHECK(service->find("subject")->find("reference")->as_string() == url_of["Patient"]);
  CHECK(service->find("identifier")->as_array()[0].find("value")->as_string() == "urn:uuid:" + id);
  const json::Value* response = by_type["QuestionnaireResponse"];
  CHECK(response->find("subject")->find("reference")->as_string() == url_of["Patient"]);
  CHECK(response->find("item") != nullptr);
  const json::Value* task = by_type["Task"];
  CHECK(task->find("status")->as_string() == "accepted");
  CHECK(task->find("focus")->find("reference")->as_string() == url_of["ServiceRequest"]);
  // The same request exported twice is the same Bundle (an EHR's ifNoneExist then matches).
  CHECK(s.get("/inbox/referrals/" + id + "/fhir.json").body == r.body);
  CHECK(audited(f, "amy", "export_fhir", id));
}

TEST_CASE("the retention purge removes old requests with their notes and is in the audit log") {
  ServerFixture f;
  f.context.config.retention_days = 30;
  add_staff(f, "amy", "admin");
  const std::string old_id = received(f, Outcome::LikelyCandidate, "Old Request");
  Staff s = sign_in(f, "amy");
  REQUIRE(s.post("/inbox/referrals/" + old_id + "/notes", "text=called").status == 303);
  f.clock += 31LL * 86400000;
  const std::string new_id = received(f, Outcome::LikelyCandidate, "New Request");
  auto purged = purge_expired(f.context);
  REQUIRE(purged);
  CHECK(*purged == 1);
  CHECK_FALSE(*f.store->find_referral(old_id).value);
  CHECK(*f.store->find_referral(new_id).value);
  CHECK(f.store->notes_of(old_id).value->empty());
  CHECK(audited(f, "system", "purge"));
}

TEST_CASE("paging: ?page= takes up to five digits, the links keep the filter and escape it") {
  CHECK(html::page_number("status=new&page=3") == 3);
  CHECK(html::page_number("page=99999") == 99999);
  CHECK(html::page_number("page=100000") == 0);  // too long: the first page, not a huge offset
  CHECK(html::page_number("page=-1") == 0);
  CHECK(html::page_number("page=%FF") == 0);
  CHECK(html::page_number("") == 0);
  CHECK(html::pager("/inbox?status=new&page=", 0, true) ==
        "<nav class=\"pages\" aria-label=\"Pages\"><a href=\"/inbox?status=new&amp;page=1\">Older</a></nav>");
  CHECK(html::pager("/inbox/audit?page=", 2, false) ==
        "<nav class=\"pages\" aria-label=\"Pages\"><a href=\"/inbox/audit?page=1\">Newer</a></nav>");
}
