#pragma once
// Everything the server keeps, as domain operations over ConnectionPool. Every query is written
// once here and runs on SQLite and PostgreSQL alike. Contact details, answers and notes arrive and
// leave sealed (crypto.hpp): this layer never sees them in the clear.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connection_pool.hpp"

namespace ketascreen::server {

// Referral states, in the order staff move them.
inline const std::vector<std::string>& referral_statuses() {
  static const std::vector<std::string> s = {"new", "contacted", "scheduled", "closed"};
  return s;
}
inline const std::vector<std::string>& close_reasons() {
  static const std::vector<std::string> r = {"treated", "not_suitable", "no_answer", "declined"};
  return r;
}

// The provider network's routing chain (routing.hpp decides, this layer keeps it).
// Why a hop was made: at receive time, then on each move along the chain.
inline const std::vector<std::string>& hop_reasons() {
  static const std::vector<std::string> r = {"visitor_choice", "nearest", "chosen_provider_gone", "single_clinic",
                                             "forwarded_after_decline", "forwarded_after_expiry", "reassigned"};
  return r;
}
// Why a referral waits with no provider, for a network admin to reassign: nobody suitable near the
// visitor when it came, or every suitable provider was asked and none took it.
inline const std::vector<std::string>& unassigned_reasons() {
  static const std::vector<std::string> r = {"no_provider_near", "no_provider_left"};
  return r;
}
// A hop's state, after the FHIR Task of the referral guides: requested -> accepted | rejected |
// expired (no answer in time) | reassigned (by a network admin); accepted -> completed (closed as
// treated).
inline const std::vector<std::string>& hop_states() {
  static const std::vector<std::string> s = {"requested", "accepted", "rejected", "expired", "reassigned", "completed"};
  return s;
}
// Why a provider declines: a fixed list (reports count them), with an optional note.
inline const std::vector<std::string>& decline_reasons() {
  static const std::vector<std::string> r = {"no_capacity", "service_not_offered", "not_accepting_new", "outside_area",
                                             "other"};
  return r;
}

struct ReferralRecord {
  std::string id;
  std::string clinic;
  std::string provider;  // "" = unassigned: waits for a network admin
  std::string routing_reason;  // a hop reason, an unassigned reason, or "" (stored before routing existed)
  std::string locale;
  std::string outcome;
  std::string status = "new";
  std::string close_reason;  // empty unless closed
  std::int64_t created_at = 0;   // the widget's created_at, Unix ms
  std::int64_t received_at = 0;  // when this server committed it
  std::int64_t updated_at = 0;
  std::string consent_version;
  std::int64_t consent_given_at = 0;
  std::string body_mac;  // keyed hash of the exact request body (idempotency)
  Blob sealed;           // the payload JSON, encrypted with the referral id as associated data
};

// A notification to deliver after the referral is committed (in the same transaction, so it is
// never lost and never delays the answer). `body` holds no health data.
struct OutboxItem {
  std::int64_t id = 0;
  std::string kind;    // "email" | "webhook"
  std::string target;  // webhook URL or email address
  std::string event_id;
  std::string referral_id;
  std::string body;
  std::int64_t created_at = 0;
  std::int64_t next_attempt_at = 0;
  std::int64_t attempts = 0;
  std::string state = "pending";  // pending | delivered | failed | disabled
  std::string last_error;
};

struct DeliveryAttempt {
  std::int64_t outbox_id = 0;
  std::int64_t at = 0;
  std::int64_t attempt = 0;
  std::string result;  // "delivered", "HTTP 500", "timeout", ...
  std::optional<std::int64_t> http_status;
};

// One provider asked to take one referral.
struct RouteHop {
  std::string referral_id;
  std::int64_t seq = 0;  // 1, 2, ... in the order providers were asked
  std::string provider;
  std::string reason;  // hop_reasons()
  std::string state = "requested";  // hop_states()
  std::int64_t requested_at = 0;
  std::optional<std::int64_t> due_at;  // forwarded when still requested then; none for a single clinic
  std::optional<std::int64_t> decided_at;
  std::string decided_by;      // a user name, or "system" (expiry)
  std::string decline_reason;  // decline_reasons(), when rejected
  Blob decline_note;           // sealed with "decline:<referral id>:<seq>"; empty for none
};

// One step along the chain, all or nothing: the referral's current hop is closed as
// `closing_state` and the next one opened (or the referral left for a network admin), with the
// next provider's notifications. Nothing changes when the referral is no longer with
// `from_provider`, or (require_requested) its current hop is no longer an unanswered request: a
// stale form, or a twin process's expiry job, that came second.
struct RouteMove {
  std::string referral_id;
  std::string from_provider;      // the referral's provider as the caller read it
  std::int64_t from_seq = 0;      // its current hop; 0 when it has none (unassigned)
  bool require_requested = true;  // decline and expiry; a reassignment closes any open hop
  std::string closing_state;      // "rejected" | "expired" | "reassigned"
  std::string decided_by;
  std::string decline_reason;
  Blob decline_note;
  std::optional<RouteHop> next;   // provider, reason, requested_at, due_at; nullopt = unassigned
  std::string unassigned_reason;  // the referral's routing_reason when `next` is nullopt
  std::int64_t now = 0;
  // Expiry: the hop must still be due by then (a hop opened since, e.g. a reassignment back to the
  // same provider, is not this expiry's to close). 0 = no due check.
  std::int64_t due_by = 0;
};

enum class InsertOutcome { Created, Replayed, Conflict };
struct InsertResult {
  InsertOutcome outcome = InsertOutcome::Created;
  std::string id;
  std::int64_t received_at = 0;  // the first receipt's time, also for a replay
};

struct ReferralFilter {
  std::string status;   // "" = any
  std::string outcome;  // "" = any
  std::string provider; // "" = any (admins); a provider's staff always pass theirs
  bool unassigned = false;  // only those waiting for a network admin (provider "")
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

struct Note {
  std::int64_t id = 0;
  std::string referral_id;
  std::string author;
  std::int64_t at = 0;
  Blob sealed;
};

struct User {
  std::string name;
  std::string role;      // "intake" | "admin"
  std::string provider;  // "" = every provider (a single clinic, or a network admin)
  std::string password_hash;
  Blob totp_sealed;      // empty: no second factor
  std::int64_t failed_logins = 0;
  std::int64_t locked_until = 0;
  bool disabled = false;
  std::int64_t created_at = 0;
};

struct Session {
  std::string token_hash;
  std::string user_name;
  std::string csrf;
  std::int64_t created_at = 0;
  std::int64_t last_seen = 0;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string user_name;
  std::string action;       // "view_list", "view_referral", "set_status", "export_csv", "login", ...
  std::string referral_id;  // may be empty
  std::string detail;       // no contact details or answers
  std::string address;
};

class ReferralStore {
 public:
  explicit ReferralStore(ConnectionPool& pool) : pool_(pool) {}

  SqlStatus migrate();

  // Exactly once: a new id is stored with its notifications; the same id again is Replayed when
  // body_mac matches and Conflict when it does not. Two racing inserts of one id (threads or
  // processes) store one row; the loser reads the winner's receipt.
  // `first_hop`: where routing sent it (none when it waits unassigned), stored with it.
  SqlResult<InsertResult> insert_referral(const ReferralRecord& referral, const std::vector<OutboxItem>& notifications,
                                          const std::optional<RouteHop>& first_hop = std::nullopt);

  SqlResult<std::vector<ReferralRecord>> list_referrals(const ReferralFilter& filter);
  SqlResult<std::int64_t> count_referrals(const ReferralFilter& filter);
  SqlResult<std::optional<ReferralRecord>> find_referral(const std::string& id);
  // Writes on behalf of staff scoped to `provider` ("" = any provider) check it in the same
  // statement, so a referral reassigned after the page was read is not changed by the previous
  // provider's staff. false when there is no such referral for `provider`.
  // A status past "new" also accepts the current request (staff working on it have taken it), and
  // closed as treated completes it; `user` is recorded as who decided.
  SqlResult<bool> set_status(const std::string& id, const std::string& provider, const std::string& status,
                             const std::string& close_reason, std::int64_t now, const std::string& user);
  SqlResult<bool> add_note(const Note& note, const std::string& provider);

  // The routing chain, in order.
  SqlResult<std::vector<RouteHop>> hops_of(const std::string& referral_id);
  // Accepts the referral's current hop if it is an unanswered request to `provider` ("" = whoever
  // has it) and the referral is still with that provider; false otherwise.
  SqlResult<bool> accept_hop(const std::string& referral_id, const std::string& provider, const std::string& user,
                             std::int64_t now);
  // false when nothing moved (see RouteMove).
  SqlResult<bool> move_referral(const RouteMove& move, const std::vector<OutboxItem>& notifications);
  // Current hops still requested at `now` past their due time, oldest first.
  SqlResult<std::vector<RouteHop>> overdue_hops(std::int64_t now, std::int64_t limit);
  SqlResult<std::vector<Note>> notes_of(const std::string& referral_id);
  // Deletes referrals received before `cutoff` with their notes; returns how many.
  SqlResult<std::int64_t> purge_received_before(std::int64_t cutoff);

  // false when the name is taken.
  SqlResult<bool> add_user(const User& user);
  SqlResult<std::optional<User>> find_user(const std::string& name);
  SqlStatus set_password(const std::string& name, const std::string& password_hash);
  SqlStatus set_totp(const std::string& name, const Blob& totp_sealed);
  // Counts a failure; locks the account for `lock_ms` once `max_failures` are reached.
  SqlStatus record_login_failure(const std::string& name, std::int64_t now, std::int64_t max_failures,
                                 std::int64_t lock_ms);
  SqlStatus clear_login_failures(const std::string& name);

  SqlStatus create_session(const Session& session);
  SqlResult<std::optional<Session>> find_session(const std::string& token_hash);
  SqlStatus touch_session(const std::string& token_hash, std::int64_t now);
  SqlStatus delete_session(const std::string& token_hash);
  SqlStatus delete_sessions_idle_since(std::int64_t cutoff);

  SqlStatus audit(const AuditEntry& entry);
  SqlResult<std::vector<AuditEntry>> audit_log(std::int64_t limit, std::int64_t offset);

  // Notifications whose next attempt is due, oldest first.
  SqlResult<std::vector<OutboxItem>> due_notifications(std::int64_t now, std::int64_t limit);
  // Takes a due item for this process: moves its next attempt to `lease_until` only if it is still
  // pending and due at `expected_next_attempt_at`. false when another process (PostgreSQL with
  // several servers) claimed it first, so each attempt is made once. A process that dies mid-send
  // leaves the item to be tried again when the lease runs out.
  SqlResult<bool> claim_notification(std::int64_t outbox_id, std::int64_t expected_next_attempt_at,
                                     std::int64_t lease_until);
  // Records one attempt and the item's new state (next_attempt_at for a retry).
  SqlStatus record_attempt(const DeliveryAttempt& attempt, const std::string& state, std::int64_t next_attempt_at,
                           const std::string& last_error);
  SqlResult<std::vector<OutboxItem>> notifications(std::int64_t limit, std::int64_t offset);
  SqlResult<std::vector<DeliveryAttempt>> attempts_of(std::int64_t outbox_id);
  // Sends a notification again from now on (an admin's replay); false when unknown or still pending.
  SqlResult<bool> replay_notification(std::int64_t outbox_id, std::int64_t now);
  // A webhook target that answered 410 Gone: no more deliveries to it.
  SqlStatus disable_endpoint(const std::string& target, std::int64_t now, const std::string& reason);
  SqlResult<bool> endpoint_disabled(const std::string& target);

 private:
  ConnectionPool& pool_;
};

}  // namespace ketascreen::server
