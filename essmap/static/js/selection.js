/* « Copier le lien » of /selection/. Progressive enhancement: without this script the button
 * stays hidden and the sheet's address is shown as text to copy. No inline script (CSP). */
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  var buttons = document.querySelectorAll("button[data-copy-url]");
  Array.prototype.forEach.call(buttons, function (button) {
    if (!navigator.clipboard) {
      return;  // an insecure page (http) has no clipboard: the address stays to copy by hand
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(
        function () {
          if (status) { status.textContent = "Lien copié : collez-le dans un courriel ou un SMS."; }
        },
        function () {
          if (status) { status.textContent = "Copie impossible : copiez l’adresse affichée ci-dessus."; }
        }
      );
    });
  });
})();
