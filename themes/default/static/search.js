// vanban search: loads the index built with the site and filters it in the
// browser. Folding matches vanban's Rust fold: tone marks removed, đ -> d.
(function () {
  "use strict";
  var script = document.currentScript;
  var indexUrl = script.getAttribute("data-index");
  var input = document.getElementById("q");
  var list = document.getElementById("ket-qua");
  var status = document.getElementById("trang-thai");
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function run(entries, query) {
    list.textContent = "";
    var q = fold(query).trim();
    if (!q) { status.textContent = ""; return; }
    var words = q.split(/\s+/);
    var compact = q.replace(/\s+/g, "");
    var hits = [];
    entries.forEach(function (e) {
      if (!words.every(function (w) { return e.k.indexOf(w) >= 0; })) { return; }
      var n = fold(e.n);
      var score = n === compact ? 0 : (n.split(/[-\/]/)[0] === compact || words.indexOf(n.split(/[-\/]/)[0]) >= 0 ? 1 : 2);
      hits.push([score, e]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (b[1].d || "").localeCompare(a[1].d || ""); });
    status.textContent = hits.length ? "Tìm thấy " + hits.length + " văn bản." : "Không tìm thấy văn bản nào.";
    hits.slice(0, 100).forEach(function (h) {
      var e = h[1];
      var li = el("li", "", "item");
      var head = el("p", "", "item-head");
      var a = el("a", e.t + " số " + e.n);
      a.href = e.u;
      head.appendChild(a);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", e.d ? "ngày " + e.d : "chưa rõ ngày", "date"));
      li.appendChild(head);
      if (e.ti) { li.appendChild(el("p", e.ti, "item-title")); }
      if (e.i) { li.appendChild(el("p", e.i, "item-meta")); }
      list.appendChild(li);
    });
  }
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  status.textContent = "Đang tải chỉ mục…";
  fetch(indexUrl).then(function (r) { return r.json(); }).then(function (entries) {
    status.textContent = "";
    run(entries, input.value);
    input.addEventListener("input", function () { run(entries, input.value); });
  }).catch(function () {
    status.textContent = "Không tải được chỉ mục tìm kiếm.";
  });
})();
