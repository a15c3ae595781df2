#include "toolbar.hpp"

#include <imgui.h>

namespace ketascreen::desktop {

ToolbarChoice draw_toolbar(PreviewState& state, const std::vector<std::string>& locales,
                           const std::vector<Persona>& personas) {
  ToolbarChoice choice;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, kToolbarHeight));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 6));
  // The widget's theme fills buttons with the brand colour for the visitor; the editor's tools
  // stay plain so they do not compete with what is being previewed.
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgHovered));
  ImGui::Begin("##toolbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  for (int width : {320, 390, 768, 1000}) {
    const std::string label = std::to_string(width);
    if (ImGui::RadioButton(label.c_str(), state.width == width)) {
      state.width = width;
      choice.changed = true;
    }
    ImGui::SameLine();
  }
  ImGui::TextDisabled("|");
  for (int ratio : {1, 2}) {
    ImGui::SameLine();
    const std::string label = std::to_string(ratio) + "x";
    if (ImGui::RadioButton(label.c_str(), state.pixel_ratio == ratio)) {
      state.pixel_ratio = ratio;
      choice.pixel_ratio_changed = true;
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  for (const auto& locale : locales) {
    ImGui::SameLine();
    if (ImGui::RadioButton(locale.c_str(), state.locale == locale)) {
      state.locale = locale;
      choice.changed = true;
    }
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (ImGui::Checkbox("dark", &state.dark)) choice.changed = true;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  if (ImGui::BeginCombo("##outcome", "outcome...", ImGuiComboFlags_HeightLarge)) {
    for (Outcome o : kAllOutcomes) {
      const std::string name(to_string(o));
      if (ImGui::Selectable(name.c_str())) choice.show_outcome = o;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  // At most 20 entries tall, then it scrolls: a pack with many rules (one persona each) must not push
  // the list off a phone-sized preview window.
  if (ImGui::BeginCombo("##persona", "persona...", ImGuiComboFlags_HeightLarge)) {
    for (size_t i = 0; i < personas.size(); ++i) {
      const std::string label = personas[i].name + "  -> " + std::string(to_string(personas[i].outcome));
      if (ImGui::Selectable(label.c_str())) choice.persona = i;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("start over")) choice.start_over = true;
  ImGui::SameLine();
  if (ImGui::Button("report")) {
    state.report_open = !state.report_open;
    choice.changed = true;
  }
  ImGui::End();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(3);
  return choice;
}

void draw_report(const std::string& report, bool& open) {
  if (!open) return;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.05f, kToolbarHeight + 10), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x * 0.9f, io.DisplaySize.y - kToolbarHeight - 20), ImGuiCond_Appearing);
  if (ImGui::Begin("Content report", &open, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextUnformatted(report.c_str());
  }
  ImGui::End();
}

}  // namespace ketascreen::desktop
