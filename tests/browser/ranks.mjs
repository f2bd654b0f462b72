// Runs queries on a built site's search page in Chromium and prints, as
// JSON, what a reader sees for each: the count the page states and the
// result links in order. Usage:
//   node ranks.mjs <site URL ending in /> <queries.json>
// (tests/browser.rs compares it with the ranking computed in Rust.)
import { chromium } from "playwright-core";
import fs from "node:fs";

const [site, file] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(file, "utf8"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await (await browser.newContext({ locale: "vi-VN" })).newPage();
const out = {};
for (const q of queries) {
  await page.goto(site + "tim-kiem/?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => {
    const s = document.getElementById("trang-thai");
    return s && /Tìm thấy|Không tìm thấy/.test(s.textContent);
  }, null, { timeout: 30000 });
  const status = await page.textContent("#trang-thai");
  const found = /Tìm thấy ([0-9]+)/.exec(status);
  const urls = await page.$$eval("#ket-qua a", (as) => as.map((a) => new URL(a.href).pathname));
  out[q] = { count: found ? Number(found[1]) : 0, urls };
}
await browser.close();
console.log(JSON.stringify(out));
