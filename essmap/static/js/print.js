/* The « Imprimer cette page » button of a sheet's print page. Progressive enhancement: the
 * button stays hidden without this script, and the page says how to print it from the
 * browser. No inline script, so a strict Content-Security-Policy holds. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-print]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
