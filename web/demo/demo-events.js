// The demo pages' analytics hook: what a clinic's page hears from the widget. Every
// ketascreen:* event is logged (to the page's #event-log list when there is one, else the
// console). The events carry no health data; a referral's payload is on `detail.payload`, which
// JSON.stringify and spreads skip on purpose.
// The demo clinic's referral endpoint is fictional, so these pages take the referral themselves
// (preventDefault), which tells the widget it was sent; a real page leaves this out and the widget
// POSTs it to the clinic's endpoint.
(function () {
  'use strict';
  var log = document.getElementById('event-log');
  function write(line) {
    if (!log) return console.info(line);
    var li = document.createElement('li');
    li.textContent = line;
    log.appendChild(li);
  }
  ['ready', 'step', 'outcome', 'referral', 'error'].forEach(function (type) {
    document.addEventListener('ketascreen:' + type, function (e) {
      write('#' + e.target.id + ' ketascreen:' + type + ' ' + JSON.stringify(e.detail));
      if (type === 'referral') {
        e.preventDefault();
        write('(demo) the page took referral ' + e.detail.id + ' for ' + e.detail.payload.contact.name +
              ' instead of posting it to ' + e.detail.endpoint);
      }
    });
  });
})();
