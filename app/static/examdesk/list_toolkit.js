/* List toolkit: reorder the column chooser; follow the progress of a background export. */
(function () {
  "use strict";
  document.querySelectorAll(".examdesk-column-list").forEach(function (list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var item = button.closest("li");
      if (button.classList.contains("col-up") && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (button.classList.contains("col-down") && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      button.focus();
    });
  });
  var job = document.getElementById("export-job");
  if (!job) { return; }
  function poll() {
    fetch(job.dataset.statusUrl, {credentials: "same-origin", headers: {"X-ExamDesk-Background": "1"}}).then(function (r) { return r.json(); })
      .then(function (p) {
        var bar = document.getElementById("export-bar");
        bar.style.width = p.percent + "%";
        bar.textContent = p.percent + " %";
        bar.setAttribute("aria-valuenow", p.percent);
        document.getElementById("export-status").textContent = p.done + " / " + p.total;
        if (p.status === "done") {
          document.getElementById("export-ready").hidden = false;
          if (document.title.indexOf("\u2713") !== 0) { document.title = "\u2713 " + document.title; }
          return;
        }
        if (p.status === "failed") { document.getElementById("export-failed").hidden = false; return; }
        window.setTimeout(poll, 1000);
      });
  }
  poll();
}());
