// Headless Chromium over the built example site: every page type loads without
// console errors, has no serious or critical axe-core violation, is usable from
// the keyboard, and works at phone width. Run by .ci/validate with SITE_DIR set.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SITE = process.env.SITE_DIR;
const SHOTS = process.env.SHOTS_DIR || path.join(import.meta.dirname, "screenshots");
const PREFIX = "/war/"; // the site is built with --base-url /war/ to exercise sub-paths

let server, browser, origin;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_DIR must hold a built site");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let file = path.join(SITE, url.slice(PREFIX.length));
    if (!file.startsWith(SITE)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(fs.readFileSync(path.join(SITE, "404.html"))); }
    const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".xml": "application/xml", ".png": "image/png", ".svg": "image/svg+xml" };
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const PAGES = [
  ["index", ""],
  ["event", "events/2023-07-12-popov-voice-message/"],
  ["actors", "actors/"],
  ["actor", "actors/ivan-popov/"],
  ["theatres", "theatres/"],
  ["theatre", "theatres/zaporizhzhia/"],
  ["tag", "tags/dismissal/"],
  ["year", "years/2023/"],
  ["periods", "periods/"],
  ["period", "periods/the-voice-message-and-reactions/"],
  ["404", "404.html"],
];

async function open(url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("requestfailed", (r) => problems.push(`failed request ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400 && !url.endsWith("404.html")) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(origin + PREFIX + url, { waitUntil: "load" });
  return { context, page, problems };
}

for (const [name, url] of PAGES) {
  for (const scheme of ["light", "dark"]) {
    test(`${name} page (${scheme}) loads cleanly and has no serious axe violations`, async () => {
      const { context, page, problems } = await open(url, { colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      assert.deepEqual(problems, [], "console errors or failed requests");
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: false });
      await context.close();
    });
  }
}

test("the first Tab reaches the skip link, and it moves focus to the content", async () => {
  const { context, page } = await open("");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.className);
  assert.equal(focused, "skip-link");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#main$/, { timeout: 5000 });
  await context.close();
});

test("every event in the list can be opened from the keyboard", async () => {
  const { context, page } = await open("");
  const link = page.locator("ol.events article h3 a").first();
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/events\//);
  assert.match(await page.locator("h1").innerText(), /\S/);
  assert.ok(await page.locator("time[datetime]").count() >= 1);
  await context.close();
});

test("chart marks link to their events", async () => {
  const { context, page } = await open("");
  const marks = page.locator("svg.chart a.mark");
  assert.ok((await marks.count()) > 0, "no chart marks");
  const href = await marks.first().getAttribute("href");
  assert.ok(href.startsWith(PREFIX + "events/"), href);
  await context.close();
});

test("at phone width nothing overflows the page sideways", async () => {
  for (const [name, url] of PAGES) {
    const { context, page } = await open(url, { viewport: { width: 360, height: 740 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${name} overflows by ${overflow}px`);
    if (name === "index" || name === "event") await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: false });
    await context.close();
  }
});

// The results of the site-wide search: each result's event slug.
const resultSlugs = (page) => page.$$eval("#search-results [data-results] .event-title a", (as) =>
  as.map((a) => new URL(a.href).pathname.replace(/\/$/, "").split("/").pop()));
const searched = (page) => page.waitForSelector('#filters[data-search-state="done"]');

test("search and filters cover the whole timeline and write the query to the URL", async () => {
  const { context, page, problems } = await open("");
  assert.ok(await page.locator("#filters").isVisible(), "the search form shows when JavaScript runs");
  assert.ok(await page.locator("#browse-hint").isHidden(), "the hint for readers without JavaScript is hidden");
  await page.selectOption("#f-actor", "andrey-turchak");
  await page.waitForURL(/actor=andrey-turchak/);
  await searched(page);
  // What `annals list --actor andrey-turchak` gives, in timeline order.
  assert.deepEqual(await resultSlugs(page), ["2023-07-12-turchak-political-show", "2023-07-12-turchak-closed-chats"]);
  for (const chip of await page.locator("#search-results article").all()) {
    assert.ok(await chip.locator("a.chip.actor", { hasText: "Andrey Turchak" }).count() === 1);
  }
  assert.ok(await page.locator("[data-annals-list]").isHidden(), "results stand in for the page's list");
  await page.selectOption("#f-actor", "");
  await page.fill("#f-q", "gurulev telegram");
  await page.waitForURL(/q=gurulev/);
  await searched(page);
  // Bodies are searched too: several events name Gurulev's Telegram post;
  // by relevance, the one whose title says both words comes first.
  const found = await resultSlugs(page);
  assert.ok(found.includes("2023-07-12-gurulev-posts-voice-message"), found.join());
  assert.equal(await page.locator("#f-count").innerText(), `${found.length} events found`);
  await page.selectOption("#f-sort", "relevance");
  await page.waitForURL(/sort=relevance/);
  await searched(page);
  assert.equal((await resultSlugs(page))[0], "2023-07-12-gurulev-posts-voice-message");
  await page.selectOption("#f-sort", "");
  await page.fill("#f-q", "");
  await page.selectOption("#f-theatre", "zaporizhzhia");
  await searched(page);
  // Zaporizhzhia includes its sub-theatre Orikhiv.
  assert.ok(await page.locator("#search-results a.chip.theatre", { hasText: "Orikhiv" }).count() >= 1);
  await page.selectOption("#f-theatre", "");
  await page.fill("#f-from", "2023-08");
  await page.waitForURL(/from=2023-08/);
  await searched(page);
  assert.deepEqual(await resultSlugs(page), [], "nothing happened after July 2023");
  assert.equal(await page.locator("#f-count").innerText(), "0 events found");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the count takes the form of its number and is announced", async () => {
  // Andrey Gurulev's page: the search still covers the whole timeline.
  const { context, page, problems } = await open("actors/andrey-gurulev/");
  const count = page.locator("#f-count");
  assert.equal(await count.getAttribute("aria-live"), "polite");
  await page.fill("#f-q", "popov");
  await page.waitForURL(/q=popov/);
  await searched(page);
  assert.match(await count.innerText(), /^(\d+) events found$/);
  assert.ok(Number((await count.innerText()).split(" ")[0]) > 1, "more than this page's one event");
  await page.fill("#f-q", "no such word anywhere");
  await page.waitForURL(/q=no/);
  await searched(page);
  assert.equal(await count.innerText(), "0 events found");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a shared search URL opens with its results", async () => {
  const { context, page } = await open("?status=claimed&tag=statement");
  await searched(page);
  const shown = await page.locator("#search-results article").all();
  assert.ok(shown.length > 0);
  for (const a of shown) {
    assert.match(await a.getAttribute("class"), /\bstatus-claimed\b/);
    assert.equal(await a.locator("a.chip.tag", { hasText: "statement" }).count(), 1);
  }
  assert.equal(await page.inputValue("#f-status"), "claimed");
  assert.equal(await page.inputValue("#f-tag"), "statement");
  await context.close();
});

test("without JavaScript the whole list shows, the form stays hidden and the hint points to the other pages", async () => {
  const { context, page } = await open("?actor=andrey-turchak", { javaScriptEnabled: false });
  assert.ok(await page.locator("#filters").isHidden());
  assert.ok(await page.locator("#search-results").isHidden());
  const all = await page.locator("ol.events > li").count();
  assert.equal(await page.locator("[data-annals-list] ol.events > li:visible").count(), all);
  const hint = page.locator("#browse-hint");
  assert.ok(await hint.isVisible());
  for (const section of ["years", "actors", "theatres"]) {
    assert.equal(await hint.locator(`a[href$="/${section}/"]`).count(), 1, section);
  }
  await context.close();
});

test("Embed this opens from the keyboard, shows absolute snippets and copies them", async () => {
  const { context, page, problems } = await open("actors/ivan-popov/", {
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const summary = page.locator("details.embed-this summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("details.embed-this").getAttribute("open"), "");
  // The site is built with a path-only base_url: the page makes the addresses absolute.
  const loader = await page.locator("#embed-loader").inputValue();
  assert.equal(
    loader,
    `<div data-annals-embed="actors/ivan-popov"></div>\n<script src="${origin}${PREFIX}embed.js" async></script>`,
  );
  const iframe = await page.locator("#embed-iframe").inputValue();
  assert.match(iframe, new RegExp(`^<iframe src="${origin}${PREFIX}embed/actors/ivan-popov/" title="Ivan Popov" `));
  const button = page.locator("button.embed-copy[data-copy=embed-iframe]");
  assert.ok(await button.isVisible(), "the copy button shows when JavaScript runs");
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("button.embed-copy[data-copy=embed-iframe]").textContent === "Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), iframe);
  assert.deepEqual(problems, []);
  await context.close();
});

test("printed, a page has no navigation or filters, keeps its chart, gives source addresses and starts each year on a page", async () => {
  const { context, page } = await open("");
  await page.emulateMedia({ media: "print" });
  const shown = (selector) => page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  }, selector);
  assert.equal(await shown(".site-nav"), false, "navigation");
  assert.equal(await shown(".filters"), false, "filters");
  assert.equal(await shown(".embed-this"), false, "embed snippets");
  assert.equal(await shown("svg.chart"), true, "the chart");
  // The example has one year and no source with an address: a second year
  // and a sourced link are added to the page's own markup to see the rules.
  const printed = await page.evaluate(() => {
    const year = document.querySelector(".year-group");
    year.after(year.cloneNode(true));
    const sources = document.querySelector(".event-sources");
    sources.insertAdjacentHTML("beforeend", '<a href="https://example.org/report">Report</a>');
    const link = sources.lastElementChild;
    return {
      first: getComputedStyle(year).breakBefore,
      second: getComputedStyle(year.nextElementSibling).breakBefore,
      after: getComputedStyle(link, "::after").content,
    };
  });
  assert.equal(printed.first, "auto", "the first year follows the header");
  assert.equal(printed.second, "page", "a later year starts a page");
  assert.match(printed.after, /https:\/\/example\.org\/report/, "the address after the link");
  await page.pdf({ path: path.join(SHOTS, "index-print.pdf"), format: "A4" });
  await context.close();
});
