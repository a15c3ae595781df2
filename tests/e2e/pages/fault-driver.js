// In-page driver for tests/e2e/faults.mjs: a person's submissions, made through the accessibility
// overlay's real DOM elements (click a button or radio, type into an input), which is how keyboard
// and screen-reader users reach the widget too, but without the round trips of driving every click
// from the test process, so 200 submissions fit in the test's time. window.__faults.
(function () {
  'use strict';
  var sleep = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };

  function Person(element, questions) {
    this.element = element;
    this.questions = questions;
    this.inputChecks = 0; // times the form was checked to still hold what was typed, while sending
    this.lost = [];       // what was found missing
    this.resends = 0;     // Send pressed again after the widget gave up
  }

  Person.prototype.tree = function () {
    var h = this.element.__ketascreen;
    return h ? h.semantics() : [];
  };
  Person.prototype.node = function (id) {
    return this.tree().find(function (n) { return n.id === id; });
  };
  Person.prototype.until = async function (predicate, what, timeoutMs) {
    var end = Date.now() + (timeoutMs || 60000); // generous: a loaded CI machine runs 40 widgets
    for (;;) {
      var value = predicate();
      if (value) return value;
      if (Date.now() > end) {
        throw new Error(this.element.id + ': timed out waiting for ' + what + '; nodes: ' +
          this.tree().map(function (n) { return n.id; }).join(', '));
      }
      await sleep(15);
    }
  };
  // The overlay element for node `id` (the overlay keys its elements by node id).
  Person.prototype.control = function (id) {
    var host = Array.prototype.find.call(this.element.children, function (c) {
      return c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'); // the overlay, not the crisis bar
    });
    if (!host) return null;
    return Array.prototype.find.call(host.shadowRoot.querySelectorAll('button,input,a'), function (e) { return e.k === id; });
  };
  Person.prototype.press = async function (id) {
    var self = this;
    var el = await this.until(function () {
      var n = self.node(id);
      return n && !n.disabled && self.control(id);
    }, 'an enabled ' + id);
    el.click();
  };
  // Text fields are read through their overlay elements: semantics() leaves typed values out, and
  // an element without the focus holds the widget's value (the overlay sets it from the tree).
  Person.prototype.value = function (id) {
    var el = this.control(id);
    return el ? el.value : null;
  };
  Person.prototype.type = async function (id, text) {
    var self = this;
    var el = await this.until(function () { return self.control(id); }, 'the field ' + id);
    el.focus();
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.blur();
    await sleep(50); // a frame, after which the overlay shows the widget's value again
    await this.until(function () { return self.value(id) === text; }, id + ' = ' + text);
  };
  Person.prototype.question = function () {
    var names = new Set(this.tree().map(function (n) { return n.name; }));
    return this.questions.find(function (q) { return names.has(q.text); });
  };

  Person.prototype.answerAll = async function (answers) {
    var self = this;
    for (var guard = 0; guard < 3 * this.questions.length; guard++) {
      await this.until(function () { return self.node('checklist/question') || self.node('outcome/request'); },
        'a question or the outcome');
      if (this.node('outcome/request')) return;
      var q = this.question();
      if (!q) throw new Error(this.element.id + ': no known question on screen');
      var value = answers[q.id];
      var answer = 'checklist/answer/' + (value === true ? 'yes' : value === false ? 'no' : String(value));
      await this.press(answer);
      await this.until(function () {
        var n = self.node(answer);
        return self.question() !== q || self.node('outcome/request') || (n && n.checked);
      }, 'the answer to ' + q.id);
      if (this.question() === q && !this.node('outcome/request')) {
        await this.press('checklist/next');
        await this.until(function () { return self.question() !== q || self.node('outcome/request'); }, 'leaving ' + q.id);
      }
    }
    throw new Error(this.element.id + ': the checklist did not end');
  };

  // While a request is on its way or waiting, the form must still hold what the person typed.
  Person.prototype.checkInput = function (contact) {
    var fields = { 'referral/name': contact.name, 'referral/phone': contact.phone, 'referral/email': contact.email,
                   'referral/zip': contact.zip };
    for (var id in fields) {
      if (!this.node(id)) return; // the form is gone: sent
      var value = this.value(id);
      if (value !== fields[id]) this.lost.push(id + ' was "' + value + '", typed "' + fields[id] + '"');
    }
    var consent = this.node('referral/consent');
    if (consent && !consent.checked) this.lost.push('consent unticked');
    this.inputChecks++;
  };

  // The checklist and the form, up to (not including) Send.
  Person.prototype.fill = async function (answers, contact) {
    var self = this;
    this.element.__ketascreen.reset();
    await this.answerAll(answers);
    await this.press('outcome/request');
    // The form counts as open from the first frame that drew it (its fields in the tree).
    await this.until(function () { return self.node('referral/name'); }, 'the form');
    var opened = Date.now();
    await this.type('referral/name', contact.name);
    await this.type('referral/phone', contact.phone);
    await this.type('referral/email', contact.email);
    await this.type('referral/zip', contact.zip);
    await this.press('referral/time/' + contact.time);
    await this.until(function () { var n = self.node('referral/time/' + contact.time); return n && n.checked; }, 'the time');
    await this.press('referral/consent');
    await this.until(function () { var n = self.node('referral/consent'); return n && n.checked; }, 'consent');
    // A person's pace: the receiving server refuses a Send within a second of the form opening.
    var pace = 1200 - (Date.now() - opened);
    if (pace > 0) await new Promise(function (resolve) { setTimeout(resolve, pace); });
  };

  // Presses Send and waits until the widget has taken it (the button is busy, or the form is gone).
  Person.prototype.send = async function () {
    var self = this;
    await this.press('referral/send');
    await this.until(function () { var n = self.node('referral/send'); return !n || n.disabled; }, 'Send to be taken');
  };

  // One submission: the checklist, the form, Send, and waiting (pressing Send again if the widget
  // gave up) until the clinic has it. Resolves to the statuses seen on the way.
  Person.prototype.submit = async function (answers, contact, deadlineMs) {
    await this.fill(answers, contact);
    await this.send();
    var seen = [];
    var end = Date.now() + deadlineMs;
    for (;;) {
      if (!this.node('referral/name')) return seen; // the form gave way to "Request sent"
      var status = this.node('referral/status');
      var send = this.node('referral/send');
      if (status && seen[seen.length - 1] !== status.name) seen.push(status.name);
      this.checkInput(contact);
      if (send && !send.disabled && status) { // failed for now: the person tries again
        this.resends++;
        await this.send();
      }
      if (Date.now() > end) throw new Error(this.element.id + ': not sent after ' + deadlineMs + ' ms; statuses: ' + seen.join(' | '));
      await sleep(50);
    }
  };

  window.__faults = { Person: Person };
})();
