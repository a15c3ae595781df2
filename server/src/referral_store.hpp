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

struct ReferralRecord {
  std::string id;
  std::string clinic;
  std::string provider;
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
  SqlResult<InsertResult> insert_referral(const ReferralRecord& referral, const std::vector<OutboxItem>& notifications);

  SqlResult<std::vector<ReferralRecord>> list_referrals(const ReferralFilter& filter);
  SqlResult<std::int64_t> count_referrals(const ReferralFilter& filter);
  SqlResult<std::optional<ReferralRecord>> find_referral(const std::string& id);
  // false when there is no such referral.
  SqlResult<bool> set_status(const std::string& id, const std::string& status, const std::string& close_reason,
                             std::int64_t now);
  SqlStatus add_note(const Note& note);
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
