/* Localised calendars on the date and date-time inputs of every form (data-picker="date" or
   "datetime", rendered by app/views/toolkit/fields.py). The text stays typeable: a French user
   types 16/03/2027 14:30 and the server reads it (app/services/parsing.py); the calendar only
   helps. Language from <html lang>; no inline script, so it runs under the CSP. */
(function () {
  "use strict";
  if (typeof window.flatpickr !== "function") { return; }
  var french = (document.documentElement.lang || "fr").slice(0, 2) === "fr";
  var dayFormat = french ? "d/m/Y" : "n/j/Y";
  var locale = french && window.flatpickr.l10ns && window.flatpickr.l10ns.fr
    ? window.flatpickr.l10ns.fr : "default";

  // Strict reading of what was typed: an impossible date (31/02/2027) stays as typed for the
  // server to refuse with its message, instead of flatpickr's silent roll-over to 03/03/2027.
  function strictParse(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?\s*$/.exec(text || '');
    if (!m) { return undefined; }
    var first = +m[1], second = +m[2], year = +m[3];
    var day = french ? first : second, month = french ? second : first;
    var hour = m[4] ? +m[4] : 0, minute = m[5] ? +m[5] : 0;
    var d = new Date(year, month - 1, day, hour, minute);
    if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day ||
        hour > 23 || minute > 59) { return undefined; }
    return d;
  }

  function attach(input) {
    if (input._flatpickr) { return; }
    var withTime = input.getAttribute("data-picker") === "datetime";
    var typed = input.value;
    input.addEventListener("input", function () { typed = input.value; });
    // What cannot be read is left as typed, for the server to say why (nothing is lost).
    function keepTyped(dates) {
      if (!dates.length && typed) {
        // At once too: a click on "Enregistrer" blurs the input and submits the form before
        // a deferred restore would run.
        input.value = typed;
        window.setTimeout(function () { input.value = typed; }, 0);
      }
    }
    window.flatpickr(input, {
      onClose: keepTyped,
      // An unreadable text empties flatpickr's dates (on blur): what was typed is kept.
      onChange: function (dates, text) { if (dates.length) { typed = text; } keepTyped(dates); },
      allowInput: true,
      parseDate: function (text) { return strictParse(text); },
      clickOpens: true,
      dateFormat: withTime ? dayFormat + " H:i" : dayFormat,
      enableTime: withTime,
      time_24hr: true,
      locale: locale,
      disableMobile: true,
      monthSelectorType: "static",
      ariaDateFormat: french ? "j F Y" : "F j, Y"
    });
  }

  function attachAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("input[data-picker]"),
      attach);
  }

  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  // List filters are added after load (FAB's ab_filters.js clones the search form's inputs).
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      Array.prototype.forEach.call(r.addedNodes, function (node) {
        if (node.nodeType === 1) { attachAll(node.parentNode || node); }
      });
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
}());
