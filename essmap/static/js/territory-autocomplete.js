/* Suggests territories while a person types in a "où ?" field.
 * Progressive enhancement: without this script the field is a plain text input that the
 * server resolves on submit (with a choice list when the name is ambiguous). The browser's
 * own <datalist> does the showing, so keyboard and screen readers work as usual. */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-autocomplete-url]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      window.clearTimeout(timer);
      if (query.length < 2 || query === asked) {
        return;
      }
      timer = window.setTimeout(function () {
        asked = query;
        fetch(input.getAttribute("data-autocomplete-url") + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (input.value.trim() !== query) {
              return; // the person typed on; a newer answer is coming
            }
            while (list.firstChild) {
              list.removeChild(list.firstChild);
            }
            data.results.forEach(function (result) {
              var option = document.createElement("option");
              option.value = result.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience: typing still works */ });
      }, 150);
    });
  });
})();
