#include "ketascreen/referral_submission.hpp"

namespace ketascreen {

bool ReferralSubmission::start() {
  if (busy()) return false;
  const unsigned next = generation_ + 1;
  *this = ReferralSubmission{};
  generation_ = next;
  state_ = SubmissionState::Sending;
  due_ = true;
  return true;
}

std::optional<ReferralSubmission::Attempt> ReferralSubmission::take_attempt() {
  if (!attempt_due()) return std::nullopt;
  due_ = false;
  in_flight_ = true;
  return Attempt{generation_, ++attempt_};
}

bool ReferralSubmission::answered(unsigned generation, int http_status, int64_t now_ms) {
  if (!current(generation)) return false;
  in_flight_ = false;
  http_status_ = http_status;
  if (http_status >= 200 && http_status < 300) {
    state_ = SubmissionState::Sent;
  } else if (http_status >= 500) {
    retry_or_fail(http_status, now_ms);
  } else {
    fail(SubmissionFailure::Refused, http_status);  // 4xx, or 0: a redirect, which is never followed
  }
  return true;
}

bool ReferralSubmission::network_failed(unsigned generation, bool online, int64_t now_ms) {
  if (!current(generation)) return false;
  in_flight_ = false;
  http_status_ = 0;
  if (online) {
    retry_or_fail(0, now_ms);
  } else {
    // Nothing to gain from backing off: back_online() sends it, and no retry is used up.
    state_ = SubmissionState::Offline;
  }
  return true;
}

bool ReferralSubmission::taken_by_page(unsigned generation) {
  if (!current(generation)) return false;
  in_flight_ = false;
  state_ = SubmissionState::Sent;
  return true;
}

bool ReferralSubmission::endpoint_refused(unsigned generation) {
  if (!current(generation)) return false;
  in_flight_ = false;
  fail(SubmissionFailure::Endpoint, 0);
  return true;
}

bool ReferralSubmission::back_online() {
  if (state_ != SubmissionState::Offline && state_ != SubmissionState::Retrying) return false;
  state_ = SubmissionState::Sending;
  due_ = true;
  return true;
}

bool ReferralSubmission::tick(int64_t now_ms) {
  if (state_ != SubmissionState::Retrying || now_ms < next_at_ms_) return false;
  state_ = SubmissionState::Sending;
  due_ = true;
  return true;
}

void ReferralSubmission::reset() {
  const unsigned next = generation_ + 1;
  *this = ReferralSubmission{};
  generation_ = next;
}

int64_t ReferralSubmission::ms_until_due(int64_t now_ms) const {
  if (state_ != SubmissionState::Retrying) return -1;
  return next_at_ms_ > now_ms ? next_at_ms_ - now_ms : 0;
}

void ReferralSubmission::retry_or_fail(int http_status, int64_t now_ms) {
  if (retries_ >= static_cast<int>(kRetrySeconds.size())) {
    fail(SubmissionFailure::Exhausted, http_status);
    return;
  }
  retry_in_seconds_ = kRetrySeconds[static_cast<size_t>(retries_++)];
  next_at_ms_ = now_ms + int64_t{1000} * retry_in_seconds_;
  state_ = SubmissionState::Retrying;
}

void ReferralSubmission::fail(SubmissionFailure why, int http_status) {
  state_ = SubmissionState::Failed;
  failure_ = why;
  http_status_ = http_status;
}

}  // namespace ketascreen
