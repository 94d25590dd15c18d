/* Chained selects (the competence's exam → speciality → épreuve-option): a select with
   data-chain-level is filled, whenever a select it names in data-chain-params changes, from
   the script's data-url (LEVEL replaced) with those selects' values as the query string.
   The value already chosen is kept when it is still offered (a form shown again keeps it). */
(function () {
  var script = document.currentScript;
  var base = script.dataset.url;
  var $ = window.jQuery;
  if (!base || !$) { return; }
  var serial = 0;

  function params(select) {
    var names = JSON.parse(select.getAttribute("data-chain-params") || "{}");
    var query = new URLSearchParams();
    Object.keys(names).forEach(function (key) {
      var source = document.getElementById(names[key]);
      query.set(key, source ? source.value : "");
    });
    return {names: names, query: query};
  }

  function fill(select, rows) {
    var keep = select.value;
    var empty = document.createElement("option");
    empty.value = "";
    empty.textContent = "—";
    select.innerHTML = "";
    select.appendChild(empty);
    rows.forEach(function (row) {
      var option = document.createElement("option");
      option.value = String(row.id);
      option.textContent = row.label;
      if (option.value === keep) { option.selected = true; }
      select.appendChild(option);
    });
    $(select).trigger("change");
  }

  function refresh(select) {
    var ask = ++serial;
    select.setAttribute("data-chain-ask", ask);
    var url = base.replace("LEVEL", select.getAttribute("data-chain-level")) + "?" +
      params(select).query.toString();
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (rows) {
        // an older answer arriving after a newer one is dropped
        if (select.getAttribute("data-chain-ask") === String(ask)) { fill(select, rows); }
      });
  }

  var chained = Array.prototype.slice.call(document.querySelectorAll("select[data-chain-level]"));
  chained.forEach(function (select) {
    var names = params(select).names;
    Object.keys(names).forEach(function (key) {
      $(document).on("change", "#" + names[key], function () { refresh(select); });
    });
    refresh(select);
  });
})();
