#pragma once
// The preview's toolbar: device width and pixel ratio presets, locale, light/dark, the outcome
// simulator (jump to an outcome, or answer as a persona), start over, and the content report. It only reports what the editor picked; main.cpp applies it.

#include <optional>
#include <string>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/example_answers.hpp"

namespace ketascreen::desktop {

inline constexpr float kToolbarHeight = 46.0f;

struct PreviewState {
  int width = 390;  // the simulated device width in CSS px
  int pixel_ratio = 1;  // device pixels per monitor pixel
  std::string locale;
  bool dark = false;
  bool report_open = false;
};

struct ToolbarChoice {
  bool changed = false;                  // width, locale, dark or report_open changed in `state`
  bool pixel_ratio_changed = false;
  std::optional<Outcome> show_outcome;   // jump to this outcome's result page
  std::optional<size_t> persona;         // answer as this persona (an index into `personas`)
  bool start_over = false;
};

ToolbarChoice draw_toolbar(PreviewState& state, const std::vector<std::string>& locales,
                           const std::vector<Persona>& personas);

// The content report (ketascreen report) in a window over the preview.
void draw_report(const std::string& report, bool& open);

}  // namespace ketascreen::desktop
