// The admin's autocomplete boxes (Select2) name their combobox after the chosen value, so an
// empty one has no accessible name (WCAG 4.1.2). Give each the label of its field instead.
(function () {
  function label(select) {
    var found = select.id && document.querySelector('label[for="' + select.id + '"]');
    var box = select.nextElementSibling && select.nextElementSibling.querySelector('[role="combobox"]');
    if (found && box && !box.getAttribute('aria-label')) {
      box.setAttribute('aria-label', found.textContent.replace(/:\s*$/, '').trim());
      var shown = box.querySelector('[role="textbox"]');
      if (shown) { shown.setAttribute('aria-label', box.getAttribute('aria-label')); }
    }
  }
  function labelAll() { document.querySelectorAll('select.admin-autocomplete').forEach(label); }
  document.addEventListener('DOMContentLoaded', function () {
    labelAll();
    // Select2 builds its boxes when jQuery is ready, and again for each inline form added.
    new MutationObserver(labelAll).observe(document.body, {childList: true, subtree: true});
  });
})();
