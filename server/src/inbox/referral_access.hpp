#pragma once
// Which referral a member of staff may open, and the answers when they may not: staff scoped to a
// provider see only the referrals with that provider; another provider's referral is "not found",
// the same as one that does not exist. Reads only: every write checks the provider again in its
// own SQL (referral_store.hpp), so a referral reassigned after this read is not written.

#include <optional>
#include <string>

#include "../http_message.hpp"
#include "../server_context.hpp"
#include "inbox_auth.hpp"

namespace ketascreen::server {

// The referral when it exists and `viewer` may see it; `database_failed` when it could not be asked.
std::optional<ReferralRecord> visible_referral(ServerContext& context, const Viewer& viewer, const std::string& id,
                                               bool& database_failed);

Response referral_not_found(const Viewer& viewer);
Response referral_unavailable(const Viewer& viewer);

// Who may act for the provider a referral is with: its own staff, and staff of every provider.
inline bool acts_for(const Viewer& viewer, const std::string& provider) {
  return viewer.user.provider.empty() || viewer.user.provider == provider;
}

}  // namespace ketascreen::server
