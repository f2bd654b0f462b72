// vanban search: reads the split index written with the site (tim-kiem/meta.json,
// tim-kiem/t/<key>.json postings, tim-kiem/d/<n>.json records) and answers in the
// browser, without a server. Nothing is fetched from other sites. The query is
// read by vanbanFold.parse and ranked as `search::query_cost` ranks in Rust:
// the document that is the number and type asked for first, then those of the
// date, of the year, then the newest. Text from the index is only ever set as
// textContent.
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
  var facetBox = document.getElementById("bo-loc");
  var advice = document.getElementById("goi-y");
  var adviceLinks = document.getElementById("goi-y-tim");
  var cache = {};
  var meta = null;
  var state = null;
  var generation = 0;
  var filter = { type: null, issuer: null, year: null };
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
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function yearRange(y) {
    var r = meta.years.filter(function (x) { return x[0] === y; })[0];
    return r ? [r[1], r[2]] : [0, 0];
  }
  function yearOf(id) {
    var r = meta.years.filter(function (x) { return id >= x[1] && id < x[2]; })[0];
    return r ? r[0] : 0;
  }
  // The documents containing `token` (or, with `prefix`, a word it begins).
  function postings(b, token, prefix) {
    var ids = [], common = false;
    if (b && b.t) {
      Object.keys(b.t).forEach(function (t) {
        if (t === token || (prefix && t.indexOf(token) === 0)) {
          ids = ids.concat(decode(b.t[t]));
          if (b.c && b.c[t] !== undefined) { common = true; }
        }
      });
    }
    return { ids: new Set(ids), common: common };
  }
  // The ranked results of a parsed query, from its buckets (as query_cost).
  function rank(q, keys, buckets) {
    var sets = q.words.map(function (w, k) { return postings(buckets[k], w, q.prefix && k === q.words.length - 1); });
    var exact = new Set();
    keys.forEach(function (key, k) { postings(buckets[q.words.length + k], key, false).ids.forEach(function (id) { exact.add(id); }); });
    var dated = q.date ? postings(buckets[buckets.length - 1], q.date, false).ids : null;
    var year = q.year !== null ? yearRange(q.year) : null;
    var found = [];
    if (sets.length) {
      var rare = sets.filter(function (s) { return !s.common; });
      var use = rare.length ? rare : sets;
      use[0].ids.forEach(function (id) {
        if (use.every(function (s) { return s.ids.has(id); })) { found.push(id); }
      });
      var have = new Set(found);
      exact.forEach(function (id) { if (!have.has(id)) { found.push(id); } });
    } else if (dated) {
      found = Array.from(dated);
    } else if (year) {
      for (var id = year[0]; id < year[1]; id++) { found.push(id); }
    }
    function key(id) {
      return [exact.has(id) ? 0 : 1, dated && !dated.has(id) ? 1 : 0, year && !(id >= year[0] && id < year[1]) ? 1 : 0, id];
    }
    found.sort(function (a, b) {
      var x = key(a), y = key(b);
      for (var i = 0; i < 4; i++) { if (x[i] !== y[i]) { return x[i] - y[i]; } }
      return 0;
    });
    return { order: found, partial: rare !== undefined && rare.length === 0 && sets.some(function (s) { return s.common; }) };
  }
  // `text` with the query's words marked, built from text nodes only: a word
  // is marked where a word of the text begins with it and, unless it is the
  // word being typed, ends with it.
  function highlight(tag, cls, text, q) {
    var p = el(tag, "", cls);
    var chars = Array.from(text.normalize("NFC"));
    var folded = chars.map(function (c) { var f = F.fold(c); return f.length === 1 ? f : (f.length ? f[0] : " "); }).join("");
    var marks = new Array(chars.length).fill(false);
    var alnum = /[a-z0-9]/;
    q.words.forEach(function (t, k) {
      var open = q.prefix && k === q.words.length - 1;
      for (var at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
        var end = at + t.length;
        if ((at > 0 && alnum.test(folded[at - 1])) || (!open && end < folded.length && alnum.test(folded[end]))) { continue; }
        for (var i = at; i < end; i++) { marks[i] = true; }
      }
    });
    for (var i = 0; i < chars.length;) {
      var j = i;
      while (j < chars.length && marks[j] === marks[i]) { j++; }
      var piece = chars.slice(i, j).join("");
      p.appendChild(marks[i] ? el("mark", piece) : document.createTextNode(piece));
      i = j;
    }
    return p;
  }
  function show(rec, q) {
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
    if (rec[2]) { li.appendChild(highlight("p", "item-title", rec[2], q)); }
    if (rec[8]) { li.appendChild(highlight("p", "item-snippet", rec[8], q)); }
    var names = rec[3].map(function (i) { return meta.issuers[i]; }).filter(Boolean);
    if (names.length) { li.appendChild(el("p", names.join(", "), "item-meta")); }
    list.appendChild(li);
  }
  function passes(rec, skip) {
    if (skip !== "type" && filter.type !== null && rec[1] !== filter.type) { return false; }
    if (skip !== "issuer" && filter.issuer !== null && rec[3].indexOf(filter.issuer) < 0) { return false; }
    return true;
  }
  // Shows the next results: loads record shards until ten pass the filters.
  function page() {
    var mine = generation;
    var shown = 0, shards = 0;
    function step() {
      if (mine !== generation) { return Promise.resolve(); }
      if (shown >= 10 || state.pos >= state.view.length || shards >= 20) { return Promise.resolve(); }
      var id = state.view[state.pos];
      var path = "d/" + Math.floor(id / meta.shard) + ".json";
      if (!cache[path]) { shards++; }
      return get(path).then(function (recs) {
        if (mine !== generation) { return; }
        state.pos++;
        var rec = recs && recs[id % meta.shard];
        if (rec) {
          state.seen.push(rec);
          if (passes(rec)) { show(rec, state.q); shown++; state.shown++; }
        }
        return step();
      });
    }
    return step().then(function () {
      if (mine !== generation) { return; }
      more.hidden = state.pos >= state.view.length;
      report();
      window.vanbanFacets.draw();
    });
  }
  function report() {
    var n = state.order.length;
    advice.hidden = n > 0;
    if (!n) {
      status.textContent = "Không tìm thấy văn bản nào. Xem gợi ý bên dưới.";
      suggest();
      return;
    }
    var msg = "Tìm thấy " + n + " văn bản";
    if (filter.type !== null || filter.issuer !== null || filter.year !== null) {
      msg += "; đang lọc, hiện " + state.shown + (state.pos < state.view.length ? " kết quả đầu" : " kết quả");
    }
    if (state.partial) { msg += " (chỉ xét các văn bản mới nhất vì từ khóa rất phổ biến; thêm từ khóa để thu hẹp)"; }
    status.textContent = msg + ".";
  }
  // Other queries to try when nothing matches: without diacritics, with
  // fewer words.
  function suggest() {
    adviceLinks.textContent = "";
    var typed = input.value.trim();
    var tries = [];
    var plain = F.tokens(F.fold(typed)).join(" ");
    if (plain && plain !== typed) { tries.push(plain); }
    var words = typed.split(/\s+/).filter(Boolean);
    if (words.length > 1) { tries.push(words.slice(0, -1).join(" ")); }
    if (words.length > 2) { tries.push(words.slice(0, 2).join(" ")); }
    tries.forEach(function (t) {
      var li = el("li", "Thử tìm: ");
      var a = el("a", t);
      a.href = "?q=" + encodeURIComponent(t);
      li.appendChild(a);
      adviceLinks.appendChild(li);
    });
  }
  // The year facet filters the ranked ids themselves (a year is a run of ids).
  function refilter() {
    generation++;
    list.textContent = "";
    var r = filter.year !== null ? yearRange(filter.year) : null;
    state.view = r ? state.order.filter(function (id) { return id >= r[0] && id < r[1]; }) : state.order;
    state.pos = 0;
    state.shown = 0;
    state.seen = [];
    return page();
  }
  function run(query) {
    generation++;
    var mine = generation;
    list.textContent = "";
    more.hidden = true;
    advice.hidden = true;
    var q = F.parse(query, meta);
    if (!q.words.length && q.year === null && q.date === null) {
      status.textContent = "";
      state = null;
      window.vanbanFacets.draw();
      return Promise.resolve();
    }
    status.textContent = "Đang tìm…";
    var keys = q.number === null ? [] : q.types.map(function (i) { return F.numberKey(q.number, meta.types[i]); });
    var wanted = q.words.concat(keys).concat(q.date ? [q.date] : []);
    return Promise.all(wanted.map(function (t) { return get("t/" + F.bucket(t) + ".json"); })).then(function (buckets) {
      if (mine !== generation) { return; }
      var r = rank(q, keys, buckets);
      state = { q: q, order: r.order, partial: r.partial, view: r.order, pos: 0, shown: 0, seen: [] };
      return refilter();
    });
  }
  function start() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var num = function (k) { var v = params.get(k); return v === null || v === "" || isNaN(Number(v)) ? null : Number(v); };
    filter.type = num("loai");
    filter.issuer = num("co-quan");
    filter.year = num("nam");
    window.vanbanFacets = facets();
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
    facetBox.hidden = false;
    return run(input.value);
  }
  // The facets: type, issuer and year, with counts, as toggle buttons. Year
  // counts are of the whole result set (a year is a run of ids); type and
  // issuer counts are of the results looked at so far.
  function facets() {
    function counts(group) {
      var c = new Map();
      if (group === "year") {
        state.order.forEach(function (id) { var y = yearOf(id); if (y) { c.set(y, (c.get(y) || 0) + 1); } });
        return c;
      }
      state.seen.forEach(function (rec) {
        if (!passes(rec, group)) { return; }
        (group === "type" ? [rec[1]] : rec[3]).forEach(function (v) { c.set(v, (c.get(v) || 0) + 1); });
      });
      return c;
    }
    function label(group, v) {
      return group === "type" ? meta.types[v] : group === "issuer" ? meta.issuers[v] : String(v);
    }
    function toggle(group, v) {
      filter[group] = filter[group] === v ? null : v;
      var url = new URL(window.location.href);
      var name = { type: "loai", issuer: "co-quan", year: "nam" }[group];
      if (filter[group] === null) { url.searchParams.delete(name); } else { url.searchParams.set(name, String(v)); }
      history.replaceState(null, "", url);
      refilter();
    }
    function draw() {
      var focus = document.activeElement && document.activeElement.getAttribute("data-facet");
      facetBox.textContent = "";
      if (!state || !state.order.length) { return; }
      [["type", "Loại văn bản"], ["issuer", "Cơ quan ban hành"], ["year", "Năm ban hành"]].forEach(function (g) {
        var c = counts(g[0]);
        var values = Array.from(c.keys());
        if (filter[g[0]] !== null && !c.has(filter[g[0]])) { values.push(filter[g[0]]); }
        if (!values.length) { return; }
        values.sort(function (a, b) { return g[0] === "year" ? b - a : (c.get(b) || 0) - (c.get(a) || 0) || a - b; });
        var box = el("div", "", "sf-group");
        box.setAttribute("role", "group");
        var head = el("p", g[1], "sf-name");
        head.id = "loc-" + g[0];
        box.setAttribute("aria-labelledby", head.id);
        box.appendChild(head);
        values.slice(0, 12).forEach(function (v) {
          var b = el("button", "", "sf-value");
          b.type = "button";
          b.setAttribute("aria-pressed", String(filter[g[0]] === v));
          b.setAttribute("data-facet", g[0] + ":" + v);
          b.appendChild(document.createTextNode(label(g[0], v) + " "));
          b.appendChild(el("span", "(" + (c.get(v) || 0) + ")", "count"));
          b.addEventListener("click", function () { toggle(g[0], v); });
          box.appendChild(b);
        });
        facetBox.appendChild(box);
      });
      if (state.pos < state.view.length) {
        facetBox.appendChild(el("p", "Số theo loại và cơ quan tính trên " + state.seen.length + " kết quả đầu; số theo năm tính trên toàn bộ.", "sf-note"));
      }
      var again = focus && facetBox.querySelector('[data-facet="' + focus + '"]');
      if (again) { again.focus(); }
    }
    return { draw: draw };
  }
  get("meta.json").then(function (m) {
    if (!m) { status.textContent = "Không tải được chỉ mục tìm kiếm."; return; }
    meta = m;
    return start();
  });
})();
