/* Unread message counts in the menu (and any element marked data-chat-unread), updated live. */
(function () {
  if (!window.io) { return; }
  var socket = window.io('/chat', { transports: ['websocket', 'polling'] });
  window.examdeskChatSocket = socket;
  function show(counts) {
    if (!counts || counts.error) { return; }
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
