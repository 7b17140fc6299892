// A colour picker beside each typed colour of a RAG key (input[data-colour-text]): either may
// be used, and each follows the other. Without this script the typed colour works alone.
(function () {
  "use strict";
  var HEX = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i;

  function normal(typed) {
    var match = HEX.exec((typed || "").trim());
    if (!match) { return null; }
    var digits = match[1].toLowerCase();
    if (digits.length === 3) {
      digits = digits.replace(/(.)/g, "$1$1");
    }
    return "#" + digits;
  }

  document.querySelectorAll("input[data-colour-text]").forEach(function (text) {
    var picker = document.createElement("input");
    picker.type = "color";
    picker.className = "input--colour-picker";
    var label = document.querySelector('label[for="' + text.id + '"]');
    picker.setAttribute("aria-label", "Pick the " + (label ? label.textContent.trim().toLowerCase() : "colour"));
    picker.value = normal(text.value) || "#000000";
    text.insertAdjacentElement("afterend", picker);
    picker.addEventListener("input", function () { text.value = picker.value; });
    text.addEventListener("input", function () {
      var colour = normal(text.value);
      if (colour) { picker.value = colour; }
    });
  });
}());
