// Progressive enhancement only: every page works without this file.
// A form's submit button is disabled while the form is on its way, so a double tap posts once.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  var buttons = form.querySelectorAll('button[type="submit"]');
  window.setTimeout(function () {
    buttons.forEach(function (button) {
      button.disabled = true;
    });
  }, 0);
});
// Coming back to the page (browser back) gives the buttons back.
window.addEventListener('pageshow', function () {
  document.querySelectorAll('button[type="submit"][disabled]').forEach(function (button) {
    button.disabled = false;
  });
});
// The jury's score sheet: a draft kept in this browser while typing (a lost connection or a reload keeps it),
// put back when the sheet is shown again, dropped once the page says the score is in. Only the server's copy counts.
(function () {
  var store;
  try {
    store = window.localStorage;
  } catch {
    return;
  }
  if (!store) return;
  document.querySelectorAll('[data-draft-clear]').forEach(function (marker) {
    store.removeItem(marker.getAttribute('data-draft-clear'));
  });
  document.querySelectorAll('form[data-draft-key]').forEach(function (form) {
    var key = form.getAttribute('data-draft-key');
    var fields = function () {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== '_csrf' && el.type !== 'submit' && el.type !== 'hidden';
      });
    };
    var saved = null;
    try {
      saved = JSON.parse(store.getItem(key) || 'null');
    } catch {
      saved = null;
    }
    // A refused sheet comes back with what was sent: the server's values win over an older draft.
    var refused = form.querySelector('.form-error');
    if (saved && !refused) {
      fields().forEach(function (el) {
        if (!(el.name in saved)) return;
        if (el.type === 'radio') el.checked = saved[el.name] === el.value;
        else el.value = saved[el.name];
      });
    }
    var save = function () {
      var draft = {};
      fields().forEach(function (el) {
        if (el.type === 'radio') {
          if (el.checked) draft[el.name] = el.value;
        } else draft[el.name] = el.value;
      });
      try {
        store.setItem(key, JSON.stringify(draft));
      } catch {
        // A full or private store: the sheet still works, only without a draft.
      }
    };
    form.addEventListener('input', save);
    form.addEventListener('change', save);
  });
})();
