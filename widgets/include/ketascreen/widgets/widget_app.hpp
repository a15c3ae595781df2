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
#include "ketascreen/referral_submission.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen::widgets {

// One attempt to send the referral (core's ReferralSubmission): `generation` names the submission
// (a new one for each Send and each reset), `number` counts its attempts from 1.
using ReferralAttempt = ReferralSubmission::Attempt;

// What the widget needs from its host. Every member has a harmless default, so a host (or a
// test) sets only what it uses.
struct HostServices {
  // Page events (DESIGN.md "Page embed", core's page_events.hpp): "step" {"step": n} (the first
  // time each question every visitor is asked is reached; never for show_if questions),
  // "outcome" {"completed": true} (never which outcome), with detailed events also "screen"
  // {"screen": "providers" | "referral"} when the visitor opens one; "error" {"message"} when a
  // referral finally fails ("referral refused: HTTP 422" | "referral refused: redirect" |
  // "referral not sent[: HTTP 503]" | "referral endpoint must be https: <endpoint>"); for the host only (never a
  // page event), "keep" {"how": "print" | "copy"} when the visitor asks to print or copy the
  // result, "history" {"index", "generation"} when the visitor moves to another stop of the
  // browser's Back and Forward (screen_stops.hpp; generation grows with each reset); "height" {"height": css px}
  // when the content's height changes; "semantics" {"nodes": [...]} (semantics.hpp) whenever the
  // tree changes, for the accessibility overlay (the loader keeps typed values from the page).
  std::function<void(std::string_view type, const json::Value& detail)> emit;
  // An attempt to send the referral is due (the first one when Send is pressed on a valid form,
  // then each retry core's ReferralSubmission schedules): the payload of DESIGN.md "Referral" and
  // the clinic's referral.endpoint (allowed by core's one rule, is_allowed_referral_endpoint, when
  // the bundle was read; "" when the clinic has none: the host reports referral_refused unless the
  // page takes the request).
  // Every attempt of one submission carries the same payload (and so the same id, the
  // Idempotency-Key) and the same attempt.generation. The host offers the first attempt
  // (attempt.number 1) to the page (ketascreen:referral, cancelable), else POSTs it, and reports
  // what happened with the WidgetApp::referral_* calls below, passing attempt.generation back.
  // It may report from inside this call. A second Send after a failure carries the same payload id.
  std::function<void(const std::string& endpoint, const json::Value& payload, ReferralAttempt attempt)> submit_referral;
  // Call WidgetApp::tick() in `ms` milliseconds (a retry is due then): the host sets a timer.
  std::function<void(int64_t ms)> wake_in;
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

// What the referral form shows: core's SubmissionState (Editing, Sending, Retrying, Sent, Failed,
// Offline), kept by the widget's ReferralSubmission and cleared by reset().
using ReferralStatus = SubmissionState;

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

  // What happened to the referral attempt the host was given (HostServices::submit_referral),
  // `generation` being that attempt's: a report of another generation (an answer that comes after
  // reset() or "Start over", or after a newer Send) changes nothing. The widget keeps the retry
  // schedule (1, 2, 4, 8, 16 s), the offline wait and the progress it shows (core's
  // ReferralSubmission); on a final failure it emits "error" {"message"}.
  //   referral_answered:       the server answered with `http_status` (2xx: sent; 5xx: retried;
  //                            anything else, 0 for a redirect not followed: failed at once)
  //   referral_network_failed: no answer (network error, timeout); `online` is navigator.onLine:
  //                            offline, it waits for referral_online() without using up a retry
  //   referral_taken_by_page:  the page called preventDefault() on ketascreen:referral
  //   referral_refused:        the endpoint was "" (the clinic has none) and the page did not take it
  void referral_answered(unsigned generation, int http_status);
  void referral_network_failed(unsigned generation, bool online);
  void referral_taken_by_page(unsigned generation);
  void referral_refused(unsigned generation);
  // The device is back online (the browser's 'online' event): a referral waiting for the network,
  // or for its next retry, goes now.
  void referral_online();
  // The time HostServices::wake_in asked for has come: a retry that is due goes now (an early
  // call asks for another wake).
  void tick();

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
