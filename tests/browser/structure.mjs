// A citizen reading long directives in Chromium: contents and anchors, a
// pinpoint citation landing on its article, an ambiguous mention's
// candidates reached by keyboard, the relation scheme at the text's size,
// the status banner; screenshots of every page kind at 390 and 1280 px.
// Usage: node structure.mjs <site URL ending in /> <site folder> <screenshot folder>
// The site is the sample content with tests/corpus/docs/d (structured
// directives written by someone who did not read the code).
import { chromium } from "playwright-core";
import path from "node:path";
import fs from "node:fs";

const [site, folder, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
}
const data = JSON.parse(fs.readFileSync(path.join(folder, "api/documents.json"), "utf8"));
const urlOf = (source) => (data.documents.find((d) => d.source.endsWith(source)) || {}).url;
const cited = (number) => (data.cited.find((d) => d.number === number) || {}).url;
const rel = (u) => site + u.replace(/^\//, "");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await (await browser.newContext({ locale: "vi-VN" })).newPage();

// 1. Contents and anchors: every entry leads to an element of the page.
const rules = urlOf("02-quyet-dinh-24-2025-qd-ubnd-ninh-binh.md");
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(rel(rules));
const toc = await page.$$eval(".toc a", (as) => as.map((a) => [a.getAttribute("href"), !!document.getElementById(a.getAttribute("href").slice(1))]));
check("a decision with its Quy chế has a contents list of its chapters and articles", toc.length >= 10 && toc.every(([, found]) => found), JSON.stringify(toc.slice(0, 5)));
check("articles, clauses and points have anchors", await page.evaluate(() =>
  ["dieu-5", "dieu-5-khoan-2", "dieu-5-khoan-2-diem-dd", "chuong-ii", "van-ban-dieu-1"].every((id) => document.getElementById(id))));
// A long contents list starts folded: a reader opens it, then follows an entry.
if (!(await page.$eval(".toc", (d) => d.open))) { await page.click(".toc summary"); }
await page.click(".toc a[href='#dieu-8']");
const landed = await page.evaluate(() => {
  const r = document.getElementById("dieu-8").getBoundingClientRect();
  return [location.hash, Math.round(r.top), innerHeight];
});
check("a contents entry scrolls to its article", landed[0] === "#dieu-8" && landed[1] >= 0 && landed[1] < landed[2], JSON.stringify(landed));

// 2. A pinpoint citation lands on the article it names, in the cited document.
await page.goto(rel(urlOf("05-cong-van-2315-ubnd-vp-ninh-binh.md")));
const pin = await page.$$eval(".body a.cite", (as) => as.map((a) => a.getAttribute("href")).filter((h) => h.includes("#dieu-5-khoan-2")));
check("a pinpoint (khoản 2 Điều 5 Quyết định số …) links to the clause", pin.length > 0, JSON.stringify(pin));
if (pin.length > 0) {
  await page.click(`.body a.cite[href='${pin[0]}']`);
  await page.waitForLoadState("load");
  const at = await page.evaluate(() => {
    const t = document.getElementById("dieu-5-khoan-2");
    const r = t ? t.getBoundingClientRect() : { top: -1 };
    return [location.pathname, location.hash, Math.round(r.top), innerHeight, t ? getComputedStyle(t).backgroundColor : ""];
  });
  check("following it lands on the clause, highlighted", at[0] === new URL(rel(rules)).pathname && at[1] === "#dieu-5-khoan-2" && at[2] >= 0 && at[2] < at[3] && at[4] !== "rgba(0, 0, 0, 0)", JSON.stringify(at));
}

// 3. An ambiguous mention is marked in the text and its candidates are a keypress away.
await page.goto(rel(urlOf("09-cong-van-1240-skhcn-qlcn-da-nang.md")));
const unclear = await page.$$eval(".body a.cite.ambiguous", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
check("an ambiguous mention is marked in the text, in words", unclear.length > 0 && unclear.every(([t]) => /chưa rõ/.test(t)), JSON.stringify(unclear));
if (unclear.length > 0) {
  await page.focus(".body a.cite.ambiguous");
  await page.keyboard.press("Enter");
  const target = await page.evaluate(() => {
    const t = document.querySelector(location.hash);
    return t ? [location.hash, [...t.querySelectorAll(".candidates a")].map((a) => a.closest("li").textContent)] : [location.hash, []];
  });
  check("Enter on it shows its candidates with their provinces and dates", target[1].length >= 2
    && target[1].some((t) => /Ninh Bình/.test(t)) && target[1].some((t) => /Lai Châu/.test(t)) && target[1].every((t) => /\d{2}\/\d{2}\/\d{4}/.test(t)), JSON.stringify(target));
  const contradiction = await page.evaluate(() => /Chưa có văn bản nào trong hệ thống liên quan/.test(document.body.textContent));
  check("no sentence says nothing relates to the page", !contradiction);
}

// 4. The relation scheme: text at the body's size (within 1.2x), every box a link, at 390 and 1280 px.
for (const width of [390, 1280]) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(rel(urlOf("01-ke-hoach-02-kh-tu-ninh-binh.md")));
  const sizes = await page.evaluate(() => {
    const body = parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize);
    const items = [...document.querySelectorAll(".scheme-list li, .scheme-this")];
    return { body, most: Math.max(...items.map((i) => parseFloat(getComputedStyle(i).fontSize))),
      least: Math.min(...items.map((i) => parseFloat(getComputedStyle(i).fontSize))), n: items.length,
      unlinked: [...document.querySelectorAll(".scheme-list li")].filter((li) => !li.querySelector("a")).length,
      wide: document.documentElement.scrollWidth > innerWidth };
  });
  check(`${width} px: scheme text within 1.2x of the body's`, sizes.n > 1 && sizes.most <= 1.2 * sizes.body && sizes.least >= 0.75 * sizes.body, JSON.stringify(sizes));
  check(`${width} px: every box of the scheme is a link, nothing scrolls sideways`, sizes.unlinked === 0 && !sizes.wide, JSON.stringify(sizes));
}

// 5. A repealed document says so on top, with the link.
await page.goto(rel(cited("31/2022/QĐ-UBND")));
const banner = await page.evaluate(() => {
  const b = document.querySelector(".status-banner");
  const h1 = document.querySelector("h1");
  return b ? [b.textContent.trim(), b.querySelectorAll("a").length, b.getBoundingClientRect().top < h1.getBoundingClientRect().top + 200] : null;
});
check("a repealed decision has a banner on top naming what repealed it", banner && /bãi bỏ/.test(banner[0]) && banner[1] > 0 && banner[2], JSON.stringify(banner));

// 6. Listings: issuers grouped (the centre first, then provinces); a listing
// mixing full texts and citation-only documents narrows to the full texts.
await page.goto(rel("/co-quan/"));
const groups = await page.$$eval("main h2", (hs) => hs.map((h) => h.textContent));
check("the issuer index is grouped: central bodies, then by province", groups[0] === "Cơ quan Trung ương"
  && groups.includes("Ninh Bình") && groups.includes("Lai Châu") && groups.includes("Đà Nẵng"), JSON.stringify(groups));
const ninhBinh = data.issuers.find((i) => i.name === "Ủy ban nhân dân tỉnh Ninh Bình");
await page.goto(rel(ninhBinh.url));
const narrow = await page.$$eval(".facet a", (as) => as.filter((a) => /toàn văn/.test(a.textContent)).map((a) => a.href));
check("a mixed listing links to its full texts only", narrow.length === 1, JSON.stringify(narrow));
if (narrow.length === 1) {
  await page.goto(narrow[0]);
  const badges = await page.$$eval(".items .badge", (bs) => bs.filter((b) => /chưa có toàn văn/.test(b.textContent)).length);
  const items = await page.$$eval(".items .item", (is) => is.length);
  check("the narrowed listing holds only full texts", items > 0 && badges === 0, `${items} items, ${badges} stubs`);
}

// 7. Screenshots of each page kind, for anyone to look at.
const issuer = data.issuers.find((i) => /Ninh Bình/.test(i.name)) || data.issuers[0];
const kinds = { home: "", document: rules, cited: cited("57-NQ/TW") || data.cited[0].url, issuer: issuer.url,
  list: "/van-ban/", search: "/tim-kiem/?q=quyet%20dinh%2024" };
for (const width of [390, 1280]) {
  await page.setViewportSize({ width, height: 900 });
  for (const [kind, url] of Object.entries(kinds)) {
    await page.goto(rel(url || "/"));
    await page.screenshot({ path: path.join(shots, `${kind}-${width}.png`), fullPage: true });
  }
}
check("screenshots written", fs.readdirSync(shots).filter((f) => f.endsWith(".png")).length >= 12);

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
