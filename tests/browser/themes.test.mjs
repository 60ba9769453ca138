// Both built-in themes in headless Chromium, over the example built with each
// (SITE_DIR: the default theme, DOSSIER_SITE_DIR: `theme: dossier`, both with
// --base-url /war/). site.test.mjs checks the default theme in depth; this file
// checks what a second theme must also pass: axe-core on every page type of
// dossier, light and dark; that no page of either theme requests anything
// from another host; dossier's sortable table from the keyboard and without
// JavaScript; paper. It leaves screenshots at 360 and 1280 px of the index,
// an event and an actor, in both themes and both colour schemes, and a PDF of
// each theme's index, in SHOTS_DIR (target/shots/) for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SITES = { default: process.env.SITE_DIR, dossier: process.env.DOSSIER_SITE_DIR };
const SHOTS = process.env.SHOTS_DIR || path.join(import.meta.dirname, "screenshots");
const PREFIX = "/war/";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".png": "image/png", ".svg": "image/svg+xml" };

const servers = [];
const origins = {};
let browser;

function serve(root) {
  return http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let file = path.join(root, url.slice(PREFIX.length));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(fs.readFileSync(path.join(root, "404.html"))); }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [theme, root] of Object.entries(SITES)) {
    assert.ok(root && fs.existsSync(path.join(root, "index.html")), `${theme}: the site's folder must hold a built site`);
    const server = serve(root);
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    origins[theme] = `http://127.0.0.1:${server.address().port}`;
  }
  // The dossier build is the dossier theme's, or every check below is moot.
  assert.ok(fs.existsSync(path.join(SITES.dossier, "dossier.css")), "DOSSIER_SITE_DIR is not built with theme: dossier");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

const PAGES = [
  ["index", ""],
  ["event", "events/2023-07-12-popov-voice-message/"],
  ["actors", "actors/"],
  ["actor", "actors/ivan-popov/"],
  ["theatres", "theatres/"],
  ["theatre", "theatres/zaporizhzhia/"],
  ["tags", "tags/"],
  ["tag", "tags/dismissal/"],
  ["years", "years/"],
  ["year", "years/2023/"],
  ["periods", "periods/"],
  ["period", "periods/the-voice-message-and-reactions/"],
  ["404", "404.html"],
];
const SHOT_PAGES = ["index", "event", "actor"];

// A page of `theme` at `url`, every request it makes recorded: any that is
// not for the local server is aborted and listed in `outside`.
async function open(theme, url, options = {}) {
  const context = await browser.newContext(options);
  const outside = [];
  const problems = [];
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.protocol === "data:" || target.origin === origins[theme]) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400 && !url.endsWith("404.html")) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(origins[theme] + PREFIX + url, { waitUntil: "load" });
  return { context, page, outside, problems };
}

const shot = (theme, name, width, scheme) => path.join(SHOTS, `${theme}-${name}-${width}-${scheme}.png`);

for (const theme of ["default", "dossier"]) {
  for (const scheme of ["light", "dark"]) {
    test(`${theme} (${scheme}): every page type loads from localhost only${theme === "dossier" ? ", with no serious axe violations" : ""}`, async () => {
      // What a page requests does not depend on the colour scheme: the default
      // theme's pages are loaded in dark only for their screenshots.
      const pages = theme === "default" && scheme === "dark" ? PAGES.filter(([n]) => SHOT_PAGES.includes(n)) : PAGES;
      for (const [name, url] of pages) {
        const { context, page, outside, problems } = await open(theme, url, { colorScheme: scheme, viewport: { width: 1280, height: 900 } });
        assert.deepEqual(outside, [], `${name}: requests that leave localhost`);
        assert.deepEqual(problems, [], `${name}: console errors or failed requests`);
        // site.test.mjs runs axe over every page of the default theme.
        if (theme === "dossier") {
          await page.addScriptTag({ content: axeSource });
          const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
          const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
          assert.deepEqual(serious.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);
        }
        if (SHOT_PAGES.includes(name)) await page.screenshot({ path: shot(theme, name, 1280, scheme), fullPage: true });
        await context.close();
      }
    });
  }
}

test("at 360 px, the index, an event and an actor in both themes and schemes do not overflow sideways", async () => {
  for (const theme of ["default", "dossier"]) {
    for (const scheme of ["light", "dark"]) {
      for (const [name, url] of PAGES.filter(([n]) => SHOT_PAGES.includes(n))) {
        const { context, page, outside } = await open(theme, url, { colorScheme: scheme, viewport: { width: 360, height: 740 } });
        assert.deepEqual(outside, []);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `${theme} ${name} (${scheme}) overflows by ${overflow}px`);
        await page.screenshot({ path: shot(theme, name, 360, scheme), fullPage: true });
        await context.close();
      }
    }
  }
});

// The rows' titles, top to bottom, as shown.
const titles = (page) => page.locator("table.dossier-table tbody:not([hidden]) tr.entry .entry-title").allInnerTexts();

test("dossier: the table sorts from the keyboard, stably, and says how in aria-sort", async () => {
  const { context, page, problems } = await open("dossier", "");
  const timeline = await titles(page);
  assert.ok(timeline.length >= 10, `${timeline.length} rows`);
  const th = (key) => page.locator(`table.dossier-table th[data-sort=${key}]`);
  const press = async (key, button = "Enter") => {
    await th(key).locator("button.sort").focus();
    await page.keyboard.press(button);
  };
  assert.equal(await th("date").getAttribute("aria-sort"), "ascending");
  const byTitle = [...timeline].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true }));

  await press("title");
  assert.deepEqual(await titles(page), byTitle, "by title, A to Z");
  assert.equal(await th("title").getAttribute("aria-sort"), "ascending");
  assert.equal(await th("date").getAttribute("aria-sort"), null, "only the sorted column has aria-sort");
  assert.ok(await page.locator("tr.year-row").first().isHidden(), "year headings are hidden out of timeline order");

  await press("title", "Space");
  assert.deepEqual(await titles(page), [...byTitle].reverse(), "pressed again: Z to A");
  assert.equal(await th("title").getAttribute("aria-sort"), "descending");

  // Status: in the order of the statuses, and within one status in timeline
  // order (a stable sort).
  await press("status");
  const rows = await page.locator("table.dossier-table tbody:not([hidden]) tr.entry").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.status, tr.querySelector(".entry-title").textContent]));
  const ranks = ["reported", "claimed", "confirmed", "disputed", "denied"];
  const expected = [...rows].sort((a, b) => ranks.indexOf(a[0]) - ranks.indexOf(b[0]) || timeline.indexOf(a[1]) - timeline.indexOf(b[1]));
  assert.deepEqual(rows, expected);
  assert.ok(new Set(rows.map((r) => r[0])).size > 1, "the example has more than one status");

  // Actor: by the first actor's name.
  await press("actor");
  const actors = await page.locator("table.dossier-table tbody:not([hidden]) tr.entry").evaluateAll((trs) =>
    trs.map((tr) => tr.querySelector(".c-actors a")?.textContent ?? ""));
  const filled = actors.filter(Boolean);
  assert.deepEqual(filled, [...filled].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  assert.deepEqual(actors.slice(filled.length), actors.slice(filled.length).map(() => ""), "events without actors come last");

  // Date, pressed while the table is sorted by actor: timeline order again, under the year headings.
  await press("date");
  assert.deepEqual(await titles(page), timeline);
  assert.equal(await th("date").getAttribute("aria-sort"), "ascending");
  assert.ok(await page.locator("tr.year-row").first().isVisible());
  await press("date");
  assert.deepEqual(await titles(page), [...timeline].reverse(), "newest first");
  assert.equal(await th("date").getAttribute("aria-sort"), "descending");
  assert.ok(await page.locator(".sort-hint").isVisible(), "the hint shows once the headings are buttons");
  assert.deepEqual(problems, []);
  await context.close();
});

test("dossier: without JavaScript the table is in timeline order, with plain headings", async () => {
  const { context, page } = await open("dossier", "", { javaScriptEnabled: false });
  const shown = await titles(page);
  assert.ok(shown.length >= 10);
  assert.equal(await page.locator("table.dossier-table button").count(), 0);
  assert.ok(await page.locator(".sort-hint").isHidden());
  // Timeline order: the default theme's list, built from the same content, in the same order.
  const other = await open("default", "", { javaScriptEnabled: false });
  assert.deepEqual(shown, (await other.page.locator("ol.events article h3 a").allInnerTexts()).map((t) => t.trim()));
  await other.context.close();
  await context.close();
});

for (const theme of ["default", "dossier"]) {
  test(`${theme}: printed, the index has no navigation or filters, keeps its chart, gives source addresses and starts each year on a page`, async () => {
    const { context, page } = await open(theme, "");
    await page.emulateMedia({ media: "print" });
    const shown = (selector) => page.evaluate((sel) => {
      const el = document.querySelector(sel);
      return !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
    }, selector);
    assert.equal(await shown(".site-nav"), false, "navigation");
    assert.equal(await shown(".filters"), false, "filters");
    assert.equal(await shown("svg.chart"), true, "the chart");
    if (theme === "dossier") {
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".dossier-table thead")).display), "table-header-group", "the header row repeats on each page");
      // The example has one year and no source with an address: a second
      // year and a sourced link are added to the page to see the rules.
      const printed = await page.evaluate(() => {
        const year = document.querySelector("tbody.year-group");
        year.after(year.cloneNode(true));
        const cell = document.querySelector("td.c-sources");
        cell.insertAdjacentHTML("beforeend", '<a href="https://example.org/report">Report</a>');
        return {
          first: getComputedStyle(year).breakBefore,
          second: getComputedStyle(year.nextElementSibling).breakBefore,
          after: getComputedStyle(cell.lastElementChild, "::after").content,
        };
      });
      assert.equal(printed.first, "auto", "the first year follows the header");
      assert.equal(printed.second, "page", "a later year starts a page");
      assert.match(printed.after, /https:\/\/example\.org\/report/, "the address after the link");
      await page.reload({ waitUntil: "load" });
    }
    await page.pdf({ path: path.join(SHOTS, `${theme}-index.pdf`), format: "A4" });
    await context.close();
  });
}

test("both themes show the site-wide search's results in their own list markup", async () => {
  const found = {};
  for (const theme of ["default", "dossier"]) {
    const { context, page, outside, problems } = await open(theme, "?q=popov&tag=command");
    await page.waitForSelector('#filters[data-search-state="done"]');
    assert.ok(await page.locator("[data-annals-list]").isHidden(), `${theme}: the page's own list gives way`);
    const links = theme === "dossier"
      ? page.locator("#search-results tbody[data-results] tr.entry a.entry-title")
      : page.locator("#search-results ol[data-results] .event-title a");
    found[theme] = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(found[theme].length > 0, theme);
    assert.match(await page.textContent("#f-count"), new RegExp(`^${found[theme].length} events? found$`));
    assert.deepEqual(outside, []);
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.deepEqual(found.dossier, found.default);
});
