/* Counts a click on a structure's contact link (audience/views.py): a POST beacon to the
 * address in data-audience, then the link goes where it says (tel:, mailto:, the website).
 * Without this script the link works the same, uncounted. No inline script (CSP). */
(function () {
  "use strict";
  if (!navigator.sendBeacon) {
    return;
  }
  var links = document.querySelectorAll("a[data-audience]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function () {
      navigator.sendBeacon(link.getAttribute("data-audience"));
    });
  });
})();
