/* Live dashboard: when the server says a centre's rows changed (`dashboard_changed` on /chat),
   reload the dashboard's content in place (at most once every two seconds). */
(function () {
  var box = document.getElementById('dashboard-live');
  if (!box) { return; }
  var pending = null;
  function refresh() {
    pending = null;
    fetch(window.location.href, {credentials: 'same-origin',
                                 headers: {'Accept': 'text/html', 'X-ExamDesk-Background': '1'}})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('dashboard-live');
        if (fresh) { box.innerHTML = fresh.innerHTML; }
        if (window.examdeskChatRefreshUnread) { window.examdeskChatRefreshUnread(); }
      });
  }
  function listen() {
    var socket = window.examdeskChatSocket;
    if (!socket) { return false; }
    socket.on('dashboard_changed', function () {
      if (!pending) { pending = setTimeout(refresh, 2000); }
    });
    return true;
  }
  if (!listen()) { document.addEventListener('DOMContentLoaded', listen); }
})();
