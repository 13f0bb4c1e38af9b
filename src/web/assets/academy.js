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
