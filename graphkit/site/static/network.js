// graphkit site: draw a network page's inline JSON with vis-network; filters, details, keyboard.
// Every piece of text is put into the page as a text node, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gk-graph").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    return x;
  }
  function tipElement(tip) {
    var box = el("div", "gk-tip");
    box.appendChild(el("div", "gk-tip-title", tip.title));
    tip.lines.forEach(function (line) { box.appendChild(el("div", "", line)); });
    tip.evidence.forEach(function (ev) {
      var p = el("div", "gk-tip-ev");
      if (ev[0]) { p.appendChild(el("div", "gk-tip-rel", ev[0])); }
      if (ev[1]) { p.appendChild(el("q", "", ev[1])); }
      if (ev[2]) { p.appendChild(el("div", "gk-tip-where", ev[2])); }
      box.appendChild(p);
    });
    if (tip.more) { box.appendChild(el("div", "", "and " + tip.more + " more (see the table below)")); }
    return box;
  }

  window.nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, shape: n.shape, value: n.value, x: n.x, y: n.y,
      color: { background: n.color, border: "#333333", highlight: { background: n.color, border: "#000000" },
               hover: { background: n.color, border: "#000000" } },
      title: tipElement(n.tip), gk_type: n.type, gk_councils: n.councils, gk_degree: n.degree
    };
  }));
  window.edges = new vis.DataSet(data.edges.map(function (x) {
    var edge = {
      id: x.id, from: x.from, to: x.to, color: { color: x.color, highlight: x.color, hover: x.color },
      dashes: x.dashes, width: x.width, title: tipElement(x.tip),
      arrows: { to: { enabled: !!x.arrow, type: x.arrow || "arrow", scaleFactor: 0.6 } },
      gk_predicate: x.predicate, gk_stated: x.stated
    };
    if (x.label) { edge.label = x.label; }
    return edge;
  }));
  var container = document.getElementById("gk-network");
  var physics = data.physics ? {
    enabled: true, solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, avoidOverlap: 0.4 },
    stabilization: { enabled: true, iterations: 600, fit: false }
  } : { enabled: false };
  window.network = new vis.Network(container, { nodes: window.nodes, edges: window.edges }, {
    physics: physics,
    layout: { randomSeed: 7, improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 100, keyboard: { enabled: true, bindToWindow: false }, multiselect: true },
    nodes: { font: { size: 15, face: "DejaVu Sans, Arial, sans-serif", color: "#111111" }, borderWidth: 1,
             scaling: { min: 8, max: 34, label: { enabled: true, min: 12, max: 18, drawThreshold: 6 } } },
    edges: { smooth: false, font: { size: 11, align: "middle", color: "#333333", face: "DejaVu Sans, Arial, sans-serif" } }
  });
  var nodes = window.nodes, edges = window.edges, network = window.network;

  var details = document.getElementById("gk-details");
  function showDetails(tip, page) {
    while (details.childNodes.length > 1) { details.removeChild(details.lastChild); }
    details.appendChild(tipElement(tip));
    if (page) {
      var a = el("a", "", "Open the page of " + tip.title);
      a.href = page;
      details.appendChild(el("p")).appendChild(a);
    }
  }
  function showNode(id, zoom) {
    var n = byId[id];
    if (!n) { return; }
    if (nodes.get(id).hidden) { nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    if (zoom) { network.focus(id, { scale: 1.1, animation: false }); }
    showDetails(n.tip, n.page);
  }
  var edgeTips = {};
  data.edges.forEach(function (x) { edgeTips[x.id] = x.tip; });
  network.on("selectNode", function (p) { if (p.nodes.length) { showNode(p.nodes[0], false); } });
  network.on("hoverNode", function (p) { showDetails(byId[p.node].tip, byId[p.node].page); });
  network.on("selectEdge", function (p) { if (!p.nodes.length && p.edges.length) { showDetails(edgeTips[p.edges[0]], ""); } });
  network.on("doubleClick", function (p) { if (p.nodes.length) { window.location.href = byId[p.nodes[0]].page; } });

  document.querySelectorAll("button.gk-focus").forEach(function (b) {
    b.addEventListener("click", function () { showNode(b.getAttribute("data-node"), true); container.scrollIntoView({ block: "nearest" }); });
    b.addEventListener("focus", function () { showNode(b.getAttribute("data-node"), false); });
  });

  function checked(cls) {
    var on = {};
    document.querySelectorAll("input." + cls).forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  var councilBox = document.getElementById("gk-council");
  function applyFilter() {
    var types = checked("gk-type"), preds = checked("gk-pred");
    var council = councilBox ? councilBox.value : "";
    var lonely = document.getElementById("gk-isolated").checked;
    var context = document.getElementById("gk-context").checked;
    var shownEdges = {}, linked = {};
    var nodeOn = {};
    data.nodes.forEach(function (n) {
      nodeOn[n.id] = types[n.type] !== false && (!council || n.councils.indexOf(council) >= 0);
    });
    var edgeUpdates = data.edges.map(function (x) {
      var on = preds[x.predicate] !== false && (context || x.stated) && nodeOn[x.from] && nodeOn[x.to];
      if (on) { linked[x.from] = true; linked[x.to] = true; shownEdges[x.id] = true; }
      return { id: x.id, hidden: !on };
    });
    var visible = [];
    var nodeUpdates = data.nodes.map(function (n) {
      var on = nodeOn[n.id] && (lonely || linked[n.id] === true);
      if (on) { visible.push(n.id); }
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    if (visible.length) { network.fit({ nodes: visible, animation: false, maxZoomLevel: 1.5 }); }
    var status = document.getElementById("gk-shown");
    if (status) { status.textContent = visible.length + " of " + data.nodes.length + " entities shown"; }
  }
  document.querySelectorAll("input.gk-type, input.gk-pred, #gk-council, #gk-isolated, #gk-context").forEach(function (x) {
    x.addEventListener("change", applyFilter);
  });
  var legend = document.querySelector(".gk-legend");
  if (legend) {
    var shown = legend.appendChild(el("p", "gk-muted", ""));
    shown.id = "gk-shown";
    shown.setAttribute("aria-live", "polite");
  }
  var done = false;
  function ready() {
    if (done) { return; }
    done = true;
    network.setOptions({ physics: false });
    applyFilter();
    window.gkTimes = { ready: performance.now() }; // ms since navigation start
    document.body.setAttribute("data-gk-ready", "true");
    network.once("afterDrawing", function () {
      window.gkTimes.drawn = performance.now();
      document.body.setAttribute("data-gk-drawn", "true");
    });
    network.redraw();
  }
  if (!data.physics || network.physics.ready) {
    ready(); // positions given, or stabilised before this line ran
  } else {
    network.once("stabilizationIterationsDone", ready);
  }
})();
