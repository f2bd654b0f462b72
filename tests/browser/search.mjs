// The search page on the search fixture (tests/search/content), in Chromium:
// a type, number and year rank the document first, compact numbers find it,
// snippets mark the matched words, facets filter with counts and are buttons,
// no match gives advice, and nothing overflows at 320 px. Usage:
//   node search.mjs <site URL ending in /> <screenshot folder>
// Prints one line per check and "N passed, M failed" last; exits 1 on failure.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [site, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await (await browser.newContext({ locale: "vi-VN" })).newPage();
const done = () => page.waitForFunction(() => {
  const s = document.getElementById("trang-thai");
  return s && /Tìm thấy|Không tìm thấy/.test(s.textContent);
}, null, { timeout: 30000 });
async function search(q) {
  await page.goto(site + "tim-kiem/?q=" + encodeURIComponent(q));
  await done();
  return page.$$eval("#ket-qua .item-head a", (as) => as.map((a) => new URL(a.href).pathname));
}
const base = new URL(site).pathname.replace(/\/$/, "");

// 1. The document itself first; a marked word in a snippet.
for (const [q, want] of [
  ["chỉ thị 35 năm 2024", "/van-ban/35-ct-tw-2024/"],
  ["nq 57", "/van-ban/57-nq-tw-2024/"],
  ["NQ57", "/van-ban/57-nq-tw-2024/"],
  ["57-nqtw", "/van-ban/57-nq-tw-2024/"],
  ["ngày 14/6/2024", "/van-ban/35-ct-tw-2024/"],
]) {
  const urls = await search(q);
  check(`"${q}" ranks ${want} first`, urls[0] === base + want, JSON.stringify(urls));
  const marks = await page.$$eval("#ket-qua .item-snippet mark", (ms) => ms.map((m) => m.textContent));
  if (!q.startsWith("ngày")) {
    check(`"${q}" marks a matched word in a snippet`, marks.length > 0, JSON.stringify(marks));
  }
}
const kb = await page.evaluate(() => window.vanbanSearch.bytes);
console.log(`last query downloaded ${kb} bytes`);

// 2. Facets: buttons with counts; a year filters (by keyboard too).
await search("chi thi 35");
const facets = await page.$$eval("#bo-loc button", (bs) => bs.map((b) => b.textContent));
check("facets list type, issuer and year with counts", ["Chỉ thị", "Bộ Chính trị", "2019"].every(
  (w) => facets.some((f) => f.startsWith(w) && /\([0-9]+\)$/.test(f))), JSON.stringify(facets));
const year = page.locator('#bo-loc button[data-facet="year:2019"]');
await year.focus();
await page.keyboard.press("Enter");
await page.waitForFunction(() => /đang lọc/.test(document.getElementById("trang-thai").textContent));
const filtered = await page.$$eval("#ket-qua .item-head a", (as) => as.map((a) => new URL(a.href).pathname));
check("the year facet filters, from the keyboard", filtered.length === 1 && filtered[0] === base + "/van-ban/35-ct-tw-2019/",
  JSON.stringify(filtered));
check("the pressed facet says so", await page.getAttribute('#bo-loc button[data-facet="year:2019"]', "aria-pressed") === "true");
check("the filter is in the address", new URL(page.url()).searchParams.get("nam") === "2019", page.url());

// 3. No match: advice, with links to the lists.
await search("chỉ thị khongcogiday");
const advice = await page.isVisible("#goi-y");
const links = await page.$$eval("#goi-y a", (as) => as.map((a) => a.getAttribute("href")));
const status = await page.textContent("#trang-thai");
check("no match says so and gives advice", advice && /Không tìm thấy/.test(status), status);
check("the advice links to the lists by type, issuer and year",
  ["loai/", "co-quan/", "nam/"].every((l) => links.some((h) => h.endsWith(l))) && links.some((h) => h.includes("chi%20thi")),
  JSON.stringify(links));

// 4. Phones: 320 px, nothing wider than the screen, 44 px facets.
await page.setViewportSize({ width: 320, height: 700 });
await search("chi thi 35");
const wide = await page.evaluate(() => document.documentElement.scrollWidth);
check("nothing overflows at 320 px", wide <= 320, `${wide}px`);
const small = await page.$$eval("#bo-loc button", (bs) => bs.filter((b) => b.getBoundingClientRect().height < 44).length);
check("facet buttons are 44 px tall on phones", small === 0, `${small} smaller`);
await page.screenshot({ path: path.join(shots, "search-320.png"), fullPage: true });

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
