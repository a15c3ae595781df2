#pragma once
// The whole widget as hosts see it: a content bundle and a session drawn by the plugins the
// bundle's layout lists. Hosts call draw() inside an ImGui frame (Platform::step on the web and
// the desktop, a bare ImGui context in the headless tests) and carry what it reports out through
// HostServices. Nothing here knows about SDL, GL, the DOM or the network.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ketascreen/bundle.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen::widgets {

// What the widget needs from its host. Every member has a harmless default, so a host (or a
// test) sets only what it uses.
struct HostServices {
  // Page events (DESIGN.md "Page embed", core's page_events.hpp): "step" {"step": n} (the first
  // time each question every visitor is asked is reached; never for show_if questions),
  // "outcome" {"completed": true} (never which outcome), with detailed events also "screen"
  // {"screen": "providers" | "referral"} when the visitor opens one; for the host only (never a
  // page event), "keep" {"how": "print" | "copy"} when the visitor asks to print or copy the
  // result, "history" {"index", "generation"} when the visitor moves to another stop of the
  // browser's Back and Forward (screen_stops.hpp; generation grows with each reset); "height" {"height": css px}
  // when the content's height changes; "semantics" {"nodes": [...]} (semantics.hpp) whenever the
  // tree changes, for the accessibility overlay (the loader keeps typed values from the page).
  std::function<void(std::string_view type, const json::Value& detail)> emit;
  // Send was pressed on a valid form: the payload of DESIGN.md "Referral" and the clinic's
  // referral.endpoint. The host posts it (or lets the page do so) and reports progress with
  // WidgetApp::set_referral_status. A second Send after a failure carries the same payload id.
  std::function<void(const std::string& endpoint, const json::Value& payload)> submit_referral;
  // Opens an external link (a new tab on the web, the browser on the desktop).
  std::function<void(const std::string& url)> open_url;
  // Wall clock in Unix milliseconds, and 16 random bytes for request ids.
  std::function<int64_t()> now_ms;
  std::function<std::array<uint8_t, 16>()> random_bytes;
};

struct WidgetOptions {
  std::string locale = "en";           // falls back to the clinic's default when not offered
  bool detailed_events = false;        // data-events="detailed"
  bool dark = false;                   // prefers-color-scheme: dark
};

enum class ReferralStatus {
  Editing,   // nothing sent yet
  Sending,   // a request is on its way
  Retrying,  // a network error or 5xx; the host retries with backoff (message says when)
  Sent,      // the clinic (or the page) took it
  Failed,    // a 4xx or retries exhausted; message says what went wrong; the input is kept
  Offline,   // the device is offline; the host sends as soon as it is back (no attempt used up)
};

class WidgetApp {
 public:
  // Fails with diagnostics when the bundle's layout names an unknown plugin or bad settings.
  static Result<std::unique_ptr<WidgetApp>> create(const ContentBundle& bundle, WidgetOptions options,
                                                    HostServices services);
  ~WidgetApp();
  WidgetApp(const WidgetApp&) = delete;
  WidgetApp& operator=(const WidgetApp&) = delete;

  // Draws the widget over the whole ImGui display. Call once per frame between NewFrame and Render.
  void draw();
  // The same in a part of the display (the desktop preview puts a toolbar above a phone-wide widget).
  void draw_in(float x, float y, float width, float height);

  // The handle's reset(): back to the first question, answers and form cleared.
  void reset();
  // The handle's setLocale(); unknown locales fall back to the clinic's default.
  void set_locale(std::string_view locale);
  const std::string& locale() const;

  // prefers-color-scheme changed: the theme follows (light from the brand's primary colour, dark
  // from its primary_dark).
  void set_dark(bool dark);
  // Framebuffer pixels per logical pixel (devicePixelRatio): re-rasterises the fonts so text stays
  // crisp. The host rebuilds its font texture afterwards (Platform does it for its hosts).
  void set_pixel_scale(float scale);

  // The browser's text zoom (root font size / 16 px): text and tap targets grow by this factor
  // (clamped to 1..3). Fonts are re-rasterised: the host rebuilds its font texture afterwards
  // (Platform::reload_fonts).
  void set_text_scale(float scale);

  // Progress of the referral the host is sending (after HostServices::submit_referral). The widget
  // words the message in the visitor's language: `http_status` is the answer's status for Failed
  // (0 = the network failed and retries are exhausted), `retry_in_seconds` the wait for Retrying.
  void set_referral_status(ReferralStatus status, int http_status = 0, int retry_in_seconds = 0);

  // Actions on semantics nodes (semantics.hpp), from the accessibility overlay or a test: press a
  // button, link, answer or checkbox; replace a text field's value; or move the focus (shown as a
  // ring on the canvas; "" clears it). They apply in the next frame; the host requests one.
  void activate(std::string_view node_id);
  void set_value(std::string_view node_id, std::string_view value);
  void focus(std::string_view node_id);
  // The host's own input for text field `node_id` has the keyboard, with this selection (UTF-8
  // byte offsets into the value; `caret` is where typing goes, `anchor` the selection's other
  // end): the canvas draws the caret and selection there and scrolls the text to keep the caret
  // in view. An empty node_id: no host input has the keyboard.
  void select_text(std::string_view node_id, int anchor, int caret);

  // For the desktop preview: answers the questions (as if clicked through) and shows a screen,
  // optionally with a target inside it (an article id for "articles"). False if the layout has
  // no such plugin.
  void preview_answers(const Answers& answers);
  bool show_screen(std::string_view plugin, std::string_view target = {});

  // Where the visitor is: answers, checklist step, screen (with its target) and referral draft.
  // The desktop preview carries it over to the widget of reloaded content, so an editor stays on
  // the page they are editing.
  struct Place {
    Answers answers;
    size_t step = 0;
    std::string screen;
    std::string target;
    ReferralDraft referral;
  };
  Place place() const;
  // Goes there in this widget's content: answers the content no longer takes are dropped, the step
  // stops at the first question still unanswered, and a screen the layout no longer has leaves
  // the first screen.
  void go_to(const Place& place);

  // The browser's Back and Forward: go to stop `index` of those the widget reported with
  // "history" (HostServices::emit). Returns the stop the widget is at afterwards (unchanged when
  // there is no such stop, e.g. an entry from before a reset). Applies in the next frame.
  size_t go_to_stop(size_t index);

  // Height in logical pixels the content needs at the current width (for sizing the canvas).
  float content_height() const;

  struct Impl;

 private:
  explicit WidgetApp(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketascreen::widgets
