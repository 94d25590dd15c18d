/* The multi-row actions of lists (FAB's actions menu) without inline script: each menu entry
   carries data-multi-action="<name>", its confirmation in data-confirm (app/templates/examdesk/
   confirm.html) and the "no row selected" text in data-none-selected. */
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('[data-multi-action]') : null;
    if (!link) { return; }
    event.preventDefault();
    var checked = document.querySelectorAll('input.action_check:checked');
    if (checked.length === 0) {
      window.alert(link.getAttribute('data-none-selected'));
      return;
    }
    var text = link.getAttribute('data-confirm');
    if (text && !window.confirm(text)) { return; }
    var form = document.getElementById('action_form');
    form.querySelector('input[name="action"]').value = link.getAttribute('data-multi-action');
    Array.prototype.forEach.call(form.querySelectorAll('input.action_check'), function (old) {
      old.parentNode.removeChild(old);
    });
    Array.prototype.forEach.call(checked, function (box) {
      var copy = document.createElement('input');
      copy.type = 'hidden';
      copy.className = 'action_check';
      copy.name = 'rowid';
      copy.value = box.value;
      form.appendChild(copy);
    });
    form.submit();
  });
}());
