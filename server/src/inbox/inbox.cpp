#include "inbox.hpp"

#include "admin_pages.hpp"
#include "html.hpp"
#include "inbox_auth.hpp"
#include "inbox_style.hpp"
#include "ketascreen/referral_intake.hpp"
#include "login_page.hpp"
#include "referral_list_page.hpp"
#include "referral_page.hpp"
#include "routing_page.hpp"

namespace ketascreen::server {
namespace {

constexpr const char* kReferralsPrefix = "/inbox/referrals/";
constexpr const char* kNotificationsPrefix = "/inbox/notifications/";

Response plain_page(int status, const char* title, const std::string& body_html) {
  return html::page(status, {title, "", false, "", ""}, body_html);
}

Response method_not_allowed(const char* allow) {
  Response r = plain_page(405, "Not allowed", "<h1>This address does not take that kind of request</h1>");
  r.set("Allow", allow);
  return r;
}

// Someone without a session: pages send them to the login form (and back to where they were
// going is deliberately not offered: a link in an email must not choose where a login lands).
// Anything else is refused outright.
Response anonymous(ServerContext& context, const Request& request, bool timed_out) {
  // Opening the inbox before signing in is everyone's first step, not an event worth a row.
  const bool front_door = request.method == "GET" && (request.path == "/inbox" || request.path == "/inbox/");
  // A flood of anonymous requests is refused all the same, but writes audit rows only within the
  // sign-in limit: a bot must not be able to fill the database (or the writer lock) with them.
  if (!front_door && !sign_in_refused(context, request))
    audit(context, request, nullptr, "refused_anonymous", "", request.method + " " + request.path);
  if (request.method == "GET") {
    Response r = html::redirect(timed_out ? "/inbox/login?m=idle" : "/inbox/login");
    if (timed_out) r.set("Set-Cookie", expired_cookie_header(kSessionCookie));
    return r;
  }
  return plain_page(401, "Sign in", "<h1>Please sign in</h1><p><a href=\"/inbox/login\">Sign in</a></p>");
}

Response forbidden(const Viewer& viewer, const std::string& why) {
  return html::page(403, {"Not allowed", viewer.user.name, viewer.admin(), viewer.session.csrf, ""},
                    "<h1>Not allowed</h1><p>" + html::escape(why) + "</p><p><a href=\"/inbox\">Back to the list</a></p>");
}

// "/inbox/referrals/<id>[/<action>]" -> id and action; false when it is not such a path.
bool split_referral_path(const std::string& path, std::string& id, std::string& action) {
  const std::string prefix = kReferralsPrefix;
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  std::string rest = path.substr(prefix.size());
  size_t slash = rest.find('/');
  id = rest.substr(0, slash);
  action = slash == std::string::npos ? "" : rest.substr(slash + 1);
  return is_uuid_v4(id);
}

Response signed_in_route(ServerContext& context, const Request& request, const Viewer& viewer) {
  const std::string& path = request.path;
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (post) {
    auto form = parse_form(request.body);
    if (!same_origin(context, request) || !csrf_matches(viewer, form)) {
      audit(context, request, &viewer, "refused_csrf", "", request.method + " " + path);
      return forbidden(viewer, "This form had expired or came from another page. Go back, reload and try again.");
    }
  }
  if (path == "/inbox" || path == "/inbox/") {
    if (!get) return method_not_allowed("GET");
    return referral_list(context, request, viewer);
  }
  if (path == "/inbox/export.csv") {
    if (!get) return method_not_allowed("GET");
    return referral_csv(context, request, viewer);
  }
  if (path == "/inbox/logout") {
    if (!post) return method_not_allowed("POST");
    return logout(context, request, viewer);
  }
  std::string id, action;
  if (split_referral_path(path, id, action)) {
    if (action.empty() && get) return referral_detail(context, request, viewer, id);
    if (action == "fhir.json" && get) return referral_fhir(context, request, viewer, id);
    if (action == "status" && post) return change_status(context, request, viewer, id);
    if (action == "notes" && post) return add_referral_note(context, request, viewer, id);
    if (action == "accept" && post) return accept_request(context, request, viewer, id);
    if (action == "decline" && post) return decline_request(context, request, viewer, id);
    if (action == "reassign" && post) {
      // Sending a referral to any provider is the network's decision, not a provider's.
      if (!viewer.admin() || !viewer.user.provider.empty()) {
        audit(context, request, &viewer, "refused_admin_only", id, request.method + " " + path);
        return forbidden(viewer, "Only network administrators can reassign a request.");
      }
      return reassign_request(context, request, viewer, id);
    }
    if (action.empty() || action == "fhir.json") return method_not_allowed("GET");
    if (action == "status" || action == "notes" || action == "accept" || action == "decline" || action == "reassign")
      return method_not_allowed("POST");
  }
  const bool admin_page = path == "/inbox/audit" || path == "/inbox/notifications" ||
                          path.compare(0, std::string(kNotificationsPrefix).size(), kNotificationsPrefix) == 0;
  if (admin_page) {
    // Admin pages span every provider, so a provider-scoped account never opens them (user add
    // refuses to make one; this holds for accounts made any other way too).
    if (!viewer.admin() || !viewer.user.provider.empty()) {
      audit(context, request, &viewer, "refused_admin_only", "", request.method + " " + path);
      return forbidden(viewer, "Only administrators can open this page.");
    }
    if (path == "/inbox/audit") return get ? audit_log_page(context, request, viewer) : method_not_allowed("GET");
    if (path == "/inbox/notifications")
      return get ? notifications_page(context, request, viewer) : method_not_allowed("GET");
    std::string rest = path.substr(std::string(kNotificationsPrefix).size());
    const std::string suffix = "/replay";
    if (rest.size() > suffix.size() && rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) == 0) {
      if (!post) return method_not_allowed("POST");
      return replay_notification(context, request, viewer, rest.substr(0, rest.size() - suffix.size()));
    }
  }
  return html::page(404, {"Not found", viewer.user.name, viewer.admin(), viewer.session.csrf, ""},
                    "<h1>Nothing here</h1><p><a href=\"/inbox\">Back to the list</a></p>");
}

}  // namespace

Response handle_inbox(ServerContext& context, const Request& request) {
  const std::string& path = request.path;
  // Public, and free of data: the stylesheet, the icon and the login form.
  if (path == "/inbox/inbox.css") return inbox_stylesheet();
  if (path == "/inbox/favicon.svg") return inbox_icon();
  if (path == "/inbox/login") {
    if (request.method == "GET") return login_form(context, request);
    if (request.method == "POST") return login(context, request);
    return method_not_allowed("GET, POST");
  }
  Authentication who = authenticate(context, request);
  if (who.unavailable) return html::unavailable({});
  if (!who.viewer) return anonymous(context, request, who.timed_out);
  return signed_in_route(context, request, *who.viewer);
}

}  // namespace ketascreen::server
