// Bytes a first query loads, measured at the server: serves a built site on
// localhost, opens a query in headless Chromium with an empty cache, and sums
// the bodies of every response after the page itself (index and meta files,
// shards, fragments, the engine's own scripts). One fresh browser context per
// query, so nothing comes from a cache.
//
//   node bench/search/bytes.mjs --site DIR --engine pagefind|annals [--query NAME:QUERYSTRING ...] [--json]
//
// A query is written once for both engines, as a URL query string:
//   q=WORD                 free text
//   tag=aid, status=..., actor=..., theatre=...   facets (repeat a key for OR)
//   from=YYYY-MM-DD&to=YYYY-MM-DD                  a date range
// --engine annals opens <site>/?QUERYSTRING and waits for
//   #filters[data-search-state=done] (the default theme's annals.js).
// --engine pagefind opens a page of this script that imports /pagefind/pagefind.js,
//   runs search(q or null, {filters}) and loads the first 10 results' data(), as
//   Pagefind's Default UI does. Facets map to Pagefind filters of the same name;
//   a date range maps to {month: {any: [every month in the range]}} (Pagefind has
//   no range filter; see bench/search/pagefind-attrs.pl for the month filter).
//
// Bytes are the bodies as sent (this server never compresses). "gzip" is what a
// static host compressing on the fly would send: gzip -6 of each body, or the
// body itself when that is not smaller (Pagefind's files are already gzipped).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const site = opt("--site");
const engine = opt("--engine", "pagefind");
const asJson = args.includes("--json");
const timeout = Number(opt("--timeout", "120000"));
if (!site || !["pagefind", "annals"].includes(engine)) {
  console.error("usage: node bytes.mjs --site DIR --engine pagefind|annals [--query NAME:QS ...] [--json]");
  process.exit(2);
}
let queries = [];
args.forEach((a, i) => {
  if (a === "--query") {
    const s = args[i + 1];
    const k = s.indexOf(":");
    queries.push({ name: s.slice(0, k), qs: s.slice(k + 1) });
  }
});
if (!queries.length) {
  queries = [
    { name: "rare word", qs: "q=xylofantic" },
    { name: "common word", qs: "q=warehouse" },
    { name: "facet only", qs: "tag=aid" },
    { name: "facet + date range", qs: "tag=aid&from=2024-01-01&to=2024-12-31" },
    { name: "word + facet", qs: "q=warehouse&status=disputed" },
  ];
}

// playwright-core: from bench/search/node_modules (run.sh installs it), else tests/browser's.
const here = path.dirname(new URL(import.meta.url).pathname);
let chromium;
for (const base of [here, path.join(here, "../../tests/browser")]) {
  try {
    chromium = createRequire(path.join(base, "package.json"))("playwright-core").chromium;
    break;
  } catch {}
}
if (!chromium) {
  console.error("playwright-core not found: run `npm ci` in bench/search (run.sh does)");
  process.exit(2);
}

// ---- the server: static files, a log of what it sent ----
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm", ".xml": "application/xml" };
let log = [];
const gzCache = new Map();
const gzipSize = (key, buf) => {
  if (!gzCache.has(key)) gzCache.set(key, Math.min(buf.length, zlib.gzipSync(buf, { level: 6 }).length));
  return gzCache.get(key);
};
const HARNESS = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pagefind bench</title>
<body><script type="module">
const p = new URLSearchParams(location.search);
const pf = await import("/pagefind/pagefind.js");
await pf.options({});
const filters = JSON.parse(p.get("filters") || "{}");
const r = await pf.search(p.get("q") || null, { filters });
const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
window.__result = { count: r.results.length, first: data.map((d) => d.url).slice(0, 3) };
document.body.dataset.done = "1";
</script></body></html>`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let body, type;
  if (url.pathname === "/__bench__/pagefind.html") {
    body = Buffer.from(HARNESS);
    type = TYPES[".html"];
  } else {
    let p = path.join(site, decodeURIComponent(url.pathname));
    if (!p.startsWith(path.resolve(site))) p = "/nonexistent";
    try {
      if (fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
      body = fs.readFileSync(p);
      type = TYPES[path.extname(p)] || "application/octet-stream";
    } catch {
      res.writeHead(404).end();
      log.push({ path: url.pathname, status: 404, bytes: 0, gzip: 0 });
      return;
    }
  }
  res.writeHead(200, { "content-type": type, "content-length": body.length, "cache-control": "no-store" });
  res.end(body);
  log.push({ path: url.pathname + url.search, status: 200, bytes: body.length, gzip: gzipSize(url.pathname, body) });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

function months(from, to) {
  const out = [];
  let [y, m] = from.split("-").map(Number);
  const [y2, m2] = to.split("-").map(Number);
  while (y < y2 || (y === y2 && m <= m2)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

function pagefindUrl(qs) {
  const p = new URLSearchParams(qs);
  const filters = {};
  for (const [k, v] of p) {
    if (k === "q" || k === "from" || k === "to") continue;
    (filters[k] ||= []).push(v);
  }
  for (const k of Object.keys(filters)) filters[k] = filters[k].length === 1 ? filters[k][0] : { any: filters[k] };
  if (p.get("from") || p.get("to")) filters.month = { any: months(p.get("from") || "0001-01", p.get("to") || "9999-12") };
  const out = new URLSearchParams();
  if (p.get("q")) out.set("q", p.get("q"));
  out.set("filters", JSON.stringify(filters));
  return `${origin}/__bench__/pagefind.html?${out}`;
}

// What the page loads without a query (annals): not counted, it is "the page itself".
async function visit(url, waitDone) {
  log = [];
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load", timeout });
  let ok = true;
  try {
    await page.waitForFunction(waitDone, null, { timeout });
  } catch (e) {
    ok = false;
    errors.push("not done: " + e.message.split("\n")[0]);
  }
  const ms = Date.now() - t0;
  await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
  const info = await page.evaluate(() => {
    if (window.__result) return window.__result;
    const live = document.querySelector("[aria-live]");
    return { live: live ? live.textContent.trim().slice(0, 120) : null };
  }).catch(() => ({}));
  await ctx.close();
  return { entries: log, ok, ms, errors, info };
}

const results = [];
let baseline = new Set();
if (engine === "annals") {
  const b = await visit(`${origin}/`, "document.readyState === 'complete'");
  baseline = new Set(b.entries.map((e) => e.path.split("?")[0]));
}
for (const q of queries) {
  const r = engine === "annals"
    ? await visit(`${origin}/?${q.qs}`, "!!document.querySelector('#filters[data-search-state=done]')")
    : await visit(pagefindUrl(q.qs), "document.body && document.body.dataset.done === '1'");
  const counted = r.entries.filter((e) => {
    const p = e.path.split("?")[0];
    if (p === "/favicon.ico") return false;
    if (engine === "pagefind") return p !== "/__bench__/pagefind.html";
    return !baseline.has(p) && p !== "/";
  });
  const sum = (k) => counted.reduce((a, e) => a + e[k], 0);
  const byKind = {};
  for (const e of counted) {
    const p = e.path.split("?")[0];
    const kind = p.includes("/fragment/") ? "fragments" : p.includes("/index/") ? "index chunks" : p.includes("/filter/") ? "filters" : p.endsWith("pf_meta") ? "meta" : /\.(js|wasm|pagefind)$/.test(p) ? "code" : "other";
    byKind[kind] = (byKind[kind] || 0) + e.bytes;
  }
  results.push({ engine, query: q.name, qs: q.qs, ok: r.ok, requests: counted.length, bytes: sum("bytes"), gzip: sum("gzip"), byKind, ms: r.ms, info: r.info, errors: r.errors, files: counted.map((e) => `${e.bytes}\t${e.path}`) });
}
await browser.close();
server.close();

if (asJson) {
  console.log(JSON.stringify(results, null, 1));
} else {
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`| engine | query | requests | KiB as sent | KiB gzip | of which (KiB) | results | ok |`);
  console.log(`|---|---|---:|---:|---:|---|---|---|`);
  for (const r of results) {
    const parts = Object.entries(r.byKind).map(([k, v]) => `${k} ${kb(v)}`).join(", ");
    const found = r.info.count !== undefined ? `${r.info.count} (first: ${(r.info.first || [])[0] || "–"})` : r.info.live || "–";
    console.log(`| ${r.engine} | ${r.query} (\`${r.qs}\`) | ${r.requests} | ${kb(r.bytes)} | ${kb(r.gzip)} | ${parts} | ${found} | ${r.ok ? "yes" : "NO: " + r.errors.join("; ").slice(0, 200)} |`);
  }
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
