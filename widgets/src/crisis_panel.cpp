#include "crisis_panel.hpp"

#include "plugin.hpp"
#include "ui.hpp"

namespace ketascreen::widgets {

void draw_crisis_panel(Ui& ui, Flow& flow) {
  const std::string& locale = flow.locale();
  const std::string_view title = flow.text("crisis.title");
  ui.begin_alert("crisis", title, /*crisis=*/true);
  ui.heading("crisis/title", title, 2);
  for (const auto& resource : flow.bundle().screening.crisis_resources) {
    if (ui.button("crisis/" + resource.id, resource.label.get(locale), ButtonKind::Primary, false, true))
      flow.open_url(resource.href);
    ui.text("crisis/" + resource.id + "/detail", resource.detail.get(locale), TextStyle::Small);
  }
  ui.end_alert();
}

}  // namespace ketascreen::widgets
