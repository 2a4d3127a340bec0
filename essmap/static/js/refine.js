/* On a wide screen, the filters of a list stay beside its results.
 * Progressive enhancement: the filters are in a <details> (« Affiner la recherche »), folded
 * on a phone once there are results so that the answer comes first, and opened by the server
 * when nothing was found or the search failed. Without this script every screen gets that;
 * with it, a screen wide enough for two columns (the layout's 60rem) opens them. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");
  function openWhenWide() {
    if (!wide.matches) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("details.refine"), function (details) {
      details.open = true;
    });
  }
  openWhenWide();
  if (wide.addEventListener) {
    wide.addEventListener("change", openWhenWide);
  }
})();
