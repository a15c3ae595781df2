#pragma once
// The provider network for editors: who is near a ZIP (`ketascreen providers near`), and the
// network section of `ketascreen report` (every provider, and the ZIP prefixes nobody serves).

#include <optional>
#include <string>

#include "ketascreen/bundle.hpp"

namespace ketascreen::cli {

// A service id or its short form ("iv", "spravato", "psychotherapy"); nullopt when unknown.
std::optional<Service> service_from_option(const std::string& text);

// The ranked list for a 5-digit ZIP, as the server routes (the ZIP's own centroid), on stdout.
// Returns the exit code.
int print_providers_near(const ContentBundle& bundle, const std::string& zip, std::optional<Service> service);

// Markdown: the providers, and the 3-digit ZIP prefixes (by state) with no in-person provider within
// the radius, each with the telehealth providers licensed there. Empty for a single clinic.
std::string network_report(const ContentBundle& bundle);

}  // namespace ketascreen::cli
