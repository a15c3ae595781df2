// The demo pages' analytics hook: what a clinic's page hears from the widget. Every
// ketascreen:* event is logged (to the page's #event-log list when there is one, else the
// console). The events carry no health data; a referral's payload is on `detail.payload`, which
// JSON.stringify and spreads skip on purpose.
// The referral itself is not touched: the widget POSTs it to the bundle's endpoint, which under
// `./build-wasm.sh serve` is the demo's own ketascreen-server (its inbox is at /inbox). A page that
// wants to submit the payload itself would call preventDefault() on ketascreen:referral.
(function () {
  'use strict';
  var log = document.getElementById('event-log');
  function write(line) {
    if (!log) return console.info(line);
    var li = document.createElement('li');
    li.textContent = line;
    log.appendChild(li);
  }
  ['ready', 'step', 'outcome', 'screen', 'referral', 'error'].forEach(function (type) {
    document.addEventListener('ketascreen:' + type, function (e) {
      write('#' + e.target.id + ' ketascreen:' + type + ' ' + JSON.stringify(e.detail));
    });
  });
})();
