/* The index's search: substring match over every spelling of every entity (name, short
   name, aliases, document number, title). Results are built with textContent. */
(function () {
  "use strict";
  var block = document.getElementById("search-data");
  var input = document.getElementById("q");
  if (!block || !input) return;
  var data = JSON.parse(block.textContent);
  var entries = data.entries;  // [name, kind, url, [spellings]]
  var fold = data.fold;  // traditional → simplified, for the characters the spellings use
  var list = document.getElementById("results"), hits = document.getElementById("hits");
  var PAGE = /^[a-z]+\/[0-9a-f]{12}\.html$/;
  function norm(s) {
    return Array.from(String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""))
      .map(function (ch) { return Object.prototype.hasOwnProperty.call(fold, ch) ? fold[ch] : ch; }).join("");
  }
  var keys = entries.map(function (e) { return e[3].map(norm); });
  function run() {
    var q = norm(input.value);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!q) { hits.textContent = ""; return; }
    var found = [];
    entries.forEach(function (e, i) {
      var k = keys[i], at = -1;
      for (var j = 0; j < k.length; j++) if (k[j].indexOf(q) >= 0) { at = j; break; }
      if (at >= 0) found.push([k[at] === q ? 0 : at === 0 ? 1 : 2, e, e[3][at]]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1][0].length - b[1][0].length; });
    hits.textContent = found.length + (found.length === 1 ? " match" : " matches");
    found.slice(0, 100).forEach(function (f) {
      var e = f[1], li = document.createElement("li"), a = document.createElement("a");
      a.textContent = e[0];
      if (PAGE.test(e[2])) a.href = e[2];
      li.appendChild(a);
      var k = document.createElement("span"); k.className = "muted"; k.textContent = " " + e[1];
      li.appendChild(k);
      if (f[2] !== e[0]) { var s = document.createElement("span"); s.className = "as"; s.textContent = " written " + f[2]; li.appendChild(s); }
      list.appendChild(li);
    });
  }
  input.addEventListener("input", run);
  run();
})();
