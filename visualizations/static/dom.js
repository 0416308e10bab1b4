/* What the site's drawing scripts share: elements whose text is set with textContent (never as
   HTML), and links made only to the site's own hashed page paths. */
var kgDom = (function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var PAGE = /^[a-z]+\/[0-9a-f]{12}\.html(#q-[0-9a-f]{10})?$/;  // the only links a page makes

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(url, text) {
    if (!url || !PAGE.test(url)) return el("span", text);
    var a = el("a", text); a.href = root + url; return a;
  }
  return { el: el, link: link, root: root, PAGE: PAGE };
})();
