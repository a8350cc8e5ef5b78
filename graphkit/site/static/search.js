// graphkit site: search the inline entity index as you type (works from file://, no requests).
(function () {
  "use strict";
  var index = JSON.parse(document.getElementById("gk-index").textContent);
  var box = document.getElementById("gk-q");
  var list = document.getElementById("gk-results");
  var count = document.getElementById("gk-count");
  var LIMIT = 50;
  var haystack = index.map(function (row) { return (row[0] + " " + row[1] + " " + row[3] + " " + row[4]).toLowerCase(); });
  function search() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { count.textContent = "Type to search " + index.length + " entities."; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var text = haystack[i];
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) { hits.push(index[i]); }
    }
    hits.slice(0, LIMIT).forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = row[2];
      a.textContent = row[0];
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "gk-muted";
      meta.textContent = " " + row[1] + (row[4] ? " \u00b7 " + row[4] : "");
      li.appendChild(meta);
      list.appendChild(li);
    });
    count.textContent = hits.length === 0 ? "No entity matches." :
      hits.length + (hits.length === 1 ? " entity matches" : " entities match") +
      (hits.length > LIMIT ? "; the first " + LIMIT + " are listed." : ".") + " Tab to the results to open one.";
  }
  box.addEventListener("input", search);
  search();
  document.body.setAttribute("data-gk-ready", "true");
})();
