/* Canned replies from the keyboard: "/" at the start of a line of the message box opens the
 * list (filtered by what follows: "/bien"), arrows choose, Enter or Tab inserts the reply in
 * place of "/bien" (its variables already filled by the server), Escape closes. Text is only
 * set through textContent. */
(function () {
  var root = document.getElementById('chat');
  var input = document.getElementById('chat-input');
  var list = document.getElementById('chat-canned');
  if (!root || !input || !list || !root.dataset.cannedUrl) { return; }
  var replies = null;
  var shown = [];
  var active = 0;

  function load(then) {
    if (replies) { then(); return; }
    fetch(root.dataset.cannedUrl, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (rows) { replies = rows; then(); });
  }

  // The "/word" being typed: from a "/" at the start of a line up to the caret, or null.
  function query() {
    var before = input.value.slice(0, input.selectionStart);
    var m = /(^|\n)\/([\w-]*)$/.exec(before);
    return m ? { text: m[2].toLowerCase(), start: before.length - m[2].length - 1 } : null;
  }

  function close() {
    list.style.display = 'none';
    list.textContent = '';
    shown = [];
    input.removeAttribute('aria-activedescendant');
    input.setAttribute('aria-expanded', 'false');
  }

  function paint() {
    list.textContent = '';
    shown.forEach(function (reply, i) {
      var li = document.createElement('li');
      li.id = 'chat-canned-' + reply.id;
      li.className = 'list-group-item' + (i === active ? ' active' : '');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      var name = document.createElement('strong');
      name.textContent = '/' + reply.shortcut + ' ';
      var title = document.createElement('span');
      title.textContent = reply.title + ' (' + reply.language + ')';
      li.appendChild(name);
      li.appendChild(title);
      li.addEventListener('mousedown', function (event) { event.preventDefault(); insert(reply); });
      list.appendChild(li);
    });
    list.style.display = shown.length ? '' : 'none';
    input.setAttribute('aria-expanded', shown.length ? 'true' : 'false');
    if (shown.length) { input.setAttribute('aria-activedescendant', 'chat-canned-' + shown[active].id); }
  }

  function update() {
    var q = query();
    if (!q) { close(); return; }
    load(function () {
      shown = replies.filter(function (r) {
        return r.shortcut.indexOf(q.text) === 0 || r.title.toLowerCase().indexOf(q.text) >= 0;
      });
      active = Math.min(active, Math.max(shown.length - 1, 0));
      paint();
    });
  }

  function insert(reply) {
    var q = query();
    if (!q) { close(); return; }
    var caret = input.selectionStart;
    input.value = input.value.slice(0, q.start) + reply.body + input.value.slice(caret);
    var at = q.start + reply.body.length;
    input.setSelectionRange(at, at);
    close();
    input.focus();
  }

  input.setAttribute('aria-controls', 'chat-canned');
  input.setAttribute('aria-autocomplete', 'list');
  input.addEventListener('input', function () { active = 0; update(); });
  input.addEventListener('keydown', function (event) {
    if (!shown.length) { return; }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      paint();
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      insert(shown[active]);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      close();
      event.preventDefault();
    }
  });
  // Closed a moment after the box loses focus (a click on an option lands first); coming back
  // before that keeps it: typing "/" right after a click on Send must not be closed behind.
  var closing = null;
  input.addEventListener('blur', function () { closing = setTimeout(close, 150); });
  input.addEventListener('focus', function () { clearTimeout(closing); });
})();
