// Headless Chromium over the embed pages (SPEC §8): the loader (embed.js) on a
// host page of another origin, the height protocol and its origin checks,
// pym.js's and AMP's messages, filters from the query, links that open the
// top window, page weight, screenshots, and the oEmbed responses. Embed
// pages are served with a strict Content-Security-Policy (no inline script
// or style, nothing from another origin), so every test also checks that they
// need none.
//
// SITE_DIR: a site built with --base-url /war/, served on origin A.
// OEMBED_SITE_DIR: the same site built with --base-url https://example.org/war/
//   (required: the oEmbed test fails without it).
// Host pages are served from origin B (another port), so every embed is
// cross-origin, as on a real host.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const SITE = process.env.SITE_DIR && path.resolve(process.env.SITE_DIR);
const OEMBED_SITE = process.env.OEMBED_SITE_DIR && path.resolve(process.env.OEMBED_SITE_DIR);
const SHOTS = process.env.SHOTS_DIR || path.resolve(import.meta.dirname, "../../target/embed-shots");
const PREFIX = "/war/";
const OEMBED_BASE = "https://example.org/war/";
const ACTOR = "actors/ivan-popov";
const CARD = "events/2023-07-12-popov-voice-message";
const TOLERANCE = 2;
// What a host may send with embed pages: their style and script are files
// of the site, never inline (SPEC §8).
const EMBED_CSP = "default-src 'self'; frame-ancestors *";
// What every embed page loads besides itself: the files all of them share.
const SHARED = ["embed/style.css", "embed/page.js"];

// pym.js as the package ships it (the browser build).
const PYM = fs.readFileSync(require.resolve("pym.js/dist/pym.v1.min.js"), "utf8");

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml", ".webp": "image/webp" };

let serverA, serverB, browser, A, B;
const hostPages = new Map();
let hostCount = 0;

// A page on origin B; returns its URL.
function host(html) {
  const p = `/host-${++hostCount}.html`;
  hostPages.set(p, html);
  return B + p;
}

// A window that posts a forged height to its parent (several times, so that
// it surely arrives after the loader's frame has settled).
const POSTER = `<!doctype html><title>poster</title><script>
let n = 0;
const t = setInterval(() => { parent.postMessage({ type: "annals:height", height: 5 }, "*"); if (++n >= 10) clearInterval(t); }, 100);
</script>`;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "embed", "index.html")), "SITE_DIR must hold a site built with --base-url /war/ (with embed/index.html)");
  fs.mkdirSync(SHOTS, { recursive: true });
  serverA = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (url === "/poster.html") { res.writeHead(200, { "content-type": TYPES[".html"] }); return res.end(POSTER); }
    if (url === "/favicon.ico") { res.writeHead(204); return res.end(); }
    if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let file = path.join(SITE, url.slice(PREFIX.length));
    if (!file.startsWith(SITE)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404, { "content-type": TYPES[".html"] }); return res.end(fs.existsSync(path.join(SITE, "404.html")) ? fs.readFileSync(path.join(SITE, "404.html")) : "not found"); }
    const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream" };
    if (url.startsWith(`${PREFIX}embed/`)) headers["content-security-policy"] = EMBED_CSP;
    res.writeHead(200, headers);
    res.end(fs.readFileSync(file));
  });
  serverB = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x").pathname;
    if (hostPages.has(url)) { res.writeHead(200, { "content-type": TYPES[".html"] }); return res.end(hostPages.get(url)); }
    if (url === "/pym.v1.min.js") { res.writeHead(200, { "content-type": TYPES[".js"] }); return res.end(PYM); }
    if (url === "/poster.html") { res.writeHead(200, { "content-type": TYPES[".html"] }); return res.end(POSTER); }
    if (url === "/favicon.ico") { res.writeHead(204); return res.end(); }
    res.writeHead(404); res.end();
  });
  await new Promise((r) => serverA.listen(0, "127.0.0.1", r));
  await new Promise((r) => serverB.listen(0, "127.0.0.1", r));
  A = `http://127.0.0.1:${serverA.address().port}`;
  B = `http://127.0.0.1:${serverB.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  serverA?.close();
  serverB?.close();
});

// --- helpers -----------------------------------------------------------------

async function open(url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  // Console messages and uncaught errors of the page and of all its frames.
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location()?.url})`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`${r.status()} ${r.url()}`); });
  page.on("requestfailed", (r) => problems.push(`failed request ${r.url()}`));
  await page.goto(url, { waitUntil: "load" });
  return { context, page, problems };
}

async function until(what, fn, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The Frame (not a FrameLocator) of an iframe locator.
const frameOf = async (iframe) => (await iframe.elementHandle()).contentFrame();
const docHeight = (frame) => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

// The iframe element's height and its document's height.
async function sizes(iframe) {
  const frame = await frameOf(iframe);
  const box = await iframe.evaluate((e) => e.getBoundingClientRect().height);
  const doc = frame ? await docHeight(frame) : NaN;
  return { frame, box, doc };
}

async function settled(iframe, what) {
  await until(`${what}: iframe height = document height`, async () => {
    await iframe.scrollIntoViewIfNeeded(); // the loader's iframes load lazily
    const { frame, box, doc } = await sizes(iframe);
    if (!frame || !(await frame.locator("main.annals-embed").count())) return `not loaded (${frame?.url()})`;
    if (await frame.locator("main[data-annals-data]").count() && new URL(frame.url()).search.match(/[?&](from|to|tag|actor|theatre|status)=/)) {
      const state = await frame.locator("main").getAttribute("data-annals-filtered");
      if (state === null) return "filters not applied yet";
    }
    return Math.abs(box - doc) <= TOLERANCE || { box, doc };
  });
  return sizes(iframe);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// Independent reading of the filter rules (§8 and the embed page script).
function day(text, last) {
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  const y = Number(m[1]);
  const d = new Date(0);
  if (m[3]) d.setUTCFullYear(y, Number(m[2]) - 1, Number(m[3]));
  else if (m[2]) last ? d.setUTCFullYear(y, Number(m[2]), 0) : d.setUTCFullYear(y, Number(m[2]) - 1, 1);
  else last ? d.setUTCFullYear(y, 11, 31) : d.setUTCFullYear(y, 0, 1);
  return Math.floor(d.getTime() / 86400000);
}
function expected(slice, q) {
  const data = readJson(path.join(SITE, "embed", slice, "data.json"));
  assert.equal(data.version, 2);
  assert.ok(Array.isArray(data.events));
  // Records are arrays whose columns the file's `fields` names.
  const events = data.events.map((row) => Object.fromEntries(data.fields.map((f, k) => [f, row[k]])));
  const from = q.from ? day(q.from, false) : null;
  const to = q.to ? day(q.to, true) : null;
  return events.filter((e) => {
    const start = typeof e.start === "number" ? e.start : -Infinity;
    const end = typeof e.end === "number" ? e.end : Infinity;
    return (!q.tag || e.tags.includes(q.tag)) && (!q.actor || e.actors.includes(q.actor))
      && (!q.theatre || e.theatres.includes(q.theatre)) && (!q.status || e.status === q.status)
      && (from === null || end >= from) && (to === null || start <= to);
  });
}

// The list an embed frame shows matches the filter over the whole slice.
async function checkList(frame, slice, q) {
  const want = expected(slice, q);
  const main = frame.locator("main.annals-embed");
  const max = Number(await main.getAttribute("data-annals-max"));
  const shown = frame.locator("ol.annals-events > li.annals-event");
  assert.equal(await shown.count(), Math.min(want.length, max), `${slice} ${JSON.stringify(q)}: events shown`);
  const hrefs = await frame.locator("ol.annals-events > li a.annals-title").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(hrefs, want.slice(0, max).map((e) => new URL(e.url, A).pathname), "the matching events, in order");
  assert.equal(await frame.locator(".annals-empty").isVisible(), want.length === 0, ".annals-empty shows exactly when nothing matches");
  const more = frame.locator(".annals-more");
  assert.equal((await more.count()) > 0 && (await more.isVisible()), want.length > max, ".annals-more shows exactly when more match than are shown");
  if (want.length > max) assert.equal(await more.innerText(), `${want.length} events`);
  // Filtered or not, every date is machine-readable (SPEC §4).
  const undated = await frame.locator("ol.annals-events > li .annals-date").evaluateAll((dates) =>
    dates.filter((d) => !d.querySelector("time[datetime], data[value]")).map((d) => d.textContent));
  assert.deepEqual(undated, [], "dates without <time datetime> or <data value>");
  return want.length;
}

const loader = () => `<script src="${A}${PREFIX}embed.js" async></script>`;

// Records, on the host, every message it receives (to see AMP's and the posters').
const RECORDER = `<script>
window.seen = [];
addEventListener("message", (e) => { seen.push({ origin: e.origin, data: typeof e.data === "string" ? e.data : JSON.parse(JSON.stringify(e.data)) }); });
</script>`;

function hostPage(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title><style>body { font: 16px/1.5 Georgia, serif; max-width: 760px; margin: 0 auto; padding: 16px; } .annals { margin: 24px 0; }</style>
${RECORDER}</head><body><h1>A newsroom article</h1><p>Some text before the embeds.</p>
${body}
<p>Some text after the embeds.</p></body></html>`;
}

const three = () => `
<div class="annals" id="e1" data-annals-embed="${ACTOR}"><a href="${A}${PREFIX}${ACTOR}/">Ivan Popov's timeline</a></div>
<div class="annals" id="e2" data-annals-embed="" data-tag="dismissal"></div>
<div class="annals" id="e3" data-annals-embed="${CARD}" data-title="Popov's voice message"></div>
${loader()}
${loader()}`;

// --- tests -------------------------------------------------------------------

test("the loader inserts one iframe per element, each as tall as its content, filtered from data-*", async () => {
  const { context, page, problems } = await open(host(hostPage(three())));
  await until("three iframes", async () => (await page.locator("iframe").count()) === 3 || (await page.locator("iframe").count()));
  // Included twice, it still made one frame per element.
  await page.waitForTimeout(300);
  assert.equal(await page.locator("iframe").count(), 3);
  for (const id of ["e1", "e2", "e3"]) {
    assert.equal(await page.locator(`#${id} iframe`).count(), 1, `#${id} has one iframe`);
    assert.equal(await page.locator(`#${id}`).getAttribute("data-annals-embed-state"), "done");
  }
  assert.equal(await page.locator("#e1 a").count(), 0, "the fallback link was replaced");
  const [f1, f2, f3] = ["e1", "e2", "e3"].map((id) => page.locator(`#${id} iframe`));
  assert.equal(await f1.getAttribute("src"), `${A}${PREFIX}embed/${ACTOR}/`);
  assert.equal(await f2.getAttribute("src"), `${A}${PREFIX}embed/?tag=dismissal`);
  assert.equal(await f3.getAttribute("src"), `${A}${PREFIX}embed/${CARD}/`);
  assert.equal(await f1.getAttribute("title"), `Timeline: ${ACTOR}`);
  assert.equal(await f3.getAttribute("title"), "Popov's voice message");
  for (const f of [f1, f2, f3]) assert.equal(await f.getAttribute("loading"), "lazy");

  const s1 = await settled(f1, "actor");
  const s2 = await settled(f2, "whole timeline, tag=dismissal");
  const s3 = await settled(f3, "card");
  await checkList(s1.frame, ACTOR, {});
  await checkList(s2.frame, "", { tag: "dismissal" });
  assert.equal(await s3.frame.locator("article.annals-card").count(), 1);
  for (const s of [s1, s2, s3]) assert.ok(s.box > 50 && s.box !== 300, `sized from its content (${s.box}px)`);
  assert.notEqual(Math.round(s1.box), Math.round(s3.box), "different content, different heights");

  // AMP's message came along with annals' own.
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.some((m) => m.origin === A && m.data?.sentinel === "amp" && m.data.type === "embed-size" && m.data.height > 0), "AMP embed-size posted");

  // Navigating one frame to a filter: it resizes; the others keep their height.
  const before3 = (await sizes(f3)).box;
  const q = { tag: "command", from: "2023-07" };
  await f1.evaluate((e, src) => { e.src = src; }, `${A}${PREFIX}embed/${ACTOR}/?tag=command&from=2023-07`);
  await until("frame 1 navigated", async () => (await frameOf(f1))?.url().includes("tag=command"));
  const t1 = await settled(f1, "actor, tag=command");
  const n = await checkList(t1.frame, ACTOR, q);
  assert.ok(n > 0, "the filter matches something");
  assert.equal((await sizes(f3)).box, before3, "the card frame kept its height");

  // A filter that matches nothing: the frame shrinks to the empty message.
  await f1.evaluate((e, src) => { e.src = src; }, `${A}${PREFIX}embed/${ACTOR}/?from=2999`);
  await until("frame 1 navigated again", async () => (await frameOf(f1))?.url().includes("from=2999"));
  const t2 = await settled(f1, "actor, from=2999");
  await checkList(t2.frame, ACTOR, { from: "2999" });
  assert.ok(t2.box < t1.box, `empty (${t2.box}px) is shorter than filtered (${t1.box}px)`);
  assert.equal((await sizes(f3)).box, before3, "the card frame still kept its height");

  // Elements added later are picked up too.
  await page.evaluate((card) => {
    const div = document.createElement("div");
    div.id = "e4";
    div.setAttribute("data-annals-embed", card);
    document.body.appendChild(div);
  }, CARD);
  await until("a late element gets its iframe", async () => (await page.locator("#e4 iframe").count()) === 1);
  await settled(page.locator("#e4 iframe"), "late card");
  assert.equal(await page.locator("iframe").count(), 4);

  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("filters see the whole slice: dates, theatre with sub-theatres, status, negative years, theme", async () => {
  const cases = [
    ["", { from: "2023-07-13" }],
    ["", { to: "2023-07-11" }],
    ["", { from: "2023-07-12", to: "2023-07-12", status: "claimed" }],
    ["", { theatre: "zaporizhzhia" }],
    ["", { actor: "andrey-turchak" }],
    ["", { to: "-0043" }],
    ["", { from: "2023", to: "2023" }],
    [ACTOR, { status: "reported", tag: "statement" }],
    [ACTOR, { tag: "no-such-tag" }],
  ];
  const { context, page, problems } = await open(host(hostPage(`<div class="annals" id="f" data-annals-embed=""></div>${loader()}`)));
  const iframe = page.locator("#f iframe");
  await settled(iframe, "unfiltered");
  for (const [slice, q] of cases) {
    const src = `${A}${PREFIX}embed/${slice ? slice + "/" : ""}?${new URLSearchParams(q)}`;
    await iframe.evaluate((e, s) => { e.src = s; }, src);
    await until(`frame at ${src}`, async () => (await frameOf(iframe))?.url() === src);
    const { frame } = await settled(iframe, src);
    await checkList(frame, slice, q);
  }
  // The theme parameter, and only its two values.
  for (const [theme, want] of [["dark", "dark"], ["light", "light"], ["purple", null]]) {
    const src = `${A}${PREFIX}embed/?theme=${theme}`;
    await iframe.evaluate((e, s) => { e.src = s; }, src);
    await until(`frame at ${src}`, async () => (await frameOf(iframe))?.url() === src);
    const { frame } = await settled(iframe, src);
    assert.equal(await frame.evaluate(() => document.documentElement.getAttribute("data-theme")), want, `theme=${theme}`);
  }
  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("heights from another origin, from a window the loader did not insert, or out of range change nothing", async () => {
  const { context, page, problems } = await open(host(hostPage(`
<div class="annals" id="s" data-annals-embed="${ACTOR}"></div>
${loader()}
<iframe id="other-origin" title="poster B" src="${B}/poster.html" style="width:100px;height:40px"></iframe>
<iframe id="same-origin" title="poster A" src="${A}/poster.html" style="width:100px;height:40px"></iframe>
<script>setTimeout(() => postMessage({ type: "annals:height", height: 5 }, "*"), 300);</script>`)));
  const iframe = page.locator("#s iframe");
  const { box } = await settled(iframe, "actor");
  // Wait until the forged messages have all been delivered to the host.
  await until("forged messages delivered", async () => {
    const seen = await page.evaluate(() => window.seen.filter((m) => m.data?.type === "annals:height" && m.data.height === 5));
    return (seen.filter((m) => m.origin === A).length >= 10 && seen.filter((m) => m.origin === B).length >= 11) || seen.length;
  });
  const after = await sizes(iframe);
  assert.equal(after.box, box, "the embed kept its height");
  assert.ok(Math.abs(after.box - after.doc) <= TOLERANCE);
  for (const id of ["other-origin", "same-origin"]) {
    assert.equal(await page.locator(`#${id}`).evaluate((e) => getComputedStyle(e).height), "40px", `#${id} was not resized`);
  }
  // From the right frame, malformed heights are refused and huge ones capped.
  const frame = after.frame;
  for (const bad of [Number.NaN, -10, 0, Infinity, "5", null]) {
    await frame.evaluate((h) => parent.postMessage({ type: "annals:height", height: h }, "*"), bad);
  }
  await frame.evaluate(() => parent.postMessage({ type: "annals:heightx", height: 7 }, "*"));
  await page.waitForTimeout(300);
  assert.equal((await sizes(iframe)).box, box, "malformed heights are ignored");
  await frame.evaluate(() => parent.postMessage({ type: "annals:height", height: 1e9 }, "*"));
  await until("cap", async () => (await sizes(iframe)).box === 100000 || (await sizes(iframe)).box);
  await frame.evaluate(() => parent.postMessage({ type: "annals:height", height: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*"));
  await until("restored", async () => (await sizes(iframe)).box === box || (await sizes(iframe)).box);
  // The loader's own frame, once navigated to another origin, is not believed either.
  await iframe.evaluate((e, src) => { e.src = src; }, `${B}/poster.html`);
  await until("forged messages from the navigated frame delivered", async () => {
    const seen = await page.evaluate(() => window.seen.filter((m) => m.data?.type === "annals:height" && m.data.height === 5));
    return seen.filter((m) => m.origin === B).length >= 21 || seen.length;
  });
  assert.equal(await iframe.evaluate((e) => e.getBoundingClientRect().height), box, "a frame that left the site's origin is not resized");
  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("messages carrying markup or script, to the loader or to the embed page, write nothing and run nothing", async () => {
  const url = host(hostPage(`
<div class="annals" id="s" data-annals-embed="${ACTOR}"></div>
${loader()}
<iframe id="pym" title="pym child" src="${A}${PREFIX}embed/${ACTOR}/?childId=x" style="width:300px;height:200px"></iframe>
<iframe id="other-origin" title="poster B" src="${B}/poster.html" style="width:100px;height:40px"></iframe>`));
  const { context, page, problems } = await open(url);
  const dialogs = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const iframe = page.locator("#s iframe");
  const { box, frame } = await settled(iframe, "actor");
  const pymFrame = page.frames().find((f) => f.url().includes("childId=x"));
  assert.ok(pymFrame, "the pym child loaded");
  const HTML = '<img src=x onerror="alert(document.domain)"><script>alert(1)<\/script>';
  const payloads = [
    HTML,
    { type: "annals:height", height: HTML },
    // A well-formed height from the right frame is taken, its extra field not.
    { type: "annals:height", height: box, html: HTML },
    { sentinel: "amp", type: "embed-size", height: HTML },
    `pymxPYMxxxPYMxheightxPYMx${HTML}`,
    "pymxPYMxxxPYMxnavigateToxPYMxjavascript:alert(1)",
    `pymxPYMxxxPYMxwidthxPYMx${HTML}`,
  ];
  const body = (f) => f.evaluate(() => document.body.innerHTML);
  const hostBefore = await body(page);
  const frameBefore = await body(frame);
  const pymBefore = await body(pymFrame);
  // To the host, where the loader listens: from its own frame and from a
  // frame of another origin. To the embed pages (the loader's, and a pym
  // child that listens for its parent's messages): from the host.
  const other = page.frameLocator("#other-origin");
  for (const p of payloads) {
    await frame.evaluate((m) => parent.postMessage(m, "*"), p);
    await other.locator("body").evaluate((_, m) => parent.postMessage(m, "*"), p);
    await page.evaluate((m) => { for (const f of document.querySelectorAll("iframe")) f.contentWindow.postMessage(m, "*"); }, p);
  }
  await page.waitForTimeout(500);
  assert.deepEqual(dialogs, [], "nothing ran");
  assert.equal(page.url(), url, "the host did not navigate");
  assert.equal(await body(page), hostBefore, "the host page holds what it held");
  assert.equal(await body(frame), frameBefore, "the embed page holds what it held");
  assert.equal(await body(pymFrame), pymBefore, "the pym child holds what it held");
  assert.equal((await sizes(iframe)).box, box, "no height was taken from the payloads");
  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("pym.js 1.3.2's Parent sizes the embed, gets width answers, and navigates on a click", async () => {
  const url = host(hostPage(`<div class="annals" id="pym-container"></div>
<script src="/pym.v1.min.js"></script>
<script>
window.pymParent = new pym.Parent("pym-container", ${JSON.stringify(`${A}${PREFIX}embed/${ACTOR}/`)}, {});
// Record the message before pym's own handler navigates: a binding call
// still in flight when the page unloads is dropped, which made this flaky.
const pymNavigate = pymParent.messageHandlers.navigateTo.slice();
pymParent.messageHandlers.navigateTo = [async function (m) {
  if (window.recordNavigateTo) await window.recordNavigateTo(m);
  for (const handler of pymNavigate) handler.call(this, m);
}];
</script>`));
  const { context, page, problems } = await open("about:blank");
  const navigateTo = [];
  await page.exposeFunction("recordNavigateTo", (m) => navigateTo.push(m));
  await page.goto(url, { waitUntil: "load" });
  const iframe = page.locator("#pym-container iframe");
  await until("pym iframe", async () => (await iframe.count()) === 1);
  assert.match(await iframe.getAttribute("src"), /[?&]childId=pym-container(&|$)/);
  const s = await settled(iframe, "pym");
  assert.ok(s.box !== 150 && s.box > 50, `pym sized it (${s.box}px)`);
  const seen = await page.evaluate(() => window.seen.map((m) => m.data).filter((d) => typeof d === "string"));
  assert.ok(seen.includes(`pymxPYMxpym-containerxPYMxheightxPYMx${s.doc}`), `pym height message: ${JSON.stringify(seen)}`);
  // The parent sends its width on resize; the child answers with its new height.
  await page.setViewportSize({ width: 400, height: 900 });
  await until("width answered", async () => (await page.evaluate(() => window.seen.filter((m) => typeof m.data === "string").length)) > seen.length);
  const narrow = await settled(iframe, "pym at 400px");
  assert.ok(narrow.box > s.box, `narrower is taller (${narrow.box} > ${s.box})`);
  // A click on an event link asks the parent to navigate (navigateTo).
  const link = narrow.frame.locator("a.annals-title").first();
  const href = await link.evaluate((a) => a.href);
  await link.click();
  await page.waitForURL(href, { timeout: 10000 });
  assert.ok(page.url().startsWith(`${A}${PREFIX}events/`), page.url());
  assert.deepEqual(navigateTo, [href], "the child sent pym's navigateTo with the absolute URL");
  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("a plain iframe renders, and an event link opens in the top window", async () => {
  const { context, page, problems } = await open(host(hostPage(`<iframe id="plain" title="Timeline" src="${A}${PREFIX}embed/" style="width:100%;height:600px;border:0"></iframe>`)));
  const frame = await (await page.locator("#plain").elementHandle()).contentFrame();
  await frame.waitForLoadState("load");
  assert.ok((await frame.locator("li.annals-event").count()) > 0, "events listed");
  assert.match(await frame.locator("h1").innerText(), /\S/);
  // A plain iframe needs no script on the host: the page sized nothing, but
  // posted its height once loaded, though nothing resized it (its script is
  // a deferred file of the site, not inline).
  assert.equal(await page.locator("#plain").evaluate((e) => e.getBoundingClientRect().height), 600);
  const height = await docHeight(frame);
  await until("the first height message", async () => {
    const seen = await page.evaluate(() => window.seen.filter((m) => m.data?.type === "annals:height").map((m) => [m.origin, m.data.height]));
    return seen.some(([origin, h]) => origin === A && h === height) || seen;
  });
  const link = frame.locator("a.annals-title").first();
  const href = await link.evaluate((a) => a.href);
  assert.ok(href.startsWith(`${A}${PREFIX}events/`), href);
  await link.click();
  await page.waitForURL(href, { timeout: 10000 });
  assert.equal(page.mainFrame().url(), href, "the top window navigated");
  assert.deepEqual(problems, [], "console errors or failed requests");
  await context.close();
});

test("embed pages load only the style and script they share and are under 150 KB each with them; they carry noindex and a canonical link", async () => {
  const pages = [];
  (function walk(dir) {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name === "index.html") pages.push(p);
    }
  })(path.join(SITE, "embed"));
  assert.ok(pages.length >= 3, `embed pages found: ${pages.length}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  const heavy = [];
  const shared = SHARED.map((f) => `${A}${PREFIX}${f}`);
  for (const f of SHARED) assert.ok(fs.statSync(path.join(SITE, f)).isFile(), `${f} is written`);
  for (const file of pages) {
    const rel = path.relative(SITE, path.dirname(file)).split(path.sep).join("/");
    const url = `${A}${PREFIX}${rel}/`;
    const loaded = [];
    const onRequest = (r) => { if (r.url() !== url) loaded.push(r.url()); };
    page.on("request", onRequest);
    await page.goto(url, { waitUntil: "networkidle" });
    page.off("request", onRequest);
    const bytes = fs.statSync(file).size;
    let extra = 0;
    for (const u of loaded) {
      const local = u.startsWith(A + PREFIX) && path.join(SITE, decodeURIComponent(new URL(u).pathname).slice(PREFIX.length));
      extra += local && fs.existsSync(local) && fs.statSync(local).isFile() ? fs.statSync(local).size : 0;
    }
    if (bytes + extra >= 150 * 1024) heavy.push(`${rel}: ${bytes + extra} bytes`);
    assert.deepEqual(loaded.filter((u) => !u.startsWith(A)), [], `${rel} loads nothing from other hosts`);
    assert.deepEqual([...loaded].sort(), [...shared].sort(), `${rel} loads the shared style and script, and nothing else`);
    // Both applied: the padding is the stylesheet's; the script marks its run.
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("main.annals-embed")).paddingTop), "12px", `${rel}: styled`);
    assert.equal(await page.evaluate(() => window.__annalsEmbedPage), true, `${rel}: its script ran`);
    assert.equal(await page.locator('meta[name="robots"][content~="noindex"]').count(), 1, `${rel}: noindex`);
    assert.match(await page.locator('link[rel="canonical"]').getAttribute("href"), /\S/, `${rel}: canonical`);
    assert.equal(await page.locator("base").getAttribute("target"), "_top", `${rel}: links open the top window`);
  }
  assert.deepEqual(heavy, [], "pages of 150 KB or more");
  assert.deepEqual(problems, [], "console errors");
  await context.close();
});

test("screenshots of a host page with two embeds and a card, at 360 and 1280 px", async () => {
  const url = host(hostPage(`
<div class="annals" data-annals-embed="${ACTOR}"></div>
<div class="annals" data-annals-embed="tags/dismissal" data-theme="dark"></div>
<div class="annals" data-annals-embed="${CARD}"></div>
${loader()}`));
  for (const width of [360, 1280]) {
    const { context, page, problems } = await open(url, { width, height: 800 });
    await until("three iframes", async () => (await page.locator("iframe").count()) === 3);
    for (const iframe of await page.locator("iframe").all()) await settled(iframe, `at ${width}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the host overflows sideways by ${overflow}px at ${width}px`);
    for (const iframe of await page.locator("iframe").all()) {
      const frame = await frameOf(iframe);
      const o = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(o <= 1, `an embed overflows sideways by ${o}px at ${width}px`);
    }
    // Chromium does not paint cross-origin frames far outside the viewport, so
    // a full-page screenshot would show them blank: make the viewport the page.
    await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    for (const iframe of await page.locator("iframe").all()) await settled(iframe, `at ${width}px, tall viewport`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, `embeds-${width}.png`), fullPage: true });
    assert.deepEqual(problems, [], "console errors or failed requests");
    await context.close();
  }
});

test("oEmbed responses are complete, and their html embeds the page", async () => {
  assert.ok(OEMBED_SITE, "OEMBED_SITE_DIR is not set: it must name a build of the example site with --base-url https://example.org/war/ (oEmbed needs absolute URLs)");
  const dir = path.join(OEMBED_SITE, "oembed");
  assert.ok(fs.existsSync(dir), `${dir} does not exist: no oEmbed responses were written`);
  const files = [];
  (function walk(d) {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json")) files.push(p);
    }
  })(dir);
  assert.ok(files.length >= 3, `oEmbed responses found: ${files.length}`);
  const names = files.map((f) => path.relative(dir, f).split(path.sep).join("/").replace(/\.json$/, ""));
  for (const must of ["index", ACTOR, CARD]) assert.ok(names.includes(must), `oembed/${must}.json exists`);
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const problems = [];
  context.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  context.on("weberror", (e) => problems.push(String(e.error())));
  for (const [i, file] of files.entries()) {
    const name = names[i];
    const o = readJson(file);
    assert.equal(o.version, "1.0", `${name}: version`);
    assert.equal(o.type, "rich", `${name}: type`);
    for (const key of ["html", "title", "provider_name", "provider_url"]) {
      assert.equal(typeof o[key], "string", `${name}: ${key} is a string`);
      assert.match(o[key], /\S/, `${name}: ${key} is not empty`);
    }
    for (const key of ["width", "height"]) assert.ok(Number.isInteger(o[key]) && o[key] > 0, `${name}: ${key} is a positive integer (${o[key]})`);
    assert.ok(o.provider_url.startsWith("https://example.org/"), `${name}: provider_url ${o.provider_url}`);
    assert.ok(o.html.includes(OEMBED_BASE), `${name}: html names the site by its absolute URL`);
    const html = o.html.split(OEMBED_BASE).join(`${A}${PREFIX}`);
    const page = await context.newPage();
    await page.goto(host(hostPage(html)), { waitUntil: "load" });
    const iframe = page.locator("iframe").first();
    await until(`${name}: an iframe`, async () => (await page.locator("iframe").count()) >= 1);
    await iframe.scrollIntoViewIfNeeded();
    const want = `${PREFIX}embed/${name === "index" ? "" : name + "/"}`;
    await until(`${name}: the iframe shows ${want}`, async () => {
      const frame = await frameOf(iframe);
      if (!frame || new URL(frame.url()).pathname !== want) return frame?.url() ?? "no frame";
      return (await frame.locator("main.annals-embed").count()) === 1;
    });
    await page.close();
  }
  assert.deepEqual(problems, [], "console errors");
  await context.close();
});
