// Site-wide search (issue 14, SPEC §7) in headless Chromium, on a generated
// site of a few thousand events (.ci/validate builds it and plants one word
// in the body of one event far down the timeline): the word is found from
// the first page; a facet, a period and a date range give exactly the events
// `annals list` gives for the same filters; reloading the URL restores the
// results; the count is announced in an aria-live region; nothing is
// requested from another host. Env: SEARCH_SITE_DIR (built with --base-url
// /war/), SEARCH_SOURCE (its source folder), SEARCH_WORD, SEARCH_EVENT (the
// slug that holds the word), ANNALS_BIN.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

const SITE = process.env.SEARCH_SITE_DIR;
const SOURCE = process.env.SEARCH_SOURCE;
const WORD = process.env.SEARCH_WORD;
const EVENT = process.env.SEARCH_EVENT;
const ANNALS = process.env.ANNALS_BIN;
const PREFIX = "/war/";
let server, browser, origin;
const foreign = [];

before(async () => {
  for (const [name, value] of Object.entries({ SITE, SOURCE, WORD, EVENT, ANNALS })) {
    assert.ok(value, `${name} must be set`);
  }
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let file = path.join(SITE, url.slice(PREFIX.length));
    if (!file.startsWith(SITE)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json" };
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
  assert.deepEqual(foreign, [], "requests left localhost");
});

async function open(query = "") {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  await page.goto(`${origin}${PREFIX}${query}`);
  return { page, errors };
}

const done = (page) => page.waitForSelector('#filters[data-search-state="done"]', { timeout: 30000 });

// Every result's event slug, pressing "Show more" until all are shown.
async function results(page) {
  for (;;) {
    const more = page.locator("#search-results [data-more]");
    if (await more.isHidden()) break;
    const before = await page.locator("#search-results [data-results] > li").count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("#search-results [data-results] > li").length > n, before);
  }
  return page.$$eval("#search-results [data-results] .event-title a", (as) =>
    as.map((a) => new URL(a.href).pathname.replace(/\/$/, "").split("/").pop()));
}

function list(args) {
  const out = execFileSync(ANNALS, ["list", "--root", SOURCE, "--format", "json", ...args], { encoding: "utf8" });
  return JSON.parse(out).map((row) => row.slug);
}

test("a word only in the body of an event far down the timeline is found from the first page", async () => {
  const { page, errors } = await open();
  await done(page);
  const onFirstPage = await page.$$eval("[data-annals-list] .event-title a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(onFirstPage.length > 0 && !onFirstPage.some((h) => h.includes(`/events/${EVENT}/`)), "the event is not on the first page");
  // From the keyboard: the skip link, then Tab to the search field.
  await page.focus("#f-q");
  await page.keyboard.type(WORD.slice(0, 5).toLowerCase(), { delay: 20 });
  await done(page);
  await page.waitForFunction(() => document.querySelector("#f-count").textContent.trim() !== "");
  assert.deepEqual(await results(page), [EVENT]);
  const count = page.locator("#f-count");
  assert.equal(await count.getAttribute("aria-live"), "polite");
  assert.match(await count.textContent(), /^1 event found$/);
  assert.equal(new URL(page.url()).searchParams.get("q"), WORD.slice(0, 5).toLowerCase());
  assert.ok(await page.locator("[data-annals-list]").isHidden(), "the page's own list gives way to the results");
  // Clearing the search shows the page's list again.
  await page.click('#filters button[type="reset"]');
  await done(page);
  assert.ok(await page.locator("[data-annals-list]").isVisible());
  assert.equal(new URL(page.url()).search, "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a facet, a period and a date range give exactly what `annals list` gives, and a reload restores them", async () => {
  const meta = JSON.parse(fs.readFileSync(path.join(SITE, "search/meta.json"), "utf8"));
  const actor = [...meta.facets.actor].sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0]))[0][0];
  const period = meta.facets.period[0][0];
  const cases = [
    [`?actor=${actor}&from=2019-03&to=2019-11`, ["--actor", actor, "--from", "2019-03", "--to", "2019-11"]],
    [`?actor=${actor}&period=${period}&from=2017-06`, ["--actor", actor, "--period", period, "--from", "2017-06"]],
    [`?status=disputed&from=2022`, ["--status", "disputed", "--from", "2022"]],
  ];
  for (const [query, args] of cases) {
    const expected = list(args);
    assert.ok(expected.length > 0 && expected.length < 400, `${query}: ${expected.length} events`);
    const { page, errors } = await open(query);
    await done(page);
    assert.deepEqual(await results(page), expected, query);
    const count = await page.textContent("#f-count");
    assert.equal(count, `${expected.length.toLocaleString("en")} event${expected.length === 1 ? "" : "s"} found`);
    assert.equal(await page.inputValue("#f-actor"), new URLSearchParams(query).get("actor") ?? "");
    await page.reload();
    await done(page);
    assert.equal(await page.textContent("#f-count"), count, `${query} after a reload`);
    assert.equal((await results(page)).length, expected.length);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the form is operable from the keyboard and a facet chosen there narrows the results", async () => {
  // A list page other than the index searches the whole timeline too.
  const { page: group } = await open(`actors/${JSON.parse(fs.readFileSync(path.join(SITE, "search/meta.json"), "utf8")).facets.actor[0][0]}/`);
  await done(group);
  await group.focus("#f-status");
  await group.keyboard.press("ArrowDown"); // the first status: reported
  await done(group);
  await group.waitForFunction(() => document.querySelector("#f-count").textContent !== "");
  const expected = list(["--status", "reported"]);
  assert.equal(await group.textContent("#f-count"), `${expected.length.toLocaleString("en")} events found`);
  assert.equal(new URL(group.url()).searchParams.get("status"), "reported");
  await group.close();
});
