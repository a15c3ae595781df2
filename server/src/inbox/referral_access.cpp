#include "referral_access.hpp"

#include "html.hpp"

namespace ketascreen::server {

std::optional<ReferralRecord> visible_referral(ServerContext& context, const Viewer& viewer, const std::string& id,
                                               bool& database_failed) {
  database_failed = false;
  auto found = context.store->find_referral(id);
  if (!found.ok()) {
    database_failed = true;
    return std::nullopt;
  }
  if (!*found.value) return std::nullopt;
  if (!acts_for(viewer, (*found.value)->provider)) return std::nullopt;
  return **found.value;
}

Response referral_not_found(const Viewer& viewer) {
  return html::page(404, {"Not found", viewer.user.name, viewer.admin(), viewer.session.csrf, "list"},
                    "<h1>No such request</h1><p><a href=\"/inbox\">Back to the list</a></p>");
}

Response referral_unavailable(const Viewer& viewer) {
  return html::unavailable({"", viewer.user.name, viewer.admin(), viewer.session.csrf, ""});
}

}  // namespace ketascreen::server
