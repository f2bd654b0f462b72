// Runs the browser fold (themes/default/static/fold.js) on the shared table.
const path = require("path");
const fold = require(path.join(__dirname, "../../themes/default/static/fold.js"));
const table = require("./fold-cases.json");
let bad = 0;
for (const [input, want] of table) {
  const got = fold.fold(input);
  if (got !== want) {
    console.log(`fold(${JSON.stringify(input)}) = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    bad++;
  }
}
console.log(`${table.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
