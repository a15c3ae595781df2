// The rest of the broken-bundle page keeps working: a plain disclosure button.
(function () {
  'use strict';
  var button = document.getElementById('hours-toggle');
  var hours = document.getElementById('hours');
  button.addEventListener('click', function () {
    hours.hidden = !hours.hidden;
    button.setAttribute('aria-expanded', String(!hours.hidden));
  });
})();
