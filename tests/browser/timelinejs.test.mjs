// Knight Lab's TimelineJS3 (npm @knight-lab/timelinejs, pinned) renders the
// timelinejs.json that annals exports (SPEC §7, issue 13): in headless
// Chromium, `new TL.Timeline("timeline-embed", data)` on a local page draws one
// slide per event (and the title slide), each slide's headline is the event's
// title, the eras of the file are drawn (the example's periods), and no
// script fails.
//
// Everything is served from loopback: TimelineJS's own files from
// node_modules, each site's timelinejs.json and events.json. Every request to
// another host (the events' remote images, maps, videos) is aborted, and the
// failures of those requests are the only ones allowed.
//
// SITE_DIR: the example site, as .ci/validate builds it.
// ANNALS_BIN: the annals binary, to import Knight Lab's Mark Twain timeline,
//   its eras example and its cosmology (tests/fixtures/import/marktwain.json,
//   eras.json, cosmo.json) into new sites and build them.
// SHOTS_DIR: where the screenshots go.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const TL_DIST = path.join(path.dirname(require.resolve("@knight-lab/timelinejs/package.json")), "dist");
const SITE = process.env.SITE_DIR && path.resolve(process.env.SITE_DIR);
const BIN = process.env.ANNALS_BIN && path.resolve(process.env.ANNALS_BIN);
const SHOTS = process.env.SHOTS_DIR || path.resolve(import.meta.dirname, "../../target/shots");
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".map": "application/json", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".svg": "image/svg+xml", ".png": "image/png" };

// The page TimelineJS is made on: its stylesheet and script from
// node_modules, the data read from the site under test.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #timeline-embed { width: 1200px; height: 700px; }</style>
</head><body><div id="timeline-embed"></div>
<script>
// true once TimelineJS has drawn the timeline; else, after a while, what it
// wrote in its place (a file it refuses is an error message, not an exception).
window.made = fetch(new URLSearchParams(location.search).get("data"))
  .then((r) => r.json())
  .then((data) => new Promise((resolve) => {
    window.timeline = new TL.Timeline("timeline-embed", data, { hash_bookmark: false });
    window.timeline.on("loaded", () => resolve(true));
    setTimeout(() => resolve(document.getElementById("timeline-embed").innerText), 15000);
  }));
</script></body></html>`;

const sites = new Map(); // name → folder with timelinejs.json and events.json
let server, browser, origin, work;

function send(res, file) {
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
  res.end(fs.readFileSync(file));
}

// `file` below `root`, or null when the request leaves it.
function below(root, rel) {
  const file = path.join(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

// A new site with a Knight Lab file of tests/fixtures/import/ imported, built.
function imported(name, file) {
  const root = path.join(work, name);
  fs.mkdirSync(path.join(root, "content", "events"), { recursive: true });
  fs.writeFileSync(path.join(root, "annals.yaml"), `title: ${name}\nbase_url: /${name}/\n`);
  execFileSync(BIN, ["import", "timelinejs", path.join(FIXTURES, file)], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  execFileSync(BIN, ["build", "-q", "--root", root], { stdio: ["ignore", "ignore", "pipe"] });
  return path.join(root, "public");
}

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "timelinejs.json")), "SITE_DIR must hold a built site with timelinejs.json");
  assert.ok(BIN && fs.existsSync(BIN), "ANNALS_BIN must name the annals binary");
  fs.mkdirSync(SHOTS, { recursive: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "annals-timelinejs-"));
  sites.set("example", SITE);
  sites.set("marktwain", imported("marktwain", "marktwain.json"));
  sites.set("eras", imported("eras", "eras.json"));
  sites.set("cosmo", imported("cosmo", "cosmo.json"));
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (url === "/page.html") { res.writeHead(200, { "content-type": TYPES[".html"] }); return res.end(PAGE); }
    if (url.startsWith("/tl/")) return send(res, below(TL_DIST, url.slice("/tl/".length)));
    if (url.startsWith("/fixtures/")) return send(res, below(FIXTURES, url.slice("/fixtures/".length)));
    const [, name, rest] = url.match(/^\/site\/([a-z]+)\/(.*)$/) || [];
    send(res, sites.has(name) ? below(sites.get(name), rest) : null);
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
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const json = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

// A page with TimelineJS made from the file at `data` (a path on the server),
// every request to another host aborted: the page, the errors, and the
// URLs of the aborted requests.
async function timeline(data) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  const remote = []; // aborted requests to other hosts: the only failures allowed
  await page.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
  });
  page.on("pageerror", (e) => errors.push(`script error: ${e}`));
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).hostname === "127.0.0.1") errors.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    else remote.push(r.url());
  });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${origin}/page.html?data=${encodeURIComponent(data)}`, { waitUntil: "load" });
  assert.equal(await page.evaluate(() => window.made), true, "TimelineJS said it loaded");
  return { context, page, errors, remote };
}

const ERAS = ".tl-timenav .tl-timeera";

// The era assertion below holds with no eras too; this shows that the
// selector finds what TimelineJS draws, on Knight Lab's own file with eras.
test("the era selector counts the eras TimelineJS draws (Knight Lab's eras.json)", async () => {
  const data = json(path.join(FIXTURES, "eras.json"));
  assert.equal(data.eras.length, 3);
  const { context, page, errors } = await timeline("/fixtures/eras.json");
  assert.equal(await page.locator(ERAS).count(), data.eras.length);
  assert.deepEqual(errors, []);
  await context.close();
});

// The example's content has periods, and Knight Lab's eras.json comes back
// with its three eras, so those exports have eras to draw.
// Knight Lab's cosmology file comes back with its years beyond any calendar
// and the scale TimelineJS needs for them.
const SITES = [["example", { eras: true }], ["marktwain", { eras: false }], ["eras", { eras: true }], ["cosmo", { eras: false, scale: "cosmological" }]];

for (const [name, expect] of SITES) {
  test(`TimelineJS3 renders the ${name} site's export: a slide per event, their titles, its eras, no script error`, async () => {
    const dir = sites.get(name);
    const data = json(path.join(dir, "timelinejs.json"));
    const titles = new Map(json(path.join(dir, "events.json")).events.map((e) => [e.slug, e.title]));
    assert.ok(data.events.length > 0 && data.events.length === titles.size, "the export holds every event");
    if (expect.eras) assert.ok((data.eras ?? []).length >= 1, "the export has eras");
    assert.equal(data.scale, expect.scale ?? "human", "the scale");

    const { context, page, errors, remote } = await timeline(`/site/${name}/timelinejs.json`);

    // TimelineJS names each event's slide by its unique_id, our slug.
    const slides = await page.$$eval(".tl-storyslider .tl-slide", (all) =>
      all.map((s) => ({ id: s.id, title: s.classList.contains("tl-slide-titleslide"), headline: s.querySelector(".tl-headline")?.textContent.trim() ?? null })));
    const title = slides.filter((s) => s.title);
    assert.equal(title.length, data.title ? 1 : 0, "the title slide");
    const events = slides.filter((s) => !s.title);
    assert.equal(events.length, data.events.length, "one slide per event");
    assert.deepEqual(events.map((s) => s.id).sort(), [...titles.keys()].sort(), "each event's slide, by its slug");
    for (const s of events) assert.equal(s.headline, titles.get(s.id), `the headline of ${s.id}`);
    const markers = await page.locator(".tl-timenav .tl-timemarker").count();
    assert.equal(markers, data.events.length, "one marker per event on the time axis");
    const eras = await page.locator(ERAS).count();
    assert.equal(eras, (data.eras ?? []).length, "every era drawn");

    await page.screenshot({ path: path.join(SHOTS, `timelinejs-${name}-title.png`) });
    // The first event's slide, as a reader sees it after pressing "next".
    await page.locator(".tl-slidenav-next").first().click();
    await page.waitForTimeout(1500);
    const shown = await page.evaluate(() => window.timeline.current_id);
    assert.equal(shown, events[0].id, "next shows the first event");
    await page.screenshot({ path: path.join(SHOTS, `timelinejs-${name}-first-event.png`) });

    assert.deepEqual(errors, [], `errors (remote requests blocked: ${remote.length})`);
    await context.close();
  });
}
