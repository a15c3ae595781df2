#pragma once
// The crisis resources (988 call and text, 911) in a box at the top of the widget. The host draws
// it above every screen from the moment an answer raises an urgent flag, not only on the result.

namespace ketascreen::widgets {

class Ui;
class Flow;

void draw_crisis_panel(Ui& ui, Flow& flow);

}  // namespace ketascreen::widgets
