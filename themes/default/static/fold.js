// vanban's Vietnamese fold, the same as `source::fold` in Rust (tested on one
// shared table, tests/search/fold-cases.json), and the reading of a query,
// the same as `search::parse` (tests/search/query-cases.json): NFC; look-alikes (Ð U+00D0,
// Ɖ U+0189 -> Đ, ð -> đ); dashes -> "-", slashes -> "/"; odd spaces -> space;
// invisible characters dropped; white space folded; then tone and vowel marks
// removed, đ/Đ -> d (removing marks alone does not touch đ), lower case.
(function (root) {
  "use strict";
  function normalize(s) {
    s = s.normalize("NFC")
      .replace(/[\u00D0\u0189]/g, "\u0110")
      .replace(/\u00F0/g, "\u0111")
      .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, "-")
      .replace(/[\u2215\u2044\uFF0F]/g, "/")
      .replace(/[\u00A0\u202F\u2007\u2009]/g, " ")
      .replace(/[\u200B-\u200D\uFEFF\u00AD]/g, "");
    return s.replace(/\s+/g, " ").trim();
  }
  function fold(s) {
    return normalize(s).normalize("NFD").replace(/[\u0300-\u036F]/g, "").replace(/[\u0111\u0110]/g, "d").toLowerCase();
  }
  function tokens(folded) {
    return folded.split(/[^a-z0-9]+/).filter(function (t) { return t.length > 0 && t.length <= 30; });
  }
  function compact(s) {
    return fold(s).replace(/[^a-z0-9]/g, "");
  }
  function bucket(token) {
    return token.slice(0, 3);
  }
  // The reading of a query (see src/search/query.rs for the steps): the
  // words to find, and the number, types, year and date to rank by.
  function digits(t) { return /^[0-9]+$/.test(t); }
  function letters(t) { return /^[a-z]+$/.test(t); }
  function isYear(t) { return /^(19|20)[0-9]{2}$/.test(t); }
  function hasVowel(t) { return /[aeiouy]/.test(t); }
  function strip(n) { var s = n.replace(/^0+/, ""); return s === "" ? "0" : s; }
  function numberKey(n, type) { return n + compact(type); }
  function pad(n, w) { n = String(n); while (n.length < w) { n = "0" + n; } return n; }
  function takeDate(q) {
    var m = /(^|[^0-9])([0-9]{1,2})[\/.\-]([0-9]{1,2})[\/.\-]([0-9]{4})(?![0-9])/.exec(q);
    if (!m) { return { rest: q, date: null }; }
    var day = Number(m[2]), month = Number(m[3]), year = Number(m[4]);
    if (day < 1 || day > 31 || month < 1 || month > 12) { return { rest: q, date: null }; }
    var start = m.index + m[1].length;
    return { rest: q.slice(0, start) + " " + q.slice(m.index + m[0].length), date: [day, month, year] };
  }
  function splitGlued(raw, voc) {
    function code(t) { return voc.codes.some(function (c) { return c[0] === t; }); }
    function codePrefix(l) {
      var best = null;
      voc.codes.forEach(function (c) {
        if (c[0].length < l.length && l.indexOf(c[0]) === 0 && (best === null || c[0].length > best.length)) { best = c[0]; }
      });
      return best;
    }
    function splitCode(l, out) {
      var c = !code(l) && !hasVowel(l) ? codePrefix(l) : null;
      if (c !== null) { out.push(c, l.slice(c.length)); } else { out.push(l); }
    }
    function beside(j) { return j >= 0 && j < raw.length && digits(raw[j]); }
    var out = [];
    raw.forEach(function (t, i) {
      var m = /^([a-z]+)([0-9]+)$/.exec(t) || /^([0-9]+)([a-z]+)$/.exec(t);
      if (m) {
        var l = letters(m[1]) ? m[1] : m[2];
        if (code(l) || codePrefix(l) !== null) {
          if (letters(m[1])) { splitCode(m[1], out); out.push(m[2]); } else { out.push(m[1]); splitCode(m[2], out); }
          return;
        }
      }
      if (letters(t) && (beside(i - 1) || beside(i + 1))) { splitCode(t, out); } else { out.push(t); }
    });
    return out;
  }
  function typesNamed(toks, voc) {
    var types = [];
    voc.phrases.forEach(function (p) {
      var words = p[0].split(" ");
      for (var i = 0; i + words.length <= toks.length; i++) {
        if (words.every(function (w, k) { return toks[i + k] === w; })) { types = types.concat(p[1]); break; }
      }
    });
    toks.forEach(function (t, i) {
      var near = (i > 0 && digits(toks[i - 1])) || (i + 1 < toks.length && digits(toks[i + 1]));
      voc.codes.forEach(function (c) { if (c[0] === t && near) { types = types.concat(c[1]); } });
    });
    return Array.from(new Set(types)).sort(function (a, b) { return a - b; });
  }
  function parse(query, voc) {
    var d = takeDate(fold(query));
    var toks = splitGlued(tokens(d.rest), voc);
    var keep = toks.map(function () { return true; });
    var q = { words: [], prefix: false, number: null, types: [], year: null, date: null };
    toks.forEach(function (t, i) {
      if (isYear(t)) {
        if (q.year === null) { q.year = Number(t); }
        keep[i] = false;
        if (i > 0 && toks[i - 1] === "nam") { keep[i - 1] = false; }
      } else if (d.date && t === "ngay") {
        keep[i] = false;
      }
    });
    if (d.date) {
      if (q.year === null) { q.year = d.date[2]; }
      q.date = String(d.date[2] % 10) + pad(d.date[0], 2) + pad(d.date[1], 2) + pad(d.date[2], 4);
    }
    for (var i = 0; i < toks.length; i++) {
      if (keep[i] && digits(toks[i]) && toks[i].length <= 6) {
        q.number = strip(toks[i]);
        if (i > 0 && toks[i - 1] === "so") { keep[i - 1] = false; }
        q.types = typesNamed(toks, voc);
        break;
      }
    }
    q.words = toks.filter(function (t, k) { return keep[k]; });
    var last = toks.length - 1;
    q.prefix = last >= 0 && keep[last] && toks[last].length >= 3 && !digits(toks[last]);
    return q;
  }
  var api = { fold: fold, tokens: tokens, compact: compact, bucket: bucket, parse: parse, numberKey: numberKey };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.vanbanFold = api;
  }
})(this);
