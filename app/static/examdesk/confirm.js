/* Confirmations without inline script (the Content-Security-Policy forbids on…= handlers):
 * a form or a button with data-confirm="…" asks before it submits. */
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter;
    var text = (button && button.dataset.confirm) || (form && form.dataset && form.dataset.confirm);
    if (text && !window.confirm(text)) { event.preventDefault(); }
  }, true);
})();
