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

  function attach(input) {
    if (input._flatpickr) { return; }
    var withTime = input.getAttribute("data-picker") === "datetime";
    window.flatpickr(input, {
      allowInput: true,
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
