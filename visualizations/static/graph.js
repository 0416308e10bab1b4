/* Draws the page's network from its JSON block. Every text from the documents is set with
   textContent or given to vis-network as a DOM element built that way: never as HTML. */
(function () {
  "use strict";
  var block = document.getElementById("graph-data");
  var box = document.getElementById("graph");
  if (!block || !box || typeof vis === "undefined" || typeof kgDom === "undefined") { window.kgReady = true; return; }
  var data = JSON.parse(block.textContent);
  var el = kgDom.el, link = kgDom.link, root = kgDom.root, PAGE = kgDom.PAGE;
  function tip(text) { return el("div", text, "tip"); }

  // cites: [doc index or -1, quote, file index, line, line end, anchor]; docs: [number, title, date, url]
  function cite(i) {
    var c = data.cites[i], d = c[0] >= 0 ? data.docs[c[0]] : ["", "", "", ""];
    return { doc: (d[0] + " " + d[1]).trim(), date: d[2], url: d[3] ? d[3] + "#" + c[5] : "", quote: c[1],
             where: data.files[c[2]] + ":" + c[3] + (c[4] !== c[3] ? "–" + c[4] : "") };
  }
  var KIND = data.styles.kinds, ROLE = data.styles.roles, OTHER = ["#b5b5b5", false, 1, ""];
  function role(e) { return ROLE[e.type] || OTHER; }
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var k = KIND[n.kind] || ["dot", "#c7c7c7"];
    return Object.assign({}, n, { shape: k[0], color: k[1], title: tip(n.kind + ": " + n.name) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var r = role(e), first = e.cites.length ? " — " + data.cites[e.cites[0]][1] : "";
    return Object.assign({}, e, { color: r[0], dashes: r[1], width: e.width || r[2], role: r[3],
                                  arrows: e.type === "SHARES_TASKS" ? "" : "to",
                                  title: tip(r[3] + (e.month ? " · " + e.month : "") + first) });
  }));

  var centred = data.maxDepth > 0;
  // Months are counted from year 0 (2022-04 is 2022 * 12 + 3); a fact dated by its year alone
  // spans its twelve months, so it stays in any range that meets that year.
  function monthSpan(m) {
    var y = parseInt(m.slice(0, 4), 10), mo = m.length >= 7 ? parseInt(m.slice(5, 7), 10) - 1 : -1;
    return mo >= 0 ? [y * 12 + mo, y * 12 + mo] : [y * 12, y * 12 + 11];
  }
  function monthName(v) { var mo = v % 12 + 1; return Math.floor(v / 12) + "-" + (mo < 10 ? "0" : "") + mo; }
  var first = data.months.length ? monthSpan(data.months[0])[0] : 0;
  var last = data.months.length ? monthSpan(data.months[data.months.length - 1])[1] : 0;
  var state = { depth: data.depth, from: first, to: last, undated: true, kinds: {}, roles: {} };
  function inDates(e) {
    if (!e.month) return state.undated;
    var s = monthSpan(e.month);
    return s[0] <= state.to && s[1] >= state.from;
  }
  data.nodes.forEach(function (n) { state.kinds[n.kind] = true; });
  data.edges.forEach(function (e) { state.roles[e.type] = true; });
  var shownNodes = {}, shownEdges = {};

  function compute() {
    shownNodes = {}; shownEdges = {};
    var nodeOk = function (n) { return state.kinds[n.kind] && (!centred || n.depth <= state.depth); };
    data.edges.forEach(function (e) {
      var a = byId[e.from], b = byId[e.to];
      if (state.roles[e.type] && inDates(e) && nodeOk(a) && nodeOk(b)) {
        shownEdges[e.id] = true; shownNodes[a.id] = true; shownNodes[b.id] = true;
      }
    });
    var filtering = state.from > first || state.to < last || !state.undated || Object.keys(state.roles).some(function (r) { return !state.roles[r]; });
    data.nodes.forEach(function (n) {
      if ((centred && n.depth === 0) || (!filtering && nodeOk(n))) shownNodes[n.id] = true;
    });
  }
  compute();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!shownNodes[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !!shownEdges[e.id]; } });

  var options = {
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 500 },
    edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.5 } }, selectionWidth: 2 },
    nodes: { font: { size: 12, face: "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" } },
    physics: data.physics ? { stabilization: { iterations: 150, fit: true }, barnesHut: { gravitationalConstant: -6000, springLength: 160, avoidOverlap: 0.6 } } : false
  };
  var t0 = performance.now();
  var network = new vis.Network(box, { nodes: nodeView, edges: edgeView }, options);
  network.once("afterDrawing", function () {
    window.kgFirstDraw = performance.now() - t0;
    if (!data.physics) window.kgReady = true;
  });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      window.kgReady = true;
    });
  }

  var panel = document.getElementById("panel");
  function clear() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function showEdge(e) {
    clear();
    var a = byId[e.from], b = byId[e.to];
    panel.appendChild(el("h3", e.role, "role"));
    var p = el("p"); p.appendChild(link(a.url, a.name)); p.appendChild(el("span", " → ")); p.appendChild(link(b.url, b.name));
    panel.appendChild(p);
    if (e.detail) panel.appendChild(el("p", e.detail, "muted"));
    if (!e.cites.length) panel.appendChild(el("p", "No source sentence recorded.", "muted"));
    e.cites.forEach(function (i) {
      var c = cite(i), d = el("div", null, "cite");
      if (c.doc) d.appendChild(link(c.url, c.doc));
      if (c.date) d.appendChild(el("span", c.date, "date"));
      d.appendChild(el("blockquote", c.quote));
      d.appendChild(el("span", c.where, "where"));
      panel.appendChild(d);
    });
  }
  function showNode(n) {
    clear();
    panel.appendChild(el("p", n.kind, "kind"));
    panel.appendChild(el("h3", n.name));
    if (n.url) { var p = el("p"); p.appendChild(link(n.url, "open its page →")); panel.appendChild(p); }
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(byId[params.nodes[0]]);
    else if (params.edges.length) showEdge(edges.get(params.edges[0]));
  });
  network.on("doubleClick", function (params) {
    var n = params.nodes.length && byId[params.nodes[0]];
    if (n && n.url && PAGE.test(n.url)) window.location.href = root + n.url;
  });

  var counter = document.getElementById("shown-count");
  function refresh() {
    compute(); nodeView.refresh(); edgeView.refresh();
    if (counter) counter.textContent = nodeView.length + " nodes, " + edgeView.length + " lines shown";
    var d = document.getElementById("depth-now"); if (d) d.textContent = String(state.depth);
  }
  function on(id, ev, fn) { var x = document.getElementById(id); if (x) x.addEventListener(ev, fn); }
  on("widen", "click", function () { if (state.depth < data.maxDepth) { state.depth++; refresh(); network.fit(); } });
  on("narrow", "click", function () { if (state.depth > 1) { state.depth--; refresh(); network.fit(); } });
  var from = document.getElementById("date-from"), to = document.getElementById("date-to");
  function dates(moved) {
    state.from = parseInt(from.value, 10); state.to = parseInt(to.value, 10);
    if (state.from > state.to) {  // the handles never cross: the other one follows
      if (moved === from) { state.to = state.from; to.value = String(state.to); } else { state.from = state.to; from.value = String(state.from); }
    }
    document.getElementById("date-from-v").textContent = monthName(state.from);
    document.getElementById("date-to-v").textContent = monthName(state.to);
    refresh();
  }
  if (from && to) {
    [from, to].forEach(function (x) {
      x.min = String(first); x.max = String(last);
      x.addEventListener("input", function () { dates(x); });
    });
    from.value = String(first); to.value = String(last);
  }
  on("undated", "change", function (ev) { state.undated = ev.target.checked; refresh(); });
  Array.prototype.forEach.call(document.querySelectorAll("input.f-kind"), function (box) {
    box.addEventListener("change", function () { state.kinds[box.value] = box.checked; refresh(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.f-role"), function (box) {
    box.addEventListener("change", function () { state.roles[box.value] = box.checked; refresh(); });
  });
  refresh();
  window.kgGraph = { network: network, nodes: nodeView, edges: edgeView, data: data, showEdge: showEdge };
})();
