#pragma once
// The inbox's one stylesheet and its icon, served from the binary at /inbox/inbox.css (no external assets, and
// the CSP's style-src 'self' allows nothing else). Phone first: tables become cards under 40rem.

#include "../http_message.hpp"

namespace ketascreen::server {

Response inbox_stylesheet();
Response inbox_icon();

}  // namespace ketascreen::server
