// vanban search: reads the split index written with the site (tim-kiem/meta.json,
// tim-kiem/t/<key>.json postings, tim-kiem/d/<n>.json records) and answers in the
// browser, without a server. Nothing is fetched from other sites.
(function () {
  "use strict";
  var F = window.vanbanFold;
  var script = document.currentScript;
  var root = script.getAttribute("data-root");
  var base = script.getAttribute("data-base");
  var form = document.getElementById("tim-kiem-form");
  var input = document.getElementById("q");
  var list = document.getElementById("ket-qua");
  var status = document.getElementById("trang-thai");
  var more = document.getElementById("xem-them");
  var filters = { type: document.getElementById("loc-loai"), issuer: document.getElementById("loc-co-quan"), year: document.getElementById("loc-nam") };
  var cache = {};
  var meta = null;
  var state = null;
  var generation = 0;
  window.vanbanSearch = { bytes: 0, files: 0 };

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) {
        if (!r.ok) { return null; }
        return r.text().then(function (t) {
          window.vanbanSearch.bytes += t.length;
          window.vanbanSearch.files += 1;
          return JSON.parse(t);
        });
      }).catch(function () { return null; });
    }
    return cache[path];
  }
  function decode(s) {
    var out = [], acc = 0;
    if (!s) { return out; }
    s.split(",").forEach(function (p, k) {
      var v = parseInt(p, 36);
      acc = k === 0 ? v : acc + v;
      out.push(acc);
    });
    return out;
  }
  function intersect(a, b) {
    var set = new Set(b);
    return a.filter(function (x) { return set.has(x); });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  // The title with the query's words marked, built from text nodes only.
  function highlight(text, toks) {
    var p = el("p", "", "item-title");
    var chars = Array.from(text.normalize("NFC"));
    var folded = chars.map(function (c) { var f = F.fold(c); return f.length === 1 ? f : (f.length ? f[0] : " "); }).join("");
    var marks = new Array(chars.length).fill(false);
    toks.forEach(function (t) {
      if (t.length < 2) { return; }
      var at = folded.indexOf(t);
      while (at >= 0) {
        for (var i = at; i < at + t.length; i++) { marks[i] = true; }
        at = folded.indexOf(t, at + t.length);
      }
    });
    var i = 0;
    while (i < chars.length) {
      var j = i;
      while (j < chars.length && marks[j] === marks[i]) { j++; }
      var piece = chars.slice(i, j).join("");
      p.appendChild(marks[i] ? el("mark", piece) : document.createTextNode(piece));
      i = j;
    }
    return p;
  }
  function show(rec, toks) {
    var li = el("li", "", "item");
    var head = el("p", "", "item-head");
    var a = el("a", "");
    a.href = base + rec[6];
    a.appendChild(el("span", (meta.types[rec[1]] || "Văn bản") + " số " + rec[0], "number"));
    head.appendChild(a);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", rec[4] ? "ngày " + rec[4] : "chưa rõ ngày", rec[4] ? "date" : "date unknown"));
    if (!rec[7]) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "chưa có toàn văn", "badge"));
    }
    li.appendChild(head);
    if (rec[2]) { li.appendChild(highlight(rec[2], toks)); }
    var names = rec[3].map(function (i) { return meta.issuers[i]; }).filter(Boolean);
    if (names.length) { li.appendChild(el("p", names.join(", "), "item-meta")); }
    list.appendChild(li);
  }
  function passes(rec) {
    var t = filters.type && filters.type.value, s = filters.issuer && filters.issuer.value, y = filters.year && filters.year.value;
    if (t !== "" && t !== undefined && String(rec[1]) !== t) { return false; }
    if (s !== "" && s !== undefined && rec[3].indexOf(Number(s)) < 0) { return false; }
    if (y !== "" && y !== undefined && String(rec[5]) !== y) { return false; }
    return true;
  }
  // Shows the next results: loads record shards until ten pass the filters.
  function page() {
    var mine = generation;
    var shown = 0, shards = 0;
    function step() {
      if (mine !== generation) { return Promise.resolve(); }
      if (shown >= 10 || state.pos >= state.order.length || shards >= 20) { return Promise.resolve(); }
      var id = state.order[state.pos];
      var shard = Math.floor(id / meta.shard);
      if (!cache["d/" + shard + ".json"]) { shards++; }
      return get("d/" + shard + ".json").then(function (recs) {
        if (mine !== generation) { return; }
        state.pos++;
        var rec = recs && recs[id % meta.shard];
        if (rec && passes(rec)) { show(rec, state.toks); shown++; state.shown++; }
        return step();
      });
    }
    return step().then(function () {
      if (mine !== generation) { return; }
      more.hidden = state.pos >= state.order.length;
      var n = state.order.length;
      var msg = state.shown ? "Tìm thấy " + n + " văn bản" + (state.partial ? " (chỉ xét các văn bản mới nhất vì từ khóa rất phổ biến; thêm từ khóa để thu hẹp)" : "") + "." : "Không tìm thấy văn bản nào.";
      status.textContent = msg;
    });
  }
  function run(query) {
    generation++;
    var mine = generation;
    list.textContent = "";
    more.hidden = true;
    var q = F.fold(query);
    var toks = F.tokens(q);
    if (!toks.length) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Đang tìm…";
    var whole = F.compact(query);
    var keys = toks.map(function (t, k) { return { token: t, last: k === toks.length - 1 }; });
    var numberLike = whole.length > 3 && /[0-9]/.test(whole) && /[a-z]/.test(whole);
    var wanted = keys.map(function (k) { return F.bucket(k.token); });
    if (numberLike) { wanted.push(F.bucket(whole)); }
    return Promise.all(wanted.map(function (b) { return get("t/" + b + ".json"); })).then(function (buckets) {
      if (mine !== generation) { return; }
      var sets = keys.map(function (k, i) {
        var b = buckets[i], ids = [], common = false, seq = [];
        if (b) {
          Object.keys(b.t).forEach(function (t) {
            var hit = t === k.token || (k.last && k.token.length >= 3 && t.indexOf(k.token) === 0);
            if (hit) {
              ids = ids.concat(decode(b.t[t]));
              if (b.c && b.c[t] !== undefined) { common = true; }
            }
            // A number's own compact form (127kltw) ranks that document first.
            if (/^[0-9]+$/.test(k.token) && t.indexOf(k.token) === 0 && /^[a-z]/.test(t.slice(k.token.length))) {
              seq = seq.concat(decode(b.t[t]));
            }
          });
        }
        ids = Array.from(new Set(ids)).sort(function (x, y) { return x - y; });
        return { ids: ids, common: common, seq: seq };
      });
      var rare = sets.filter(function (s) { return !s.common; });
      var use = rare.length ? rare : sets;
      var result = use[0].ids;
      use.slice(1).forEach(function (s) { result = intersect(result, s.ids); });
      var exact = [];
      if (numberLike) {
        var wb = buckets[buckets.length - 1];
        if (wb && wb.t[whole]) { exact = decode(wb.t[whole]); }
      }
      var seq = [];
      sets.forEach(function (s) { seq = seq.concat(s.seq); });
      var inResult = new Set(result);
      var order = [], seen = new Set();
      [exact, seq.sort(function (x, y) { return x - y; }), result].forEach(function (group) {
        group.forEach(function (id) {
          if (inResult.has(id) && !seen.has(id)) { seen.add(id); order.push(id); }
        });
      });
      state = { order: order, pos: 0, shown: 0, toks: toks, partial: rare.length === 0 && sets.some(function (s) { return s.common; }) };
      return page();
    });
  }
  function start() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    ["type", "issuer", "year"].forEach(function (k) {
      var sel = filters[k];
      var key = { type: "loai", issuer: "co-quan", year: "nam" }[k];
      var items = k === "type" ? meta.types : (k === "issuer" ? meta.issuers : meta.years);
      items.forEach(function (name, i) {
        var o = el("option", String(name));
        o.value = k === "year" ? String(name) : String(i);
        sel.appendChild(o);
      });
      if (params.get(key) !== null) { sel.value = params.get(key); }
      sel.addEventListener("change", function () { run(input.value); });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      run(input.value);
    });
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    });
    more.addEventListener("click", function () { page(); });
    document.getElementById("tim-kiem-js").hidden = false;
    return run(input.value);
  }
  get("meta.json").then(function (m) {
    if (!m) { status.textContent = "Không tải được chỉ mục tìm kiếm."; return; }
    meta = m;
    return start();
  });
})();
