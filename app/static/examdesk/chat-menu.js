/* Unread message counts in the menu (and any element marked data-chat-unread), updated live;
 * the count also in the tab's title ("(2) …"), and, when the tab is hidden and the count goes
 * up, a browser notification (once the user allowed them with #chat-notify-enable). */
(function () {
  if (!window.io) { return; }
  var script = document.getElementById('chat-menu-script');
  var baseTitle = document.title.replace(/^\(\d+\) /, '');
  var lastTotal = null;
  var socket = window.io('/chat', { transports: ['websocket', 'polling'] });
  window.examdeskChatSocket = socket;
  function notify(total) {
    if (!script || !('Notification' in window) || Notification.permission !== 'granted') { return; }
    var note = new Notification(script.dataset.labelNew, {
      body: script.dataset.labelCount.replace('{count}', String(total)), tag: 'examdesk-chat'});
    note.onclick = function () { window.focus(); window.location.href = script.dataset.inboxUrl; };
  }
  function badge(total) {
    document.title = (total ? '(' + total + ') ' : '') + baseTitle;
    if (lastTotal !== null && total > lastTotal && document.visibilityState === 'hidden') {
      notify(total);
    }
    lastTotal = total;
  }
  // The browser asks the user only after a click of theirs (the button of the messages pages).
  function offerNotifications() {
    var enable = document.getElementById('chat-notify-enable');
    if (!enable || !('Notification' in window) || Notification.permission !== 'default') { return; }
    enable.style.display = '';  // .btn's display would undo `hidden`
    enable.addEventListener('click', function () {
      Notification.requestPermission().then(function () { enable.style.display = 'none'; });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', offerNotifications);
  } else {
    offerNotifications();
  }
  function show(counts) {
    if (!counts || counts.error) { return; }
    badge(counts.total || 0);
    document.querySelectorAll('[data-chat-unread]').forEach(function (el) {
      el.textContent = counts.total ? String(counts.total) : '';
    });
    document.querySelectorAll('[data-chat-conversation]').forEach(function (el) {
      var n = counts.conversations[el.getAttribute('data-chat-conversation')];
      el.textContent = n ? String(n) : '';
    });
  }
  function refresh() { socket.emit('unread', {}, show); }
  window.examdeskChatRefreshUnread = refresh;
  socket.on('connect', refresh);
  socket.on('unread_changed', refresh);
})();
