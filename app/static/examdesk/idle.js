/* Inactivity: warn 5 minutes before the 30-minute log-out; "stay connected" pings the server. */
(function () {
  var script = document.currentScript;
  var idle = parseInt(script.dataset.idleSeconds, 10) * 1000;
  var warn = parseInt(script.dataset.warningSeconds, 10) * 1000;
  var warnTimer, logoutTimer;
  function showWarning() {
    var modal = document.getElementById('idle-warning');
    if (window.jQuery) { window.jQuery(modal).modal('show'); } else { modal.style.display = 'block'; }
    modal.classList.add('in');
    modal.setAttribute('data-shown', '1');
    document.getElementById('stay-connected').focus();
  }
  function hideWarning() {
    var modal = document.getElementById('idle-warning');
    if (window.jQuery) { window.jQuery(modal).modal('hide'); } else { modal.style.display = 'none'; }
    modal.classList.remove('in');
    modal.removeAttribute('data-shown');
  }
  function schedule() {
    clearTimeout(warnTimer); clearTimeout(logoutTimer);
    warnTimer = setTimeout(showWarning, Math.max(idle - warn, 0));
    logoutTimer = setTimeout(function () {
      // expired=1: the log-in page says why the user is there.
      window.location.href = script.dataset.loginUrl + '?expired=1&next=' +
        encodeURIComponent(window.location.pathname);
    }, idle);
  }
  document.getElementById('stay-connected').addEventListener('click', function () {
    fetch(script.dataset.keepaliveUrl, {
      method: 'POST', credentials: 'same-origin',
      headers: {'X-CSRFToken': script.dataset.csrf, 'Accept': 'application/json'}
    }).then(function (r) { if (r.ok) { hideWarning(); schedule(); } });
  });
  window.examdeskIdle = {schedule: schedule, showWarning: showWarning};
  schedule();
})();
