#include "error_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace ketascreen::desktop {

void draw_error_panel(const Diagnostics& problems) {
  if (problems.empty()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float height = std::min(io.DisplaySize.y * 0.45f, line * (static_cast<float>(problems.size()) + 3.5f));
  ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - height));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.23f, 0.05f, 0.05f, 0.97f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.93f, 0.91f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(0.45f, 0.12f, 0.10f, 1.0f));
  ImGui::Begin("##errors", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextWrapped("%d problem%s in the last edit; the preview shows the last good content. Click a line to copy "
                     "its file:line.",
                     static_cast<int>(problems.size()), problems.size() == 1 ? "" : "s");
  ImGui::Separator();
  for (size_t i = 0; i < problems.size(); ++i) {
    const Diagnostic& d = problems[i];
    // A selectable row as tall as the wrapped message, with the message drawn over it: long
    // paths must wrap, which a Selectable's own label does not.
    const std::string text = d.to_string();
    const float wrap = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 at = ImGui::GetCursorPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable("##problem", false, 0, ImVec2(wrap, size.y))) {
      const std::string where = d.line > 0 ? d.file + ":" + std::to_string(d.line) : d.file;
      ImGui::SetClipboardText(where.c_str());
    }
    ImGui::PopID();
    const ImVec2 after = ImGui::GetCursorPos();
    ImGui::SetCursorPos(at);
    ImGui::PushTextWrapPos(at.x + wrap);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPos(after);
  }
  ImGui::End();
  ImGui::PopStyleColor(3);
}

}  // namespace ketascreen::desktop
