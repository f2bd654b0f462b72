// vanban's Vietnamese fold, the same as `source::fold` in Rust (tested on one
// shared table, tests/search/fold-cases.json): NFC; look-alikes (Ð U+00D0,
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
  var api = { fold: fold, tokens: tokens, compact: compact, bucket: bucket };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.vanbanFold = api;
  }
})(this);
