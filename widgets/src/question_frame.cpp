#include "ketascreen/widgets/question_frame.hpp"

#include <imgui.h>

#include <string>

#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {

namespace {

// A borderless, unmovable ImGui window covering the whole canvas: the page, not ImGui, frames us.
bool begin_full_window(const char* id) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  return ImGui::Begin(id, nullptr, kFlags);
}

void text(std::string_view s) { ImGui::TextUnformatted(s.data(), s.data() + s.size()); }
void wrapped(std::string_view s) {
  ImGui::PushTextWrapPos(0.0f);
  text(s);
  ImGui::PopTextWrapPos();
}

}  // namespace

void QuestionFrame::draw() {
  if (begin_full_window("##ketascreen")) {
    text(bundle_.clinic.name);
    ImGui::Separator();
    ImGui::Spacing();
    const auto& questions = bundle_.screening.questions;
    if (questions.empty()) {
      wrapped("This screening has no questions yet.");
    } else {
      wrapped(questions.front().text.get(locale_));
      ImGui::Spacing();
      const ImVec2 button(ImGui::GetFontSize() * 6.0f, 0.0f);
      const std::string yes(ui_text("answer.yes", locale_)), no(ui_text("answer.no", locale_));
      if (ImGui::Button(yes.c_str(), button)) answer_ = true;
      ImGui::SameLine();
      if (ImGui::Button(no.c_str(), button)) answer_ = false;
      if (answer_) {
        ImGui::Spacing();
        text(*answer_ ? yes : no);
      }
    }
  }
  ImGui::End();
}

void draw_fallback_frame(std::string_view phone, std::string_view locale) {
  if (begin_full_window("##ketascreen-fallback")) {
    wrapped(ui_text("fallback.not_loaded", locale));
    if (!phone.empty()) {
      text(ui_text("fallback.call", locale));
      text(phone);
    }
  }
  ImGui::End();
}

}  // namespace ketascreen::widgets
