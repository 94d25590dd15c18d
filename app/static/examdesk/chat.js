/* The live conversation page: join, send with retry (client_id), resync from the last id seen
 * after every (re)connection, typing indicator, read receipts. A message is read when it is
 * seen: on screen (IntersectionObserver) in a visible, focused window. User text is only ever
 * set through textContent; links are built as DOM nodes with an http(s) href. */
(function () {
  var root = document.getElementById('chat');
  var socket = window.examdeskChatSocket;
  if (!root || !socket) { return; }
  var convId = parseInt(root.dataset.conversationId, 10);
  var me = parseInt(root.dataset.userId, 10);
  var lastId = parseInt(root.dataset.lastId, 10) || 0;
  var receipts = JSON.parse(root.dataset.receipts || '[]');
  var thread = document.getElementById('chat-thread');
  var input = document.getElementById('chat-input');
  var fileInput = document.getElementById('chat-file');
  var noteToggle = document.getElementById('chat-internal');  // staff only
  var form = document.getElementById('chat-form');
  var errorBox = document.getElementById('chat-error');
  var typingBox = document.getElementById('chat-typing');
  var connBox = document.getElementById('chat-connection');
  var pending = {};  // client_id -> {body, node}
  var seen = {};
  var typingTimer = null;
  var lastTypingSent = 0;
  var URL_RE = /https?:\/\/[^\s<>"']+/gi;

  // Read when seen: the ids of the messages on screen now; the highest is sent as read while
  // the window is visible and focused (and again when it comes back to the front).
  var onScreen = {};
  var readSent = 0;
  var observer = ('IntersectionObserver' in window) ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var id = parseInt(entry.target.dataset.id, 10);
      if (!id) { return; }
      var shown = entry.isIntersecting &&
        (entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= 40);
      if (shown) { onScreen[id] = true; } else { delete onScreen[id]; }
    });
    markRead();
  }, { threshold: [0, 0.5, 1] }) : null;
  function watch(li) { if (observer && li && li.dataset.id) { observer.observe(li); } }

  thread.querySelectorAll('.chat-message').forEach(function (li) {
    seen[li.dataset.id] = true;
    watch(li);
  });

  // The newest message is where the eye goes, as in every chat: the page opens on it (unless a
  // search hit names the message to show) and follows new ones while the reader is at the end
  // of the thread (or wrote it). Read when seen then counts what is really on screen.
  function atTheEnd() {  // the newest message is (at least partly) in the window
    var last = thread.lastElementChild;
    return !last || last.getBoundingClientRect().top < window.innerHeight;
  }
  function showNewest() {
    var last = thread.lastElementChild;
    if (last && last.scrollIntoView) { last.scrollIntoView({ block: 'end' }); }
  }
  if (!thread.querySelector('.chat-hit') && !/^#message-/.test(window.location.hash)) {
    showNewest();
  }

  function appendText(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]}]+$/, '');
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      a.textContent = url;
      parent.appendChild(a);
      last = offset + url.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // The same text as the server's (app/services/formatting.py: format_moment), in the
  // conversation centre's zone whatever the browser's: 16/03/2027 14:30 in French,
  // 3/16/2027 14:30 in English.
  var clock = new Intl.DateTimeFormat('en-US', {
    timeZone: root.dataset.zone || 'Europe/Paris', year: 'numeric', month: 'numeric',
    day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23'});
  function formatTime(iso) {
    var parts = {};
    clock.formatToParts(new Date(iso)).forEach(function (part) { parts[part.type] = part.value; });
    function p(n) { return (String(n).length < 2 ? '0' : '') + n; }
    var day = (root.dataset.lang || 'fr') === 'fr'
      ? p(parts.day) + '/' + p(parts.month) + '/' + parts.year
      : parts.month + '/' + parts.day + '/' + parts.year;
    return day + ' ' + p(parts.hour) + ':' + parts.minute;
  }

  function render(msg, node) {
    var li = node || document.createElement('li');
    li.className = 'chat-message' + (msg.author && msg.author.id === me ? ' chat-mine' : '') +
      (msg.internal ? ' chat-note' : '');
    li.textContent = '';
    if (msg.internal) {  // a staff note: only staff pages ever receive one
      var label = document.createElement('div');
      label.className = 'chat-note-label';
      var lock = document.createElement('span');
      lock.className = 'fa fa-lock';
      lock.setAttribute('aria-hidden', 'true');
      label.appendChild(lock);
      label.appendChild(document.createTextNode(
        ' ' + root.dataset.labelNote + ' · ' + root.dataset.labelNoteHint));
      li.appendChild(label);
    }
    if (msg.id) { li.dataset.id = msg.id; }
    li.dataset.authorId = msg.author ? msg.author.id : '';
    var meta = document.createElement('div');
    meta.className = 'chat-meta';
    var who = document.createElement('strong');
    who.textContent = msg.author ? msg.author.name : '';
    var time = document.createElement('time');
    time.textContent = msg.created_at ? ' ' + formatTime(msg.created_at) : ' ' + root.dataset.labelSending;
    meta.appendChild(who);
    meta.appendChild(time);
    if (msg.id && !msg.internal && root.dataset.requestUrl) {  // message → request
      var toRequest = document.createElement('a');
      toRequest.className = 'chat-to-request small';
      toRequest.href = root.dataset.requestUrl.replace(/message=0$/, 'message=' + msg.id);
      toRequest.textContent = root.dataset.labelRequest;
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(toRequest);
    }
    var body = document.createElement('div');
    body.className = 'chat-body';
    appendText(body, msg.body || '');
    li.appendChild(meta);
    li.appendChild(body);
    (msg.attachments || []).forEach(function (a) {
      var div = document.createElement('div');
      div.className = 'chat-attachment';
      var link = document.createElement('a');
      link.href = root.dataset.attachmentUrl.replace(/0$/, String(a.id));
      link.textContent = a.filename;
      div.appendChild(link);
      var previewable = ['image/png', 'image/jpeg', 'application/pdf'];
      if (previewable.indexOf(a.content_type) >= 0) {
        var preview = document.createElement('a');
        preview.href = root.dataset.previewUrl.replace(/\/0\/preview$/, '/' + a.id + '/preview');
        preview.target = '_blank';
        preview.rel = 'noopener';
        preview.className = 'chat-preview-link';
        if (a.content_type.indexOf('image/') === 0) {
          var img = document.createElement('img');
          img.className = 'chat-preview';
          img.src = preview.href;
          img.alt = root.dataset.labelPreview + ' : ' + a.filename;
          preview.appendChild(img);
        } else {
          preview.textContent = root.dataset.labelPreview;
          div.appendChild(document.createTextNode(' · '));
        }
        div.appendChild(preview);
      }
      li.appendChild(div);
    });
    var receipt = document.createElement('div');
    receipt.className = 'chat-receipt text-muted small';
    li.appendChild(receipt);
    return li;
  }

  function accept(msg) {
    if (!msg || msg.conversation_id !== convId || seen[msg.id]) { return; }
    seen[msg.id] = true;
    var follow = atTheEnd() || (msg.author && msg.author.id === me);
    var waiting = msg.client_id && pending[msg.client_id];
    if (waiting && msg.author && msg.author.id === me) {
      render(msg, waiting.node);
      delete pending[msg.client_id];
    } else {
      thread.appendChild(render(msg));
    }
    lastId = Math.max(lastId, msg.id);
    watch(thread.querySelector('.chat-message[data-id="' + msg.id + '"]'));
    if (follow) { showNewest(); }
    showReceipts();
  }

  function markRead() {
    if (document.visibilityState !== 'visible' || !document.hasFocus() || !socket.connected) {
      return;
    }
    var upTo = 0;
    if (observer) {
      Object.keys(onScreen).forEach(function (id) { upTo = Math.max(upTo, parseInt(id, 10)); });
    } else {
      upTo = lastId;  // no IntersectionObserver: the open thread counts as seen
    }
    if (upTo <= readSent) { return; }
    readSent = upTo;
    socket.emit('read', { conversation_id: convId, last_read_id: upTo }, function (ack) {
      if (ack && ack.error) { readSent = 0; }  // refused: try again next time
    });
  }

  function showReceipts() {
    thread.querySelectorAll('.chat-receipt').forEach(function (el) { el.textContent = ''; });
    var best = null;
    receipts.forEach(function (r) {
      if (r.user_id !== me && (!best || r.last_read_id > best.last_read_id)) { best = r; }
    });
    if (!best) { return; }
    var mine = thread.querySelectorAll('.chat-mine:not(.chat-note)');  // a note is not for the centre
    for (var i = mine.length - 1; i >= 0; i--) {
      if (parseInt(mine[i].dataset.id, 10) <= best.last_read_id) {
        mine[i].querySelector('.chat-receipt').textContent =
          root.dataset.labelRead + ' ' + formatTime(best.read_at);
        break;
      }
    }
  }

  var syncing = false, syncAgain = false;
  function sync() {
    // Always fetch from the last id seen: a live message may come after a gap (a Redis or
    // server restart drops live events, never stored messages), so it triggers a sync.
    if (syncing) { syncAgain = true; return; }
    syncing = true;
    socket.emit('sync', { conversation_id: convId, after_id: lastId }, function (messages) {
      syncing = false;
      if (Array.isArray(messages)) { messages.forEach(accept); }
      if (syncAgain) { syncAgain = false; sync(); }
    });
  }

  function resync() {
    socket.emit('join', { conversation_id: convId }, function (ack) {
      if (ack && ack.receipts) { receipts = ack.receipts; showReceipts(); }
      sync();
      Object.keys(pending).forEach(function (cid) { sendPending(cid); });
    });
  }

  function sendPending(clientId) {
    var item = pending[clientId];
    if (!item || !socket.connected) { return; }
    socket.timeout(10000).emit('send_message',
      { conversation_id: convId, body: item.body, client_id: clientId, internal: item.internal },
      function (err, ack) {
        if (err || (ack && ack.code === 'retry')) {  // resent with the same client_id
          setTimeout(function () { sendPending(clientId); }, 1000);
          return;
        }
        if (ack && ack.error) {
          errorBox.textContent = ack.error;
          item.node.remove();
          delete pending[clientId];
          return;
        }
        accept(ack);
      });
  }

  function newClientId() {
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
  }

  form.addEventListener('submit', function (event) {
    if (fileInput && fileInput.files.length) { return; }  // files go through the HTTP form
    event.preventDefault();
    errorBox.textContent = '';
    var body = input.value;
    if (!body.trim()) { return; }
    var clientId = newClientId();
    var internal = !!(noteToggle && noteToggle.checked);
    var node = render({ body: body, author: { id: me, name: '' }, internal: internal });
    node.classList.add('chat-pending');
    thread.appendChild(node);
    pending[clientId] = { body: body, node: node, internal: internal };
    input.value = '';
    sendPending(clientId);
  });

  input.addEventListener('input', function () {
    if (noteToggle && noteToggle.checked) { return; }  // writing a note tells the centre nothing
    var now = Date.now();
    if (now - lastTypingSent > 2000 && socket.connected) {
      lastTypingSent = now;
      socket.emit('typing', { conversation_id: convId });
    }
  });

  socket.on('message', function (msg) {
    if (msg && msg.conversation_id === convId && !seen[msg.id]) { sync(); }
  });
  setInterval(function () { if (socket.connected) { sync(); } }, 30000);
  socket.on('read', function (r) {
    if (r.conversation_id !== convId) { return; }
    receipts = receipts.filter(function (x) { return x.user_id !== r.user_id; }).concat([r]);
    showReceipts();
  });
  socket.on('typing', function (t) {
    if (t.conversation_id !== convId) { return; }
    typingBox.textContent = root.dataset.labelTyping.replace('{name}', t.user.name);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingBox.textContent = ''; }, 4000);
  });
  function online() {
    connBox.textContent = root.dataset.labelOnline;
    connBox.dataset.state = 'online';
    readSent = 0;  // the server may have missed a read sent while disconnected
    resync();
    markRead();
  }
  socket.on('connect', online);
  socket.on('disconnect', function () {
    connBox.textContent = root.dataset.labelOffline;
    connBox.dataset.state = 'offline';
  });
  document.addEventListener('visibilitychange', markRead);
  window.addEventListener('focus', markRead);
  if (socket.connected) { online(); }
  showReceipts();
})();
