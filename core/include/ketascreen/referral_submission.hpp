#pragma once
// Sending one referral (shared/DESIGN.md "Referral"): the retry, backoff and offline rules and the
// progress the form shows, as one value. No I/O and no clock: the host performs each attempt (a
// POST, or the page taking the payload) and reports what happened, with times as Unix ms.
//
//   start()                     Send on a valid form: the first attempt is due at once
//   take_attempt()              the attempt that should go now, if any (the host performs it)
//   answered(gen, http, now)    2xx: Sent; 5xx: retry after the next wait; anything else (4xx,
//                               0 = a redirect not followed): Failed at once
//   network_failed(gen, online, now)
//                               online: retried like a 5xx; offline: Offline, no retry used up,
//                               and it goes at once when back_online() comes
//   back_online()               Offline, or waiting for a retry: the attempt is due now
//   tick(now)                   the wait is over: the retry is due
//   taken_by_page(gen)          the page took the payload itself (ketascreen:referral prevented)
//   endpoint_refused(gen)       the endpoint is not one core allows (is_allowed_referral_endpoint)
//   reset()                     back to Editing; whatever is on its way is forgotten
//
// Each start() and reset() begins a new generation; a report carries the generation of the attempt
// it answers, and a report of another generation (a late answer after a reset), or one when no
// attempt is on its way, changes nothing.

#include <array>
#include <cstdint>
#include <optional>

namespace ketascreen {

enum class SubmissionState {
  Editing,   // nothing sent yet (or reset)
  Sending,   // an attempt is due or on its way
  Retrying,  // a network error or 5xx: waiting until next_attempt_at_ms
  Sent,      // the clinic (2xx) or the page took it
  Failed,    // refused (4xx, a redirect, the endpoint) or retries exhausted; http_status says which
  Offline,   // the device is offline: waiting for back_online(), no attempt used up
};

enum class SubmissionFailure {
  None,
  Refused,    // the server answered 4xx, or a redirect (http_status 0)
  Exhausted,  // every retry failed; http_status is the last answer's (0: the network)
  Endpoint,   // the endpoint is not https (or http on localhost)
};

class ReferralSubmission {
 public:
  // Seconds to wait before each retry: five retries after the first attempt, then Failed.
  static constexpr std::array<int, 5> kRetrySeconds{1, 2, 4, 8, 16};

  struct Attempt {
    unsigned generation = 0;  // passed back with the report
    int number = 0;           // 1 for the first attempt (the only one the page is offered)
  };

  // Returns false (and changes nothing) while a submission is under way (Sending, Retrying,
  // Offline): a second Send does not start a second request.
  bool start();
  // The attempt that should go now, marking it on its way; nullopt when none is due.
  std::optional<Attempt> take_attempt();
  bool attempt_due() const { return state_ == SubmissionState::Sending && due_; }

  // Reports from the host; each returns whether it was taken (false for a stale report).
  bool answered(unsigned generation, int http_status, int64_t now_ms);
  bool network_failed(unsigned generation, bool online, int64_t now_ms);
  bool taken_by_page(unsigned generation);
  bool endpoint_refused(unsigned generation);
  // Not tied to an attempt: the browser's 'online' event, and time passing.
  bool back_online();
  bool tick(int64_t now_ms);
  void reset();

  SubmissionState state() const { return state_; }
  SubmissionFailure failure() const { return failure_; }
  unsigned generation() const { return generation_; }
  int attempt() const { return attempt_; }          // attempts made so far (1 is the first)
  int http_status() const { return http_status_; }  // the last answer's status (0: none, network, redirect)
  int64_t next_attempt_at_ms() const { return next_at_ms_; }  // Retrying: when the retry is due
  int retry_in_seconds() const { return retry_in_seconds_; }  // Retrying: the wait, as scheduled
  // Retrying: milliseconds from now until the retry is due (0 when due); -1 when none is waiting.
  int64_t ms_until_due(int64_t now_ms) const;
  bool busy() const {
    return state_ == SubmissionState::Sending || state_ == SubmissionState::Retrying || state_ == SubmissionState::Offline;
  }

 private:
  bool current(unsigned generation) const {
    return generation == generation_ && state_ == SubmissionState::Sending && in_flight_;
  }
  void retry_or_fail(int http_status, int64_t now_ms);
  void fail(SubmissionFailure why, int http_status);

  SubmissionState state_ = SubmissionState::Editing;
  SubmissionFailure failure_ = SubmissionFailure::None;
  unsigned generation_ = 0;
  int attempt_ = 0;
  int retries_ = 0;  // waits used of kRetrySeconds
  int http_status_ = 0;
  int64_t next_at_ms_ = 0;
  int retry_in_seconds_ = 0;
  bool due_ = false;        // Sending: the attempt should go (not yet taken)
  bool in_flight_ = false;  // Sending: the host is performing it
};

}  // namespace ketascreen
