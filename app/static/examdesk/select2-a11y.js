/* FAB's ab.js starts every .my_select2 with an English placeholder ("Select a State") and a
   "clear all" cross that select2 puts inside its <ul> of choices (an <ul> holding a <span>: axe's
   "list" rule), and leaves the inline search box of multiple selects without a label (axe's
   "label" rule). Start them again without those, and name each search box after its field. */
(function ($) {
  "use strict";
  if (!$ || !$.fn || !$.fn.select2) { return; }

  function fieldName(select) {
    if (select.id) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (label && label.textContent.trim()) { return label.textContent.trim(); }
    }
    return select.getAttribute("aria-label") || select.getAttribute("title") || select.name || "";
  }

  function labelSearch($select) {
    var name = fieldName($select[0]);
    var container = $select.data("select2") && $select.data("select2").$container;
    if (container && name) {
      container.find(".select2-search__field").attr("aria-label", name);
    }
  }

  $(function () {
    $("select.my_select2").each(function () {
      var $select = $(this);
      if ($select.data("select2")) { $select.select2("destroy"); }
      $select.select2({theme: "bootstrap", placeholder: "", allowClear: !this.multiple});
      labelSearch($select);
      $select.on("change select2:open select2:close", function () { labelSearch($select); });
    });
  });
})(window.jQuery);
