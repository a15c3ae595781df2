// The plugins the widget knows. Adding one: write plugins/<name>.cpp with a factory, declare it
// here and add its line to the table.

#include "plugin.hpp"

namespace ketascreen::widgets {

PluginFactory create_checklist, create_outcome, create_providers, create_referral_form, create_articles;

const std::vector<PluginRegistration>& plugin_registry() {
  static const std::vector<PluginRegistration> registry{
      {"checklist", create_checklist},
      {"outcome", create_outcome},
      {"providers", create_providers},
      {"referral", create_referral_form},
      {"articles", create_articles},
  };
  return registry;
}

}  // namespace ketascreen::widgets
