// PLACEHOLDER until notification delivery lands: nothing is delivered, items stay pending.
#include "notifier.hpp"

namespace ketascreen::server {

Notifier::Notifier(ServerContext& context) : context_(context) {}

int Notifier::deliver_due(std::int64_t) { return 0; }

}  // namespace ketascreen::server
