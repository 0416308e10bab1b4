/* Draws a year's events and deadlines with vis-timeline from the page's JSON block. vis-timeline
   would parse a string as HTML, so every item, row label and cluster gets a DOM element whose
   text is set with textContent; links are only the site's own hashed page paths. */
(function () {
  "use strict";
  var block = document.getElementById("timeline-data");
  var box = document.getElementById("timeline");
  if (!block || !box || typeof vis === "undefined" || !vis.Timeline || typeof kgDom === "undefined") { window.kgReady = true; return; }
  var data = JSON.parse(block.textContent);
  var el = kgDom.el, link = kgDom.link;
  function short(text, n) { return text.length <= n ? text : text.slice(0, n - 1) + "…"; }

  // Items that would crowd a row (more than CROWD within BUCKET pixels of one kind) are drawn as
  // one numbered bar; clicking it zooms in until they stand apart. Recomputed when the zoom
  // changes, so a year of thousands of items stays readable. (vis-timeline's own `cluster`
  // option draws no cluster in 8.5.4 when items are grouped.)
  var CROWD = 3, BUCKET = 80, DAY = 24 * 3600 * 1000;
  var starts = data.items.map(function (m) { return Date.parse(m.start); });
  var items = new vis.DataSet();
  var groups = new vis.DataSet(data.groups.map(function (g, i) { return { id: i, order: i }; }));
  var year = data.items.length ? data.items[0].start.slice(0, 4) : "2000";
  var whole = { start: year + "-01-01", end: (parseInt(year, 10) + 1) + "-01-01" };
  var width = 0;

  function one(m) {
    var item = { id: m.id, start: m.start, group: m.group, type: m.end ? "range" : "point", className: m.what };
    if (m.end) item.end = Date.parse(m.end) + DAY;
    return item;
  }
  function regroup(start, end) {
    var span = Math.max(DAY, Math.round((end - start) / Math.max(box.clientWidth, 200) * BUCKET));
    if (span === width) return;
    width = span;
    var buckets = {}, keys = [];
    data.items.forEach(function (m, i) {
      var k = m.group + ":" + Math.floor(starts[i] / span);
      if (!buckets[k]) { buckets[k] = []; keys.push(k); }
      buckets[k].push(m);
    });
    var list = [];
    keys.forEach(function (k) {
      var b = buckets[k];
      if (b.length <= CROWD) { b.forEach(function (m) { list.push(one(m)); }); return; }
      var from = Math.floor(starts[b[0].id] / span) * span;
      list.push({ id: "c" + k, start: from, end: from + span, group: b[0].group, type: "range", className: "crowd", count: b.length,
                  members: b.map(function (m) { return m.id; }) });
    });
    items.clear();
    items.add(list);
  }

  var t0 = performance.now();
  regroup(Date.parse(whole.start), Date.parse(whole.end));
  var options = {
    stack: true, showCurrentTime: false, orientation: "top", zoomKey: "", zoomMin: 3 * DAY,
    start: whole.start, end: whole.end, groupOrder: "order", margin: { item: { horizontal: 2, vertical: 3 } },
    dataAttributes: ["id"],  // data-id on each drawn item: the tests count and click them
    onInitialDrawComplete: function () { window.kgFirstDraw = performance.now() - t0; window.kgReady = true; },
    template: function (item) {
      if (item.count) return el("span", item.count + " ›", "count");
      return el("span", short(data.items[item.id].title, 14));
    },
    groupTemplate: function (g) {
      var row = data.groups[g.id], span = el("span", row[0]);
      span.appendChild(el("span", " " + row[1], "muted"));
      return span;
    }
  };
  var timeline = new vis.Timeline(box, items, groups, options);
  timeline.on("rangechanged", function (r) { regroup(r.start.valueOf(), r.end.valueOf()); });

  var panel = document.getElementById("panel");
  function clear() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function show(id) {
    var m = data.items[id];
    if (!m) return;
    clear();
    panel.appendChild(el("p", m.what + (m.kind ? " · " + m.kind : ""), "kind"));
    panel.appendChild(el("p", m.start + (m.end ? " – " + m.end : ""), "date"));
    panel.appendChild(el("h3", m.title));
    if (m.who.length) {
      var ul = el("ul", null, "who");
      m.who.forEach(function (p) {  // [name, page, role]
        var li = el("li"); li.appendChild(link(p[1], p[0])); li.appendChild(el("span", " " + p[2], "muted"));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (!m.cite) { panel.appendChild(el("p", "No source sentence recorded.", "muted")); return; }
    var c = m.cite, d = el("div", null, "cite");  // [document, page#sentence, date, quote, file:line]
    if (c[0]) d.appendChild(link(c[1], c[0]));
    if (c[2]) d.appendChild(el("span", c[2], "date"));
    d.appendChild(el("blockquote", c[3]));
    d.appendChild(el("span", c[4], "where"));
    panel.appendChild(d);
  }
  // A numbered bar lists its items (the same meeting reported in several issues never stands
  // apart however far one zooms) and zooms in on its stretch.
  function showCrowd(crowd) {
    clear();
    panel.appendChild(el("p", crowd.count + " items, " + data.groups[crowd.group][0], "kind"));
    var ol = el("ol", null, "crowd-list");
    crowd.members.forEach(function (id) {
      var m = data.items[id], li = el("li"), b = el("button", m.start + " " + short(m.title, 60), "linkish");
      b.type = "button";
      b.addEventListener("click", function () { show(id); });
      li.appendChild(b); ol.appendChild(li);
    });
    panel.appendChild(ol);
  }
  timeline.on("select", function (props) {
    var id = props.items[0];
    if (id === undefined) return;
    var crowd = items.get(id);
    if (crowd && crowd.count) { showCrowd(crowd); timeline.setWindow(crowd.start, crowd.end); } else show(id);
  });
  var button = document.getElementById("whole");
  if (button) button.addEventListener("click", function () { timeline.setWindow(whole.start, whole.end); });
  window.kgTimeline = { timeline: timeline, items: items, data: data, show: show };
})();
