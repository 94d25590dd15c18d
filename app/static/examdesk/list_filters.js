/* Filters a person can use (docs/list-toolkit.md): in FAB's filter rows, "is one of" becomes a
   multi-select of the column's values and "between" two date inputs (calendars from
   pickers.js), both named _flt_<index>_<column> so the server reads repeated values. Rows FAB
   made one per value of an applied filter are merged back into one. No inline script (CSP). */
(function ($) {
  "use strict";
  var holder = document.getElementById("list-filter-widgets");
  if (!holder || !$) { return; }
  var spec = JSON.parse(holder.getAttribute("data-spec") || "{}");
  var texts = JSON.parse(holder.getAttribute("data-texts") || "{}");
  var NAME = /^_flt_(\d+)_(.+)$/;

  function parse(name) {
    var m = NAME.exec(name || "");
    return m ? {index: +m[1], column: m[2]} : null;
  }

  function original(row) {
    return row.querySelector("[data-examdesk-original]") ||
      row.querySelector(".filter_val:not([data-examdesk-widget])");
  }

  function removeWidget(row) {
    Array.prototype.forEach.call(row.querySelectorAll("[data-examdesk-widget]"), function (el) {
      if ($.fn.select2 && $(el).data("select2")) { $(el).select2("destroy"); }
      (el.closest(".examdesk-range") || el).remove();
    });
    var field = row.querySelector("[data-examdesk-original]");
    if (field) {
      field.disabled = false;
      field.style.display = "";
      field.removeAttribute("data-examdesk-original");
      field.classList.add("filter_val");
      var box = field.nextElementSibling;
      if (box && box.classList.contains("select2")) { box.style.display = ""; }
    }
  }

  function hideOriginal(row) {
    var field = original(row);
    if (!field || field.hasAttribute("data-examdesk-original")) { return field; }
    field.setAttribute("data-examdesk-original", "1");
    field.classList.remove("filter_val");
    field.disabled = true;   // a disabled field is not sent
    field.style.display = "none";  // .form-control's display would undo `hidden`
    var box = field.nextElementSibling;  // its select2 box, if any
    // select2's own display rule would undo `hidden` on its box
    if (box && box.classList.contains("select2")) { box.style.display = "none"; }
    return field;
  }

  function multiSelect(cell, name, column, values) {
    var select = document.createElement("select");
    select.multiple = true;
    select.name = name;
    select.className = "form-control filter_val examdesk-multi";
    select.setAttribute("data-examdesk-widget", "in");
    select.setAttribute("aria-label", texts.choose || "");
    spec[column].choices.forEach(function (choice) {
      var option = new Option(choice[1], choice[0], false, values.indexOf(choice[0]) >= 0);
      select.appendChild(option);
    });
    cell.appendChild(select);
    if ($.fn.select2) {
      $(select).select2({theme: "bootstrap", width: "100%", placeholder: texts.choose || "",
                         language: {noResults: function () { return texts.none || ""; }}});
      var search = $(select).data("select2").$container.find(".select2-search__field");
      search.attr("aria-label", texts.choose || "");
    }
  }

  function dateRange(cell, name, values) {
    var box = document.createElement("span");
    box.className = "examdesk-range";
    [texts.from, texts.to].forEach(function (label, i) {
      var input = document.createElement("input");
      input.type = "text";
      input.name = name;
      input.className = "form-control filter_val";
      input.setAttribute("data-picker", "date");
      input.setAttribute("data-examdesk-widget", i ? "to" : "from");
      input.setAttribute("aria-label", label || "");
      input.placeholder = label || "";
      input.value = values[i] || "";
      box.appendChild(input);
    });
    cell.appendChild(box);
  }

  function splitRange(values) {
    if (values.length === 1 && values[0].indexOf("..") >= 0) { return values[0].split(".."); }
    return values;
  }

  /* Make `row` show the widget of filter `index` of `column`, with `values`. */
  function shape(row, column, index, values) {
    var kind = spec[column] && spec[column]["in"] === index ? "in"
      : spec[column] && spec[column].between === index ? "between" : null;
    var name = "_flt_" + index + "_" + column;
    var current = row.getAttribute("data-examdesk-kind");
    if (current === kind && kind !== null) {
      $(row).find(".filter_val").attr("name", name);
      return;
    }
    removeWidget(row);
    row.setAttribute("data-examdesk-kind", kind || "");
    if (!kind) {
      $(row).find(".filter_val").attr("name", name);
      return;
    }
    var field = hideOriginal(row);
    var cell = field ? field.closest("td") : row.lastElementChild;
    if (kind === "in") { multiSelect(cell, name, column, values); }
    else { dateRange(cell, name, splitRange(values)); }
  }

  function rowColumn(row) {
    var field = row.querySelector(".filter_val, [data-examdesk-original]");
    var parsed = field && parse(field.getAttribute("name") || field.getAttribute("data-name"));
    if (parsed) { row.setAttribute("data-examdesk-column", parsed.column); }
    return row.getAttribute("data-examdesk-column");
  }

  /* Applied filters: FAB made one row per value; keep one row per argument. */
  function mergeApplied() {
    var seen = {};
    var rows = document.querySelectorAll("#filter_form .filters tr");
    Array.prototype.forEach.call(rows, function (row) {
      var field = row.querySelector(".filter_val");
      var parsed = field && parse(field.getAttribute("name"));
      if (!parsed || !spec[parsed.column]) { return; }
      rowColumn(row);
      var key = field.getAttribute("name");
      var kind = spec[parsed.column]["in"] === parsed.index ? "in"
        : spec[parsed.column].between === parsed.index ? "between" : null;
      if (!kind) { return; }
      var values = new URLSearchParams(window.location.search).getAll(key);
      if (seen[key]) { row.remove(); return; }
      seen[key] = true;
      shape(row, parsed.column, parsed.index, values);
    });
  }

  function onOperation(event) {
    var select = event.target;
    var row = select.closest("tr");
    if (!row) { return; }
    var column = rowColumn(row);
    if (!column || !spec[column]) { return; }
    shape(row, column, parseInt(select.value, 10), []);
  }

  $(function () {
    mergeApplied();
    $(document).on("change select2:select", "#filter_form select.filter-op", onOperation);
  });
}(window.jQuery));
