// Sending a referral (core's ReferralSubmission): every transition of the retry, backoff and
// offline rules, and that stale reports (a late answer after a reset) change nothing.
#include <doctest/doctest.h>

#include "ketascreen/referral_submission.hpp"

using namespace ketascreen;

namespace {

constexpr int64_t kT0 = 1795428000000;  // 2026-11-23T10:00:00Z

// Starts a submission and takes its first attempt.
ReferralSubmission::Attempt start(ReferralSubmission& s) {
  REQUIRE(s.start());
  REQUIRE(s.attempt_due());
  auto a = s.take_attempt();
  REQUIRE(a);
  return *a;
}

}  // namespace

TEST_CASE("referral submission: starts in Editing with nothing due") {
  ReferralSubmission s;
  CHECK(s.state() == SubmissionState::Editing);
  CHECK_FALSE(s.attempt_due());
  CHECK_FALSE(s.take_attempt());
  CHECK(s.ms_until_due(kT0) == -1);
  CHECK_FALSE(s.busy());
}

TEST_CASE("referral submission: start makes the first attempt due once, and 2xx is Sent") {
  ReferralSubmission s;
  REQUIRE(s.start());
  CHECK(s.state() == SubmissionState::Sending);
  const auto a = s.take_attempt();
  REQUIRE(a);
  CHECK(a->number == 1);
  CHECK(a->generation == s.generation());
  CHECK_FALSE(s.take_attempt());  // on its way: not due a second time
  CHECK(s.state() == SubmissionState::Sending);
  CHECK(s.answered(a->generation, 201, kT0));
  CHECK(s.state() == SubmissionState::Sent);
  CHECK(s.http_status() == 201);
  CHECK(s.failure() == SubmissionFailure::None);
  CHECK_FALSE(s.busy());
}

TEST_CASE("referral submission: a 5xx waits 1 s, then the same submission's next attempt succeeds") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK(s.answered(a.generation, 503, kT0));
  CHECK(s.state() == SubmissionState::Retrying);
  CHECK(s.http_status() == 503);
  CHECK(s.retry_in_seconds() == 1);
  CHECK(s.next_attempt_at_ms() == kT0 + 1000);
  CHECK(s.ms_until_due(kT0 + 400) == 600);
  CHECK_FALSE(s.attempt_due());
  CHECK_FALSE(s.tick(kT0 + 999));  // not yet
  CHECK(s.state() == SubmissionState::Retrying);
  CHECK(s.tick(kT0 + 1000));
  CHECK(s.state() == SubmissionState::Sending);
  const auto b = s.take_attempt();
  REQUIRE(b);
  CHECK(b->number == 2);
  CHECK(b->generation == a.generation);  // the same request (same Idempotency-Key)
  CHECK(s.answered(b->generation, 200, kT0 + 1200));
  CHECK(s.state() == SubmissionState::Sent);
}

TEST_CASE("referral submission: five retries with 1, 2, 4, 8, 16 s, then Failed with the last status") {
  ReferralSubmission s;
  auto a = start(s);
  int64_t now = kT0;
  const int waits[] = {1, 2, 4, 8, 16};
  for (int i = 0; i < 5; ++i) {
    CHECK(s.answered(a.generation, i == 4 ? 504 : 502, now));
    REQUIRE(s.state() == SubmissionState::Retrying);
    CHECK(s.retry_in_seconds() == waits[i]);
    now = s.next_attempt_at_ms();
    CHECK(s.tick(now));
    auto next = s.take_attempt();
    REQUIRE(next);
    CHECK(next->number == i + 2);
    a = *next;
  }
  CHECK(s.answered(a.generation, 503, now));
  CHECK(s.state() == SubmissionState::Failed);
  CHECK(s.failure() == SubmissionFailure::Exhausted);
  CHECK(s.http_status() == 503);
  CHECK(s.attempt() == 6);
  CHECK_FALSE(s.attempt_due());
  CHECK_FALSE(s.tick(now + 100000));  // nothing more
  CHECK_FALSE(s.back_online());
}

TEST_CASE("referral submission: network errors while online retry, and exhaust with status 0") {
  ReferralSubmission s;
  auto a = start(s);
  int64_t now = kT0;
  CHECK(s.answered(a.generation, 500, now));  // a 5xx first: the last status is what counts
  for (int i = 0; i < 5; ++i) {
    if (i > 0) CHECK(s.network_failed(a.generation, true, now));
    REQUIRE(s.state() == SubmissionState::Retrying);
    CHECK(s.http_status() == (i == 0 ? 500 : 0));
    now = s.next_attempt_at_ms();
    CHECK(s.tick(now));
    a = *s.take_attempt();
  }
  CHECK(s.network_failed(a.generation, true, now));
  CHECK(s.state() == SubmissionState::Failed);
  CHECK(s.failure() == SubmissionFailure::Exhausted);
  CHECK(s.http_status() == 0);
}

TEST_CASE("referral submission: a 4xx and a redirect (0) fail at once, without a retry") {
  for (int http : {400, 409, 422, 429, 0, 307}) {
    CAPTURE(http);
    ReferralSubmission s;
    const auto a = start(s);
    CHECK(s.answered(a.generation, http, kT0));
    CHECK(s.state() == SubmissionState::Failed);
    CHECK(s.failure() == SubmissionFailure::Refused);
    CHECK(s.http_status() == http);
    CHECK(s.attempt() == 1);
    CHECK_FALSE(s.tick(kT0 + 60000));
    CHECK_FALSE(s.attempt_due());
  }
}

TEST_CASE("referral submission: offline waits without using a retry and goes at once when back online") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK(s.network_failed(a.generation, false, kT0));
  CHECK(s.state() == SubmissionState::Offline);
  CHECK(s.busy());
  CHECK_FALSE(s.attempt_due());
  CHECK_FALSE(s.tick(kT0 + 3600000));  // time alone does not send it
  CHECK(s.state() == SubmissionState::Offline);
  CHECK(s.back_online());
  CHECK(s.state() == SubmissionState::Sending);
  auto b = s.take_attempt();
  REQUIRE(b);
  CHECK(b->generation == a.generation);
  CHECK(b->number == 2);  // not the first: the page is offered the payload only once
  // Offline again and again: still all five retries left afterwards.
  for (int i = 0; i < 10; ++i) {
    CHECK(s.network_failed(b->generation, false, kT0));
    CHECK(s.back_online());
    b = s.take_attempt();
    REQUIRE(b);
  }
  int64_t now = kT0;
  for (int i = 0; i < 5; ++i) {
    CHECK(s.answered(b->generation, 503, now));
    REQUIRE(s.state() == SubmissionState::Retrying);
    now = s.next_attempt_at_ms();
    s.tick(now);
    b = s.take_attempt();
    REQUIRE(b);
  }
  CHECK(s.answered(b->generation, 503, now));
  CHECK(s.state() == SubmissionState::Failed);
}

TEST_CASE("referral submission: back online during a retry's wait sends it now, with the same retries left") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK(s.answered(a.generation, 503, kT0));
  REQUIRE(s.state() == SubmissionState::Retrying);
  CHECK(s.back_online());
  const auto b = s.take_attempt();
  REQUIRE(b);
  CHECK(s.answered(b->generation, 503, kT0 + 10));
  CHECK(s.retry_in_seconds() == 2);  // the next wait in the schedule
  // On its way: 'online' changes nothing.
  CHECK(s.tick(s.next_attempt_at_ms()));
  REQUIRE(s.take_attempt());
  CHECK_FALSE(s.back_online());
  CHECK_FALSE(s.attempt_due());
}

TEST_CASE("referral submission: start while one is on its way does nothing") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK_FALSE(s.start());  // in flight
  CHECK_FALSE(s.attempt_due());
  CHECK(s.generation() == a.generation);
  CHECK(s.answered(a.generation, 503, kT0));
  CHECK_FALSE(s.start());  // retrying
  CHECK(s.state() == SubmissionState::Retrying);
  s.tick(s.next_attempt_at_ms());
  const auto b = s.take_attempt();
  CHECK(s.network_failed(b->generation, false, kT0));
  CHECK_FALSE(s.start());  // offline
  CHECK(s.state() == SubmissionState::Offline);
  CHECK(s.generation() == a.generation);
}

TEST_CASE("referral submission: after Failed, a second Send starts afresh with a new generation") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK(s.answered(a.generation, 422, kT0));
  REQUIRE(s.state() == SubmissionState::Failed);
  const auto b = start(s);
  CHECK(b.generation != a.generation);
  CHECK(b.number == 1);
  CHECK(s.http_status() == 0);
  CHECK(s.failure() == SubmissionFailure::None);
  CHECK_FALSE(s.answered(a.generation, 201, kT0));  // the old one's answer is not this one's
  CHECK(s.state() == SubmissionState::Sending);
}

TEST_CASE("referral submission: the page taking the payload is Sent, a refused endpoint is Failed") {
  ReferralSubmission s;
  auto a = start(s);
  CHECK(s.taken_by_page(a.generation));
  CHECK(s.state() == SubmissionState::Sent);
  CHECK_FALSE(s.answered(a.generation, 500, kT0));  // nothing on its way any more

  ReferralSubmission t;
  a = start(t);
  CHECK(t.endpoint_refused(a.generation));
  CHECK(t.state() == SubmissionState::Failed);
  CHECK(t.failure() == SubmissionFailure::Endpoint);
  CHECK(t.http_status() == 0);
}

TEST_CASE("referral submission: reset during a wait cancels it, and a late answer after reset is ignored") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK(s.answered(a.generation, 503, kT0));
  REQUIRE(s.state() == SubmissionState::Retrying);
  s.reset();
  CHECK(s.state() == SubmissionState::Editing);
  CHECK(s.http_status() == 0);
  CHECK(s.retry_in_seconds() == 0);
  CHECK(s.attempt() == 0);
  CHECK(s.generation() != a.generation);
  CHECK_FALSE(s.tick(kT0 + 60000));  // the wait is gone
  CHECK_FALSE(s.attempt_due());
  CHECK_FALSE(s.back_online());
  CHECK(s.state() == SubmissionState::Editing);

  // An attempt on its way at the reset: its answer, its network failure, the page's take: all stale.
  ReferralSubmission t;
  const auto b = start(t);
  t.reset();
  CHECK_FALSE(t.answered(b.generation, 201, kT0));
  CHECK_FALSE(t.network_failed(b.generation, true, kT0));
  CHECK_FALSE(t.taken_by_page(b.generation));
  CHECK_FALSE(t.endpoint_refused(b.generation));
  CHECK(t.state() == SubmissionState::Editing);

  // Even once the next person has sent their own: the late answer is not theirs.
  const auto c = start(t);
  CHECK_FALSE(t.answered(b.generation, 201, kT0));
  CHECK(t.state() == SubmissionState::Sending);
  CHECK(t.answered(c.generation, 201, kT0));
  CHECK(t.state() == SubmissionState::Sent);

  // And a reset after Sent leaves nothing for the next person.
  t.reset();
  CHECK(t.state() == SubmissionState::Editing);
  CHECK(t.http_status() == 0);
}

TEST_CASE("referral submission: an answer with a wrong generation while one is on its way is ignored") {
  ReferralSubmission s;
  const auto a = start(s);
  CHECK_FALSE(s.answered(a.generation + 1, 201, kT0));
  CHECK_FALSE(s.network_failed(a.generation - 1, false, kT0));
  CHECK(s.state() == SubmissionState::Sending);
  CHECK_FALSE(s.take_attempt());
}
