#include "migrations.hpp"

#include <string>
#include <vector>

namespace ketascreen::server {
namespace {

// Portable DDL: {{blob}} and {{id}} are the only words the two dialects spell differently.
// Times are Unix milliseconds (BIGINT), so both databases compare and index them the same way.
// Append new steps at the end; never edit one that has shipped.
const std::vector<const char*> kSteps = {
    // 1: referrals with their encrypted payload; what stays queryable is what the inbox filters on.
    R"(CREATE TABLE referrals (
         id TEXT PRIMARY KEY,
         clinic TEXT NOT NULL,
         provider TEXT NOT NULL,
         locale TEXT NOT NULL,
         outcome TEXT NOT NULL,
         status TEXT NOT NULL,
         close_reason TEXT,
         created_at BIGINT NOT NULL,
         received_at BIGINT NOT NULL,
         updated_at BIGINT NOT NULL,
         consent_version TEXT NOT NULL,
         consent_given_at BIGINT NOT NULL,
         body_mac TEXT NOT NULL,
         sealed {{blob}} NOT NULL);
       CREATE INDEX referrals_by_received ON referrals (received_at);
       CREATE INDEX referrals_by_status ON referrals (status, received_at);
       CREATE TABLE notes (
         id {{id}},
         referral_id TEXT NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
         author TEXT NOT NULL,
         at BIGINT NOT NULL,
         sealed {{blob}} NOT NULL);
       CREATE INDEX notes_by_referral ON notes (referral_id, at);
       CREATE TABLE users (
         name TEXT PRIMARY KEY,
         role TEXT NOT NULL,
         provider TEXT,
         password_hash TEXT NOT NULL,
         totp_sealed {{blob}},
         failed_logins BIGINT NOT NULL DEFAULT 0,
         locked_until BIGINT NOT NULL DEFAULT 0,
         disabled BIGINT NOT NULL DEFAULT 0,
         created_at BIGINT NOT NULL);
       CREATE TABLE sessions (
         token_hash TEXT PRIMARY KEY,
         user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
         csrf TEXT NOT NULL,
         created_at BIGINT NOT NULL,
         last_seen BIGINT NOT NULL);
       CREATE TABLE audit (
         id {{id}},
         at BIGINT NOT NULL,
         user_name TEXT NOT NULL,
         action TEXT NOT NULL,
         referral_id TEXT,
         detail TEXT NOT NULL,
         address TEXT NOT NULL);
       CREATE INDEX audit_by_at ON audit (at);
       CREATE TABLE outbox (
         id {{id}},
         kind TEXT NOT NULL,
         target TEXT NOT NULL,
         event_id TEXT NOT NULL UNIQUE,
         referral_id TEXT,
         body TEXT NOT NULL,
         created_at BIGINT NOT NULL,
         next_attempt_at BIGINT NOT NULL,
         attempts BIGINT NOT NULL DEFAULT 0,
         state TEXT NOT NULL,
         last_error TEXT);
       CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
       CREATE TABLE deliveries (
         id {{id}},
         outbox_id BIGINT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
         at BIGINT NOT NULL,
         attempt BIGINT NOT NULL,
         result TEXT NOT NULL,
         http_status BIGINT);
       CREATE TABLE endpoints (
         target TEXT PRIMARY KEY,
         disabled_at BIGINT NOT NULL,
         reason TEXT NOT NULL);)",
    // 2: the provider network. Why each referral went where it is (routing_reason; its provider is
    // "" while it waits for a network admin), and its routing chain: one row per provider asked, in
    // order, modelled on the FHIR Task of the referral guides (requested -> accepted | rejected |
    // expired | reassigned; accepted -> completed when closed as treated). due_at: when an
    // unanswered request goes on to the next provider (NULL for a single clinic: nobody to go to).
    // The decline note is staff's free text, so sealed like notes.
    R"(ALTER TABLE referrals ADD COLUMN routing_reason TEXT NOT NULL DEFAULT '';
       CREATE INDEX referrals_by_provider ON referrals (provider, received_at);
       CREATE TABLE referral_hops (
         referral_id TEXT NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
         seq BIGINT NOT NULL,
         provider TEXT NOT NULL,
         reason TEXT NOT NULL,
         state TEXT NOT NULL,
         requested_at BIGINT NOT NULL,
         due_at BIGINT,
         decided_at BIGINT,
         decided_by TEXT,
         decline_reason TEXT,
         decline_note {{blob}},
         PRIMARY KEY (referral_id, seq));
       CREATE INDEX referral_hops_due ON referral_hops (state, due_at);)",
};

std::string spell(std::string sql, Dialect dialect) {
  auto replace = [&](const std::string& word, const std::string& with) {
    for (size_t at = sql.find(word); at != std::string::npos; at = sql.find(word, at + with.size()))
      sql.replace(at, word.size(), with);
  };
  bool pg = dialect == Dialect::Postgres;
  replace("{{blob}}", pg ? "BYTEA" : "BLOB");
  replace("{{id}}", pg ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  return sql;
}

}  // namespace

int schema_version() { return static_cast<int>(kSteps.size()); }

SqlStatus migrate(SqlConnection& db) {
  auto begun = db.begin();
  if (!begun.ok()) return begun;
  auto fail = [&](std::string what, const SqlError& e) {
    db.rollback();
    return SqlStatus::failure(what + ": " + e.message, e.transient);
  };
  // Two PostgreSQL processes starting together: the second waits here until the first committed.
  // The lock comes before even CREATE TABLE IF NOT EXISTS, which PostgreSQL does not make safe
  // against a twin creating the same table at the same moment (a duplicate key in pg_type).
  if (db.dialect() == Dialect::Postgres) {
    auto locked = db.query("SELECT pg_advisory_xact_lock(4242001)");
    if (!locked.ok()) return fail("schema lock", locked.error);
  }
  auto made = db.script("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)");
  if (!made.ok()) return fail("schema version table", made.error);
  auto current = db.query("SELECT MAX(version) FROM schema_version");
  if (!current.ok()) return fail("reading the schema version", current.error);
  int64_t version = current.value->empty() ? 0 : as_int((*current.value)[0][0], 0);
  if (version > schema_version()) {
    db.rollback();
    return SqlStatus::failure("the database has schema version " + std::to_string(version) +
                              ", newer than this server's " + std::to_string(schema_version()) +
                              ": run the newer server, or restore a backup");
  }
  for (int64_t step = version; step < schema_version(); ++step) {
    auto applied = db.script(spell(kSteps[static_cast<size_t>(step)], db.dialect()));
    if (!applied.ok()) return fail("schema step " + std::to_string(step + 1), applied.error);
    auto noted = db.query("INSERT INTO schema_version (version) VALUES ($1)", {step + 1});
    if (!noted.ok()) return fail("schema step " + std::to_string(step + 1), noted.error);
  }
  return db.commit();
}

}  // namespace ketascreen::server
