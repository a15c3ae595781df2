#include "referral_store.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

#include "migrations.hpp"

namespace ketascreen::server {
namespace {

// Runs `work` on a leased connection; a transient failure (SQLite busy, PostgreSQL serialization
// or a dropped connection) is tried again a few times before it is reported.
template <class T, class Work>
SqlResult<T> with_connection(ConnectionPool& pool, Work work) {
  SqlResult<T> last = SqlResult<T>::failure("no attempt", true);
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
    auto lease = pool.lease();
    if (!lease.ok()) {
      last = SqlResult<T>::failure(lease.error.message, true);
      continue;
    }
    last = work(**lease.value);
    if (last.ok() || !last.error.transient) return last;
    (*lease.value)->rollback();
    lease.value->discard();  // may be a dead connection; the next lease opens a fresh one
  }
  return last;
}

// Runs statements that change nothing else in one round: ok or the first error.
SqlStatus exec(ConnectionPool& pool, std::string_view sql, Params params) {
  return with_connection<bool>(pool, [&](SqlConnection& db) -> SqlStatus {
    auto r = db.query(sql, params);
    return r.ok() ? sql_success(true) : sql_failed<bool>(r);
  });
}

const char* kReferralColumns =
    "id, clinic, provider, locale, outcome, status, close_reason, created_at, received_at, updated_at, "
    "consent_version, consent_given_at, body_mac, sealed, routing_reason";

ReferralRecord referral_from(const Row& r) {
  ReferralRecord x;
  x.id = as_text(r[0]);
  x.clinic = as_text(r[1]);
  x.provider = as_text(r[2]);
  x.locale = as_text(r[3]);
  x.outcome = as_text(r[4]);
  x.status = as_text(r[5]);
  x.close_reason = as_text(r[6]);
  x.created_at = as_int(r[7]);
  x.received_at = as_int(r[8]);
  x.updated_at = as_int(r[9]);
  x.consent_version = as_text(r[10]);
  x.consent_given_at = as_int(r[11]);
  x.body_mac = as_text(r[12]);
  x.sealed = as_blob(r[13]);
  x.routing_reason = as_text(r[14]);
  return x;
}

const char* kHopColumns =
    "referral_id, seq, provider, reason, state, requested_at, due_at, decided_at, decided_by, decline_reason, "
    "decline_note";

RouteHop hop_from(const Row& r) {
  RouteHop h;
  h.referral_id = as_text(r[0]);
  h.seq = as_int(r[1]);
  h.provider = as_text(r[2]);
  h.reason = as_text(r[3]);
  h.state = as_text(r[4]);
  h.requested_at = as_int(r[5]);
  if (!is_null(r[6])) h.due_at = as_int(r[6]);
  if (!is_null(r[7])) h.decided_at = as_int(r[7]);
  h.decided_by = as_text(r[8]);
  h.decline_reason = as_text(r[9]);
  h.decline_note = as_blob(r[10]);
  return h;
}

SqlValue optional_int(const std::optional<std::int64_t>& v) { return v ? SqlValue(*v) : SqlValue(nullptr); }

const char* kOutboxColumns =
    "id, kind, target, event_id, referral_id, body, created_at, next_attempt_at, attempts, state, last_error";

OutboxItem outbox_from(const Row& r) {
  OutboxItem o;
  o.id = as_int(r[0]);
  o.kind = as_text(r[1]);
  o.target = as_text(r[2]);
  o.event_id = as_text(r[3]);
  o.referral_id = as_text(r[4]);
  o.body = as_text(r[5]);
  o.created_at = as_int(r[6]);
  o.next_attempt_at = as_int(r[7]);
  o.attempts = as_int(r[8]);
  o.state = as_text(r[9]);
  o.last_error = as_text(r[10]);
  return o;
}

// WHERE clause and parameters of a referral filter (shared by the list and its count).
std::string filter_clause(const ReferralFilter& f, Params& params) {
  std::string where = " WHERE 1=1";
  auto add = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    params.emplace_back(value);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  add("status", f.status);
  add("outcome", f.outcome);
  add("provider", f.provider);
  if (f.unassigned) where += " AND provider = ''";
  return where;
}

SqlValue text_or_null(const std::string& s) { return s.empty() ? SqlValue(nullptr) : SqlValue(s); }
SqlValue blob_or_null(const Blob& b) { return b.empty() ? SqlValue(nullptr) : SqlValue(b); }

// "provider = $n" for staff of one provider, nothing for those who see every provider. In SQL,
// not after a read, so the check and the write are one statement.
const char* kProviderScope = "(CAST($%d AS TEXT) = '' OR provider = $%d)";
std::string provider_scope(int param) {
  char text[96];
  std::snprintf(text, sizeof text, kProviderScope, param, param);
  return text;
}

// Opens a hop within the caller's transaction, numbered after the referral's last one.
SqlResult<Rows> insert_hop(SqlConnection& db, const RouteHop& h) {
  return db.query(std::string("INSERT INTO referral_hops (") + kHopColumns +
                      ") VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM referral_hops WHERE referral_id = $1), $2, "
                      "$3, $4, $5, $6, NULL, NULL, NULL, NULL)",
                  {h.referral_id, h.provider, h.reason, h.state, h.requested_at, optional_int(h.due_at)});
}

SqlResult<Rows> queue_notifications(SqlConnection& db, const std::vector<OutboxItem>& items) {
  SqlResult<Rows> last;
  last.value = Rows{};
  for (const auto& n : items) {
    last = db.query(
        "INSERT INTO outbox (kind, target, event_id, referral_id, body, created_at, next_attempt_at, attempts, "
        "state) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 'pending')",
        {n.kind, n.target, n.event_id, text_or_null(n.referral_id), n.body, n.created_at, n.next_attempt_at});
    if (!last.ok()) return last;
  }
  return last;
}

}  // namespace

SqlStatus ReferralStore::migrate() {
  return with_connection<bool>(pool_, [](SqlConnection& db) { return server::migrate(db); });
}

SqlResult<InsertResult> ReferralStore::insert_referral(const ReferralRecord& x, const std::vector<OutboxItem>& notes,
                                                       const std::optional<RouteHop>& first_hop) {
  return with_connection<InsertResult>(pool_, [&](SqlConnection& db) -> SqlResult<InsertResult> {
    auto begun = db.begin();
    if (!begun.ok()) return sql_failed<InsertResult>(begun);
    auto fail = [&](const SqlError& e) {
      db.rollback();
      return SqlResult<InsertResult>::failure(e.message, e.transient);
    };
    // ON CONFLICT DO NOTHING: of two racing inserts the second waits for the first's commit (its
    // unique index entry) and then inserts nothing, in SQLite and PostgreSQL alike.
    auto inserted = db.query(
        std::string("INSERT INTO referrals (") + kReferralColumns +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING "
            "RETURNING id",
        {x.id, x.clinic, x.provider, x.locale, x.outcome, x.status, text_or_null(x.close_reason), x.created_at,
         x.received_at, x.updated_at, x.consent_version, x.consent_given_at, x.body_mac, x.sealed, x.routing_reason});
    if (!inserted.ok()) return fail(inserted.error);
    if (inserted.value->empty()) {
      auto existing = db.query("SELECT body_mac, received_at FROM referrals WHERE id = $1", {x.id});
      if (!existing.ok()) return fail(existing.error);
      db.rollback();
      if (existing.value->empty()) return SqlResult<InsertResult>::failure("referral vanished during insert", true);
      const Row& row = (*existing.value)[0];
      InsertResult r{as_text(row[0]) == x.body_mac ? InsertOutcome::Replayed : InsertOutcome::Conflict, x.id,
                     as_int(row[1])};
      return sql_success(r);
    }
    if (first_hop) {
      auto routed = insert_hop(db, *first_hop);
      if (!routed.ok()) return fail(routed.error);
    }
    auto queued = queue_notifications(db, notes);
    if (!queued.ok()) return fail(queued.error);
    auto committed = db.commit();
    if (!committed.ok()) return fail(committed.error);
    return sql_success(InsertResult{InsertOutcome::Created, x.id, x.received_at});
  });
}

SqlResult<std::vector<ReferralRecord>> ReferralStore::list_referrals(const ReferralFilter& f) {
  return with_connection<std::vector<ReferralRecord>>(pool_, [&](SqlConnection& db) {
    Params params;
    std::string sql = std::string("SELECT ") + kReferralColumns + " FROM referrals" + filter_clause(f, params);
    params.emplace_back(f.limit);
    sql += " ORDER BY received_at DESC, id LIMIT $" + std::to_string(params.size());
    params.emplace_back(f.offset);
    sql += " OFFSET $" + std::to_string(params.size());
    auto rows = db.query(sql, params);
    if (!rows.ok()) return sql_failed<std::vector<ReferralRecord>>(rows);
    std::vector<ReferralRecord> out;
    for (const auto& r : *rows.value) out.push_back(referral_from(r));
    return sql_success(std::move(out));
  });
}

SqlResult<std::int64_t> ReferralStore::count_referrals(const ReferralFilter& f) {
  return with_connection<std::int64_t>(pool_, [&](SqlConnection& db) {
    Params params;
    std::string sql = "SELECT COUNT(*) FROM referrals" + filter_clause(f, params);
    auto rows = db.query(sql, params);
    if (!rows.ok()) return sql_failed<std::int64_t>(rows);
    return sql_success<std::int64_t>(rows.value->empty() ? 0 : as_int((*rows.value)[0][0]));
  });
}

SqlResult<std::optional<ReferralRecord>> ReferralStore::find_referral(const std::string& id) {
  return with_connection<std::optional<ReferralRecord>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE id = $1", {id});
    if (!rows.ok()) return sql_failed<std::optional<ReferralRecord>>(rows);
    std::optional<ReferralRecord> r;
    if (!rows.value->empty()) r = referral_from((*rows.value)[0]);
    return sql_success(std::move(r));
  });
}

SqlResult<bool> ReferralStore::set_status(const std::string& id, const std::string& provider, const std::string& status,
                                          const std::string& close_reason, std::int64_t now, const std::string& user) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) -> SqlResult<bool> {
    auto begun = db.begin();
    if (!begun.ok()) return begun;
    auto fail = [&](const SqlResult<Rows>& r) {
      db.rollback();
      return sql_failed<bool>(r);
    };
    auto rows = db.query("UPDATE referrals SET status = $1, close_reason = $2, updated_at = $3 WHERE id = $4 AND " +
                             provider_scope(5) + " RETURNING provider",
                         {status, text_or_null(close_reason), now, id, provider});
    if (!rows.ok()) return fail(rows);
    if (rows.value->empty()) {
      db.rollback();
      return sql_success(false);
    }
    // The current hop, if it is this provider's (an unassigned referral has none).
    const std::string holder = as_text((*rows.value)[0][0]);
    auto current = db.query("SELECT seq, state FROM referral_hops WHERE referral_id = $1 AND provider = $2 AND seq = "
                            "(SELECT MAX(seq) FROM referral_hops WHERE referral_id = $1)",
                            {id, holder});
    if (!current.ok()) return fail(current);
    if (!current.value->empty()) {
      const std::int64_t seq = as_int((*current.value)[0][0]);
      const std::string state = as_text((*current.value)[0][1]);
      const bool open = state == "requested" || state == "accepted" || state == "completed";
      std::string next = state;
      if (status == "closed" && close_reason == "treated") next = "completed";
      else if (status != "new" || state == "completed") next = "accepted";
      if (open && next != state) {
        // The first decision is the one recorded: reopening a completed hop keeps who accepted it.
        auto moved = db.query("UPDATE referral_hops SET state = $1, decided_at = COALESCE(decided_at, $2), "
                              "decided_by = COALESCE(decided_by, $3) WHERE referral_id = $4 AND seq = $5",
                              {next, now, user, id, seq});
        if (!moved.ok()) return fail(moved);
      }
    }
    auto committed = db.commit();
    if (!committed.ok()) return committed;
    return sql_success(true);
  });
}

SqlResult<bool> ReferralStore::add_note(const Note& n, const std::string& provider) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) -> SqlResult<bool> {
    auto begun = db.begin();
    if (!begun.ok()) return begun;
    // The check takes the referral row's lock (a write that changes nothing), so a reassignment
    // cannot slip in between it and the insert.
    auto held = db.query("UPDATE referrals SET updated_at = updated_at WHERE id = $1 AND " + provider_scope(2) +
                             " RETURNING id",
                         {n.referral_id, provider});
    if (!held.ok() || held.value->empty()) {
      db.rollback();
      return held.ok() ? sql_success(false) : sql_failed<bool>(held);
    }
    auto rows = db.query("INSERT INTO notes (referral_id, author, at, sealed) VALUES ($1, $2, $3, $4)",
                         {n.referral_id, n.author, n.at, n.sealed});
    if (!rows.ok()) {
      db.rollback();
      return sql_failed<bool>(rows);
    }
    auto committed = db.commit();
    if (!committed.ok()) return committed;
    return sql_success(true);
  });
}

SqlResult<std::vector<RouteHop>> ReferralStore::hops_of(const std::string& referral_id) {
  return with_connection<std::vector<RouteHop>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(std::string("SELECT ") + kHopColumns + " FROM referral_hops WHERE referral_id = $1 ORDER BY seq",
                         {referral_id});
    if (!rows.ok()) return sql_failed<std::vector<RouteHop>>(rows);
    std::vector<RouteHop> out;
    for (const auto& r : *rows.value) out.push_back(hop_from(r));
    return sql_success(std::move(out));
  });
}

SqlResult<bool> ReferralStore::accept_hop(const std::string& referral_id, const std::string& provider,
                                          const std::string& user, std::int64_t now) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) -> SqlResult<bool> {
    auto begun = db.begin();
    if (!begun.ok()) return begun;
    // The referral row first: it is what every move along the chain changes, so a concurrent
    // decline, expiry or reassignment waits for this one (or this one for it) in both databases.
    auto held = db.query("UPDATE referrals SET updated_at = $1 WHERE id = $2 AND provider <> '' AND " +
                             provider_scope(3) + " RETURNING provider",
                         {now, referral_id, provider});
    if (!held.ok() || held.value->empty()) {
      db.rollback();
      return held.ok() ? sql_success(false) : sql_failed<bool>(held);
    }
    auto rows = db.query("UPDATE referral_hops SET state = 'accepted', decided_at = $1, decided_by = $2 WHERE "
                         "referral_id = $3 AND provider = $4 AND state = 'requested' AND seq = "
                         "(SELECT MAX(seq) FROM referral_hops WHERE referral_id = $3) RETURNING seq",
                         {now, user, referral_id, as_text((*held.value)[0][0])});
    if (!rows.ok() || rows.value->empty()) {
      db.rollback();
      return rows.ok() ? sql_success(false) : sql_failed<bool>(rows);
    }
    auto committed = db.commit();
    if (!committed.ok()) return committed;
    return sql_success(true);
  });
}

SqlResult<bool> ReferralStore::move_referral(const RouteMove& m, const std::vector<OutboxItem>& notifications) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) -> SqlResult<bool> {
    auto begun = db.begin();
    if (!begun.ok()) return begun;
    auto fail = [&](const SqlResult<Rows>& r) {
      db.rollback();
      return sql_failed<bool>(r);
    };
    auto nothing = [&] {
      db.rollback();
      return sql_success(false);
    };
    // A new provider starts from "new": the previous one's progress is theirs (kept in the audit log).
    const std::string to = m.next ? m.next->provider : "";
    auto moved = db.query("UPDATE referrals SET provider = $1, routing_reason = $2, status = 'new', close_reason = NULL, "
                          "updated_at = $3 WHERE id = $4 AND provider = $5 RETURNING id",
                          {to, m.next ? m.next->reason : m.unassigned_reason, m.now, m.referral_id, m.from_provider});
    if (!moved.ok()) return fail(moved);
    if (moved.value->empty()) return nothing();
    if (!m.require_requested) {
      // A reassignment closes every hop still open, whichever it is: none may stay "requested" (the
      // expiry job would find it again) or "accepted" under a provider that no longer has it.
      auto closed = db.query(
          "UPDATE referral_hops SET state = $1, decided_at = $2, decided_by = $3 "
          "WHERE referral_id = $4 AND state IN ('requested', 'accepted') RETURNING seq",
          {m.closing_state, m.now, m.decided_by, m.referral_id});
      if (!closed.ok()) return fail(closed);
    } else if (m.from_seq > 0) {
      // A decline or an expiry closes exactly the current hop, still unanswered (and for an
      // expiry still due), or nothing happens.
      auto closed = db.query(
          "UPDATE referral_hops SET state = $1, decided_at = $2, decided_by = $3, decline_reason = $4, "
          "decline_note = $5 WHERE referral_id = $6 AND seq = $7 AND provider = $8 AND seq = "
          "(SELECT MAX(seq) FROM referral_hops WHERE referral_id = $6) AND state = 'requested' "
          "AND (CAST($9 AS BIGINT) = 0 OR (due_at IS NOT NULL AND due_at <= CAST($9 AS BIGINT))) RETURNING seq",
          {m.closing_state, m.now, m.decided_by, text_or_null(m.decline_reason), blob_or_null(m.decline_note),
           m.referral_id, m.from_seq, m.from_provider, m.due_by});
      if (!closed.ok()) return fail(closed);
      if (closed.value->empty()) return nothing();
    } else {
      return nothing();
    }
    if (m.next) {
      RouteHop next = *m.next;
      next.referral_id = m.referral_id;
      next.state = "requested";
      auto opened = insert_hop(db, next);
      if (!opened.ok()) return fail(opened);
    }
    auto queued = queue_notifications(db, notifications);
    if (!queued.ok()) return fail(queued);
    auto committed = db.commit();
    if (!committed.ok()) return committed;
    return sql_success(true);
  });
}

SqlResult<std::vector<RouteHop>> ReferralStore::overdue_hops(std::int64_t now, std::int64_t limit) {
  return with_connection<std::vector<RouteHop>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(std::string("SELECT ") + kHopColumns +
                             " FROM referral_hops h WHERE state = 'requested' AND due_at IS NOT NULL AND due_at <= $1 "
                             // Only a referral's current hop can lapse: an older one left open
                             // must not be picked again and again, filling the batch.
                             "AND seq = (SELECT MAX(seq) FROM referral_hops l WHERE l.referral_id = h.referral_id) "
                             "ORDER BY due_at, referral_id LIMIT $2",
                         {now, limit});
    if (!rows.ok()) return sql_failed<std::vector<RouteHop>>(rows);
    std::vector<RouteHop> out;
    for (const auto& r : *rows.value) out.push_back(hop_from(r));
    return sql_success(std::move(out));
  });
}

SqlResult<std::vector<Note>> ReferralStore::notes_of(const std::string& referral_id) {
  return with_connection<std::vector<Note>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query("SELECT id, referral_id, author, at, sealed FROM notes WHERE referral_id = $1 ORDER BY at, id",
                         {referral_id});
    if (!rows.ok()) return sql_failed<std::vector<Note>>(rows);
    std::vector<Note> out;
    for (const auto& r : *rows.value) out.push_back({as_int(r[0]), as_text(r[1]), as_text(r[2]), as_int(r[3]), as_blob(r[4])});
    return sql_success(std::move(out));
  });
}

SqlResult<std::int64_t> ReferralStore::purge_received_before(std::int64_t cutoff) {
  return with_connection<std::int64_t>(pool_, [&](SqlConnection& db) -> SqlResult<std::int64_t> {
    auto begun = db.begin();
    if (!begun.ok()) return sql_failed<std::int64_t>(begun);
    // Notes go first explicitly: SQLite enforces ON DELETE CASCADE only with foreign_keys on.
    auto notes = db.query("DELETE FROM notes WHERE referral_id IN (SELECT id FROM referrals WHERE received_at < $1)", {cutoff});
    if (notes.ok())
      notes = db.query("DELETE FROM referral_hops WHERE referral_id IN (SELECT id FROM referrals WHERE received_at < $1)",
                       {cutoff});
    auto gone = notes.ok() ? db.query("DELETE FROM referrals WHERE received_at < $1 RETURNING id", {cutoff}) : notes;
    if (!gone.ok()) {
      db.rollback();
      return sql_failed<std::int64_t>(gone);
    }
    auto committed = db.commit();
    if (!committed.ok()) return sql_failed<std::int64_t>(committed);
    return sql_success(static_cast<std::int64_t>(gone.value->size()));
  });
}

SqlResult<bool> ReferralStore::add_user(const User& u) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(
        "INSERT INTO users (name, role, provider, password_hash, totp_sealed, failed_logins, locked_until, disabled, "
        "created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING name",
        {u.name, u.role, text_or_null(u.provider), u.password_hash,
         u.totp_sealed.empty() ? SqlValue(nullptr) : SqlValue(u.totp_sealed), std::int64_t{u.disabled ? 1 : 0},
         u.created_at});
    if (!rows.ok()) return sql_failed<bool>(rows);
    return sql_success(!rows.value->empty());
  });
}

SqlResult<std::optional<User>> ReferralStore::find_user(const std::string& name) {
  return with_connection<std::optional<User>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(
        "SELECT name, role, provider, password_hash, totp_sealed, failed_logins, locked_until, disabled, created_at "
        "FROM users WHERE name = $1",
        {name});
    if (!rows.ok()) return sql_failed<std::optional<User>>(rows);
    std::optional<User> u;
    if (!rows.value->empty()) {
      const Row& r = (*rows.value)[0];
      u = User{as_text(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_blob(r[4]),
               as_int(r[5]),  as_int(r[6]),  as_int(r[7]) != 0, as_int(r[8])};
    }
    return sql_success(std::move(u));
  });
}

SqlStatus ReferralStore::set_password(const std::string& name, const std::string& hash) {
  return exec(pool_, "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = 0 WHERE name = $2",
              {hash, name});
}

SqlStatus ReferralStore::set_totp(const std::string& name, const Blob& totp_sealed) {
  return exec(pool_, "UPDATE users SET totp_sealed = $1 WHERE name = $2",
              {totp_sealed.empty() ? SqlValue(nullptr) : SqlValue(totp_sealed), name});
}

SqlStatus ReferralStore::record_login_failure(const std::string& name, std::int64_t now, std::int64_t max_failures,
                                              std::int64_t lock_ms) {
  // One statement, so two failures at once both count.
  return exec(pool_,
              "UPDATE users SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= $1 "
              "THEN $2 ELSE locked_until END WHERE name = $3",
              {max_failures, now + lock_ms, name});
}

SqlStatus ReferralStore::clear_login_failures(const std::string& name) {
  return exec(pool_, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE name = $1", {name});
}

SqlStatus ReferralStore::create_session(const Session& s) {
  return exec(pool_, "INSERT INTO sessions (token_hash, user_name, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5)",
              {s.token_hash, s.user_name, s.csrf, s.created_at, s.last_seen});
}

SqlResult<std::optional<Session>> ReferralStore::find_session(const std::string& token_hash) {
  return with_connection<std::optional<Session>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query("SELECT token_hash, user_name, csrf, created_at, last_seen FROM sessions WHERE token_hash = $1",
                         {token_hash});
    if (!rows.ok()) return sql_failed<std::optional<Session>>(rows);
    std::optional<Session> s;
    if (!rows.value->empty()) {
      const Row& r = (*rows.value)[0];
      s = Session{as_text(r[0]), as_text(r[1]), as_text(r[2]), as_int(r[3]), as_int(r[4])};
    }
    return sql_success(std::move(s));
  });
}

SqlStatus ReferralStore::touch_session(const std::string& token_hash, std::int64_t now) {
  return exec(pool_, "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2", {now, token_hash});
}

SqlStatus ReferralStore::delete_session(const std::string& token_hash) {
  return exec(pool_, "DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

SqlStatus ReferralStore::delete_sessions_idle_since(std::int64_t cutoff) {
  return exec(pool_, "DELETE FROM sessions WHERE last_seen < $1", {cutoff});
}

SqlStatus ReferralStore::audit(const AuditEntry& e) {
  return exec(pool_,
              "INSERT INTO audit (at, user_name, action, referral_id, detail, address) VALUES ($1, $2, $3, $4, $5, $6)",
              {e.at, e.user_name, e.action, text_or_null(e.referral_id), e.detail, e.address});
}

SqlResult<std::vector<AuditEntry>> ReferralStore::audit_log(std::int64_t limit, std::int64_t offset) {
  return with_connection<std::vector<AuditEntry>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(
        "SELECT id, at, user_name, action, referral_id, detail, address FROM audit ORDER BY id DESC LIMIT $1 OFFSET $2",
        {limit, offset});
    if (!rows.ok()) return sql_failed<std::vector<AuditEntry>>(rows);
    std::vector<AuditEntry> out;
    for (const auto& r : *rows.value)
      out.push_back({as_int(r[0]), as_int(r[1]), as_text(r[2]), as_text(r[3]), as_text(r[4]), as_text(r[5]), as_text(r[6])});
    return sql_success(std::move(out));
  });
}

SqlResult<std::vector<OutboxItem>> ReferralStore::due_notifications(std::int64_t now, std::int64_t limit) {
  return with_connection<std::vector<OutboxItem>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id "
                             "LIMIT $2",
                         {now, limit});
    if (!rows.ok()) return sql_failed<std::vector<OutboxItem>>(rows);
    std::vector<OutboxItem> out;
    for (const auto& r : *rows.value) out.push_back(outbox_from(r));
    return sql_success(std::move(out));
  });
}

SqlResult<bool> ReferralStore::claim_notification(std::int64_t outbox_id, std::int64_t expected_next_attempt_at,
                                                  std::int64_t lease_until) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) {
    auto rows = db.query("UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND state = 'pending' AND "
                         "next_attempt_at = $3 RETURNING id",
                         {lease_until, outbox_id, expected_next_attempt_at});
    if (!rows.ok()) return sql_failed<bool>(rows);
    return sql_success(!rows.value->empty());
  });
}

SqlStatus ReferralStore::record_attempt(const DeliveryAttempt& a, const std::string& state, std::int64_t next_attempt_at,
                                        const std::string& last_error) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) -> SqlStatus {
    auto begun = db.begin();
    if (!begun.ok()) return begun;
    auto logged = db.query("INSERT INTO deliveries (outbox_id, at, attempt, result, http_status) VALUES ($1, $2, $3, $4, $5)",
                           {a.outbox_id, a.at, a.attempt, a.result,
                            a.http_status ? SqlValue(*a.http_status) : SqlValue(nullptr)});
    auto updated = logged.ok() ? db.query("UPDATE outbox SET attempts = $1, state = $2, next_attempt_at = $3, last_error = $4 "
                                          "WHERE id = $5",
                                          {a.attempt, state, next_attempt_at, text_or_null(last_error), a.outbox_id})
                               : logged;
    if (!updated.ok()) {
      db.rollback();
      return sql_failed<bool>(updated);
    }
    return db.commit();
  });
}

SqlResult<std::vector<OutboxItem>> ReferralStore::notifications(std::int64_t limit, std::int64_t offset) {
  return with_connection<std::vector<OutboxItem>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query(std::string("SELECT ") + kOutboxColumns + " FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2",
                         {limit, offset});
    if (!rows.ok()) return sql_failed<std::vector<OutboxItem>>(rows);
    std::vector<OutboxItem> out;
    for (const auto& r : *rows.value) out.push_back(outbox_from(r));
    return sql_success(std::move(out));
  });
}

SqlResult<std::vector<DeliveryAttempt>> ReferralStore::attempts_of(std::int64_t outbox_id) {
  return with_connection<std::vector<DeliveryAttempt>>(pool_, [&](SqlConnection& db) {
    auto rows = db.query("SELECT outbox_id, at, attempt, result, http_status FROM deliveries WHERE outbox_id = $1 ORDER BY id",
                         {outbox_id});
    if (!rows.ok()) return sql_failed<std::vector<DeliveryAttempt>>(rows);
    std::vector<DeliveryAttempt> out;
    for (const auto& r : *rows.value) {
      DeliveryAttempt a{as_int(r[0]), as_int(r[1]), as_int(r[2]), as_text(r[3]), std::nullopt};
      if (!is_null(r[4])) a.http_status = as_int(r[4]);
      out.push_back(std::move(a));
    }
    return sql_success(std::move(out));
  });
}

SqlResult<bool> ReferralStore::replay_notification(std::int64_t outbox_id, std::int64_t now) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) {
    // Not an item still pending: it may be on its way (claimed) in this or another process.
    auto rows = db.query("UPDATE outbox SET state = 'pending', next_attempt_at = $1 WHERE id = $2 AND state <> 'pending' "
                         "RETURNING id",
                         {now, outbox_id});
    if (!rows.ok()) return sql_failed<bool>(rows);
    return sql_success(!rows.value->empty());
  });
}

SqlStatus ReferralStore::disable_endpoint(const std::string& target, std::int64_t now, const std::string& reason) {
  return exec(pool_,
              "INSERT INTO endpoints (target, disabled_at, reason) VALUES ($1, $2, $3) ON CONFLICT (target) DO UPDATE SET "
              "disabled_at = $2, reason = $3",
              {target, now, reason});
}

SqlResult<bool> ReferralStore::endpoint_disabled(const std::string& target) {
  return with_connection<bool>(pool_, [&](SqlConnection& db) {
    auto rows = db.query("SELECT 1 FROM endpoints WHERE target = $1", {target});
    if (!rows.ok()) return sql_failed<bool>(rows);
    return sql_success(!rows.value->empty());
  });
}

}  // namespace ketascreen::server
