#pragma once
// The crisis resources (988 call and text, 911) in a box. From the moment an answer raises an
// urgent flag it is on every screen, not only the result: the host draws it on top, the checklist
// under its answers (Plugin::places_crisis_panel).

namespace ketascreen::widgets {

class Ui;
class Flow;

void draw_crisis_panel(Ui& ui, Flow& flow);

}  // namespace ketascreen::widgets
