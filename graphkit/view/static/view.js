// graphkit view: HTML tooltips from escaped fragments, filters, search. No outside requests.
(function () {
  "use strict";
  function tip(html) {
    var div = document.createElement("div");
    div.innerHTML = html; // fragments are escaped by graphkit.view.tooltip
    return div;
  }
  nodes.update(nodes.get().map(function (n) { return { id: n.id, title: tip(n.gk_tip) }; }));
  edges.update(edges.get().map(function (e) { return { id: e.id, title: tip(e.gk_tip) }; }));

  function checked(cls) {
    var on = {};
    document.querySelectorAll("input." + cls).forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  function applyFilter() {
    var types = checked("gk-type"), preds = checked("gk-pred");
    var council = document.getElementById("gk-council").value;
    var lonely = document.getElementById("gk-isolated").checked;
    nodes.update(nodes.get().map(function (n) {
      var inCouncil = !council || n.gk_councils.indexOf(council) >= 0;
      var shown = types[n.gk_type] !== false && inCouncil && (lonely || n.gk_degree > 0);
      return { id: n.id, hidden: !shown };
    }));
    edges.update(edges.get().map(function (e) {
      return { id: e.id, hidden: preds[e.gk_predicate] === false };
    }));
  }
  document.querySelectorAll("input.gk-type, input.gk-pred, #gk-council, #gk-isolated").forEach(function (el) {
    el.addEventListener("change", applyFilter);
  });
  document.getElementById("gk-search").addEventListener("change", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); return; }
    var hit = nodes.get({ filter: function (n) { return !n.hidden && String(n.label).toLowerCase().indexOf(q) >= 0; } });
    if (hit.length) {
      network.selectNodes(hit.map(function (n) { return n.id; }));
      network.focus(hit[0].id, { scale: 1.2, animation: false });
    }
  });
  var done = false;
  function ready() {
    if (done) { return; }
    done = true;
    network.setOptions({ physics: false });
    window.gkTimes = { ready: performance.now() }; // ms since navigation start
    document.body.setAttribute("data-gk-ready", "true");
    network.once("afterDrawing", function () {
      window.gkTimes.drawn = performance.now();
      document.body.setAttribute("data-gk-drawn", "true");
    });
    network.redraw();
  }
  if (network.physics.ready) {
    ready(); // stabilised before this script ran, or nothing to stabilise
  } else {
    network.once("stabilizationIterationsDone", ready);
  }
})();
