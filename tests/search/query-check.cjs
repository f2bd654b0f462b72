// Reads the shared table of queries (query-cases.json) with the browser's
// reading (themes/default/static/fold.js, `parse`), as `search::parse` does.
const path = require("path");
const F = require(path.join(__dirname, "../../themes/default/static/fold.js"));
const table = require("./query-cases.json");
let bad = 0;
for (const c of table.cases) {
  const q = F.parse(c.q, table.vocabulary);
  const got = { q: c.q, words: q.words, prefix: q.prefix, number: q.number,
    types: q.types.map((i) => table.types[i]), year: q.year, date: q.date };
  if (JSON.stringify(got) !== JSON.stringify(c)) {
    console.log(`parse(${JSON.stringify(c.q)}) = ${JSON.stringify(got)}, want ${JSON.stringify(c)}`);
    bad++;
  }
}
console.log(`${table.cases.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
