// Browser tests of a built vanban site, in Debian's Chromium driven by
// playwright-core (no browser download). Usage:
//   node run.mjs <site URL ending in /> <site folder> <screenshot folder>
// Prints one line per check and "N passed, M failed" last; exits 1 on failure.
import { chromium } from "playwright-core";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";

const require = createRequire(import.meta.url);
const [site, folder, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ locale: "vi-VN" });
const page = await context.newPage();
const external = [];
page.on("request", (r) => { if (!r.url().startsWith(site)) { external.push(r.url()); } });

// 1. Search flows, with and without diacritics, from the URL and by typing.
async function results(query) {
  await page.goto(site + "tim-kiem/?q=" + encodeURIComponent(query));
  await page.waitForFunction(() => {
    const s = document.getElementById("trang-thai");
    return s && /Tìm thấy|Không tìm thấy/.test(s.textContent);
  }, null, { timeout: 30000 });
  return page.$$eval("#ket-qua a", (as) => as.map((a) => new URL(a.href).pathname));
}
const flows = [
  ["ket luan 127", "/van-ban/127-kl-tw-2025/", true],
  ["Kết luận 127", "/van-ban/127-kl-tw-2025/", true],
  ["127-KL/TW", "/van-ban/127-kl-tw-2025/", true],
  ["kl 127", "/van-ban/127-kl-tw-2025/", true],
  ["quyet dinh 204", "/van-ban/204-qd-tw-2024/", true],
  ["dinh", "/van-ban/204-qd-tw-2024/", false],
  ["dinh", "/van-ban/253-qd-tw-2025/", false],
  ["Phú Thọ", "/van-ban/73-cv-tu-phu-tho-2025/", false],
  ["nguoi dan va doanh nghiep", "/van-ban/73-cv-tu-phu-tho-2025/", true],
];
for (const [q, want, first] of flows) {
  const urls = await results(q);
  const base = new URL(site).pathname;
  const target = base.replace(/\/$/, "") + want;
  const ok = first ? urls[0] === target : urls.includes(target);
  check(`search "${q}" ${first ? "ranks" : "lists"} ${want}`, ok, JSON.stringify(urls));
}
const none = await results("khongcogiday");
check("search with no match says so", none.length === 0 && /Không tìm thấy/.test(await page.textContent("#trang-thai")));
await page.goto(site + "tim-kiem/");
await page.fill("#q", "Ket luan 178");
await page.waitForFunction(() => document.querySelectorAll("#ket-qua a").length > 0, null, { timeout: 30000 });
const typed = await page.$$eval("#ket-qua a", (as) => as.map((a) => a.getAttribute("href")));
check("typing in the box searches", typed.some((h) => h.endsWith("van-ban/178-kl-tw-2025/")), JSON.stringify(typed));
const marked = await page.$$eval("#ket-qua mark", (ms) => ms.map((m) => m.textContent));
check("matches are highlighted", marked.length > 0, JSON.stringify(marked));
const noJs = await browser.newContext({ javaScriptEnabled: false });
const p2 = await noJs.newPage();
await p2.goto(site + "tim-kiem/");
check("without JavaScript the search page says what to do", /tắt JavaScript/.test(await p2.textContent("main")));
await noJs.close();

// 2. Every kind of page: phone width, screenshot, axe-core.
const kinds = {
  home: "", document: "van-ban/4029-cv-tu/", report: "van-ban/73-cv-tu-phu-tho-2025/", cited: "van-ban/127-kl-tw-2025/",
  issuer: "co-quan/bo-chinh-tri/", type: "loai/ket-luan/", year: "nam/2025/", all: "van-ban/", catalog: "co-quan/",
  search: "tim-kiem/?q=ket%20luan", notfound: "404.html",
};
const axePath = require.resolve("axe-core/axe.min.js");
await page.setViewportSize({ width: 360, height: 740 });
for (const [kind, url] of Object.entries(kinds)) {
  await page.goto(site + url);
  await page.waitForLoadState("networkidle");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(`${kind}: no horizontal scroll at 360 px`, width <= 360, `scrollWidth ${width}`);
  await page.screenshot({ path: path.join(shots, `${kind}-360.png`), fullPage: true });
  await page.addScriptTag({ path: axePath });
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(`${kind}: axe-core finds no serious or critical violation`, bad.length === 0,
    JSON.stringify(bad.map((v) => [v.id, v.impact, v.nodes.length, v.nodes[0] && v.nodes[0].target])));
}

// 3. The document page has its pictures, and prints like paper.
await page.setViewportSize({ width: 1000, height: 800 });
await page.goto(site + "van-ban/127-kl-tw-2025/");
const scheme = await page.$$eval(".scheme-list a", (as) => as.map((a) => [a.textContent, new URL(a.href).pathname]));
check("the cited page of 127-KL/TW shows its relation scheme, each box a link", scheme.some(([t, u]) => /4029-CV\/TU/.test(t) && /4029-cv-tu/.test(u)), JSON.stringify(scheme));
const order = await page.evaluate(() => {
  const c = document.querySelector(".cited-by"), s = document.querySelector(".pictures");
  return [c ? Math.round(c.getBoundingClientRect().top) : -1, s ? Math.round(s.getBoundingClientRect().top) : -1, innerHeight];
});
check("its implementing documents start above the fold, before the scheme", order[0] > 0 && order[0] < order[2] && order[0] < order[1], JSON.stringify(order));
// Print: a cited page keeps its facts and implementing documents.
await page.emulateMedia({ media: "print" });
const citedPrint = await page.evaluate(() => [".meta", ".cited-by", ".print-url"].map((q) => {
  const e = document.querySelector(q);
  return e ? getComputedStyle(e).display : "missing";
}));
check("print: a cited page keeps its facts, implementing documents and address", citedPrint.every((d) => d !== "none" && d !== "missing"), JSON.stringify(citedPrint));
await page.emulateMedia({ media: "screen" });
await page.goto(site + "van-ban/4029-cv-tu/");
await page.emulateMedia({ media: "print" });
const printed = await page.evaluate(() => ({
  nav: getComputedStyle(document.querySelector(".site-header")).display,
  refs: document.querySelector(".cited-by") ? getComputedStyle(document.querySelector(".cited-by")).display : "none",
  body: getComputedStyle(document.querySelector(".body")).display,
  sign: document.querySelector(".signature") ? getComputedStyle(document.querySelector(".signature")).display : "",
}));
check("print: no navigation, the text and signature stay", printed.nav === "none" && printed.refs === "none" && printed.body !== "none" && printed.sign !== "none", JSON.stringify(printed));
await page.pdf({ path: path.join(shots, "4029-print.pdf") });
// A news report prints with its notice: it must not pass for the công văn.
await page.goto(site + "van-ban/73-cv-tu-phu-tho-2025/");
const note = await page.evaluate(() => {
  const n = document.querySelector(".report-note");
  return n ? getComputedStyle(n).display : "missing";
});
check("print: a news report keeps its notice", note !== "none" && note !== "missing", note);
await page.emulateMedia({ media: "screen" });
// Reading at 1280 px: no line of body text over 80 characters.
await page.setViewportSize({ width: 1280, height: 900 });
for (const url of ["van-ban/4029-cv-tu/", "van-ban/73-cv-tu-phu-tho-2025/"]) {
  await page.goto(site + url);
  const widest = await page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d");
    let most = 0;
    for (const p of document.querySelectorAll(".body p, .body li")) {
      const text = p.textContent.trim();
      if (text.length < 100) { continue; }
      const cs = getComputedStyle(p);
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const perChar = ctx.measureText(text).width / [...text].length;
      most = Math.max(most, p.clientWidth / perChar);
    }
    return Math.round(most);
  });
  check(`${url}: body lines of at most 80 characters at 1280 px`, widest > 0 && widest <= 80, `about ${widest}`);
}
// Phones: what one taps is at least 44 px tall; the 404 page can search.
await page.setViewportSize({ width: 390, height: 800 });
await page.goto(site + "van-ban/4029-cv-tu/");
const short = await page.$$eval(".site-nav a, .breadcrumbs a", (as) =>
  as.map((a) => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)]).filter(([, h]) => h < 44));
check("phone: navigation and breadcrumbs are 44 px tall to tap", short.length === 0, JSON.stringify(short));
await page.goto(site + "khong-co-trang-nay/");
check("the 404 page has a search box", (await page.$$("form[role=search] input[name=q]")).length === 1);
check("no request left the site", external.length === 0, JSON.stringify(external.slice(0, 5)));
await browser.close();

// 4. The W3C validator (vnu-jar) on every HTML page.
const vnu = require("vnu-jar");
const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--format", "json", "--skip-non-html", folder], { encoding: "utf8" });
let messages = [];
try {
  messages = JSON.parse(run.stderr || "{\"messages\":[]}").messages.filter((m) => m.type === "error");
} catch {
  messages = [{ message: `vnu did not answer in JSON (exit ${run.status}): ${String(run.stderr || run.error).slice(0, 300)}` }];
}
const pages = fs.readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith(".html")).length;
check(`the W3C validator ran on ${pages} pages`, run.status !== null && pages > 20, `exit ${run.status}`);
check("the W3C validator reports no error", messages.length === 0,
  JSON.stringify(messages.slice(0, 5).map((m) => [m.url && m.url.replace(/^.*public/, ""), m.lastLine, m.message])));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
