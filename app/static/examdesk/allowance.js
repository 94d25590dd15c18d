/* Allowance form: the computed total shown while the days are typed. The rates and the label
   come from the script tag's data- attributes (JSON), so no inline script is needed. */
(function () {
  var script = document.currentScript;
  var rates = JSON.parse(script.dataset.rates || "{}");
  var label = script.dataset.label || "";
  var fields = {up_to_600: "days_up_to_600", over_600: "days_over_600", extra: "days_extra"};
  // the amount as the page's language writes it: 2 013,00 € in French, €2,013.00 in English
  var lang = document.documentElement.lang || "fr";
  var french = lang.indexOf("fr") === 0;
  var money = new Intl.NumberFormat(lang, {style: "currency", currency: "EUR"});
  var out = document.createElement("p");
  out.id = "computed-total";
  // "6,5" and "1 268,5" as typed in French (spaces between thousands are ignored).
  function num(v) {
    var n = parseFloat(String(v || "0").replace(/[\s\u00a0\u202f]/g, "").replace(",", "."));
    return isNaN(n) ? 0 : n;
  }
  function update() {
    var total = 0;
    Object.keys(fields).forEach(function (k) { var el = document.getElementById(fields[k]); if (el) total += num(el.value) * (rates[k] || 0); });
    out.textContent = label + (french ? " : " : ": ") + money.format(total);
  }
  var first = document.getElementById("days_extra");
  if (first) { first.parentNode.appendChild(out); }
  Object.keys(fields).forEach(function (k) { var el = document.getElementById(fields[k]); if (el) el.addEventListener("input", update); });
  update();
})();
