/* Allowance form: the computed total shown while the days are typed. The rates and the label
   come from the script tag's data- attributes (JSON), so no inline script is needed. */
(function () {
  var script = document.currentScript;
  var rates = JSON.parse(script.dataset.rates || "{}");
  var label = script.dataset.label || "";
  var fields = {up_to_600: "days_up_to_600", over_600: "days_over_600", extra: "days_extra"};
  var out = document.createElement("p");
  out.id = "computed-total";
  function num(v) { var n = parseFloat(String(v || "0").replace(",", ".")); return isNaN(n) ? 0 : n; }
  function update() {
    var total = 0;
    Object.keys(fields).forEach(function (k) { var el = document.getElementById(fields[k]); if (el) total += num(el.value) * (rates[k] || 0); });
    out.textContent = label + ": " + total.toFixed(2) + " €";
  }
  var first = document.getElementById("days_extra");
  if (first) { first.parentNode.appendChild(out); }
  Object.keys(fields).forEach(function (k) { var el = document.getElementById(fields[k]); if (el) el.addEventListener("input", update); });
  update();
})();
