// The XSS sweep (issue 16): every HTML page of a site whose every
// contributor-controlled field holds every vector of tests/xss/vectors.txt
// (tests/xss/generate.py), loaded in headless Chromium: full pages, embed
// pages, fragments, and the error overlay of `annals serve`. Nothing may run:
// no dialog, no uncaught error, no navigation, no request to a scheme or host
// the site does not use, and, read from the live DOM after load, no event
// handler attribute, no script the theme did not write, no javascript:,
// vbscript: or data:text/html URL, no srcdoc.
//
// XSS_SITE_DIR: the two sites the generator writes, built into its site/
// (--base-url https://example.org/war/) and config/ (--base-url
// https://example.org/config/); their pages are answered from disk for those
// URLs. XSS_SOURCE: the generator's output, for the serve overlay. ANNALS_BIN: the binary that `serve`s it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { chromium } from "playwright-core";

const SITE = process.env.XSS_SITE_DIR;
const SOURCE = process.env.XSS_SOURCE;
const BIN = process.env.ANNALS_BIN && path.resolve(process.env.ANNALS_BIN);
// Each site answers at its own base URL, as it was built (.ci/validate).
const SITES = { site: "https://example.org/war/", config: "https://example.org/config/", control: "https://example.org/control/" };
const WORKERS = 4;

let browser;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "site/index.html")) && fs.existsSync(path.join(SITE, "config/index.html")), "XSS_SITE_DIR must hold the built XSS sites");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
});

// The corpus, as generate.py reads it.
function vectors() {
  return fs.readFileSync(path.join(import.meta.dirname, "../xss/vectors.txt"), "utf8")
    .split("\n").filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/\\u\{([0-9A-Fa-f]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16))));
}

function htmlPages(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) out.push(path.relative(SITE, path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out.sort();
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png" };

// Answers requests for the site's origin from disk; every other request is
// refused, and noted when it is not an image the content names by URL (the
// author's choice, SPEC §8) or a stylesheet the content cannot name.
async function routeSite(context, foreign) {
  await context.route("**/*", async (route) => {
    const req = route.request();
    const url = req.url();
    const name = Object.keys(SITES).find((n) => url.startsWith(SITES[n]));
    if (name) {
      const root = path.join(SITE, name);
      const rel = decodeURIComponent(new URL(url).pathname.slice(new URL(SITES[name]).pathname.length));
      let file = path.join(root, rel);
      if (!file.startsWith(root)) return route.fulfill({ status: 403 });
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] || "application/octet-stream", body: fs.readFileSync(file) });
    }
    if (req.resourceType() !== "image") foreign.push(`${req.resourceType()} ${url}`);
    return route.abort();
  });
}

// What the live DOM must not hold, as a list of findings.
function audit(base) {
  const found = [];
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite", "srcset"];
  const bad = /^\s*(javascript|vbscript|data:\s*text\/html)/i;
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith("on")) found.push(`handler ${name} on <${el.localName}>`);
        if (name === "srcdoc") found.push(`srcdoc on <${el.localName}>`);
        if (urlAttrs.includes(name) && bad.test(a.value.replace(/[\t\n\r]/g, ""))) found.push(`${name}=${a.value} on <${el.localName}>`);
        if (name === "style" && /url\s*\(|expression\s*\(/i.test(a.value)) found.push(`style ${a.value} on <${el.localName}>`);
      }
      if (el.localName === "script") {
        const type = (el.getAttribute("type") || "").toLowerCase();
        // Resolved: the theme writes path-absolute URLs.
        const src = el.hasAttribute("src") ? el.src : null;
        const data = type === "application/ld+json" || type === "application/json";
        if (src ? !(src.startsWith(base) || src.startsWith(new URL("/__annals/", base).href)) : !data) found.push(`script ${src || el.textContent.slice(0, 80)}`);
        if (src && data) found.push(`data script with src ${src}`);
      }
      if (["iframe", "object", "embed", "frame", "base", "meta"].includes(el.localName)) {
        const target = el.src || el.data || el.href || "";
        if (el.localName === "meta" && /refresh/i.test(el.getAttribute("http-equiv") || "")) found.push(`meta refresh ${el.getAttribute("content")}`);
        // The theme's embed pages hold `<base target="_top">`: a target, no address.
        const themeBase = el.localName === "base" && !el.hasAttribute("href");
        if (el.localName !== "meta" && !themeBase && !(target.startsWith(base) && el.localName === "iframe")) found.push(`<${el.localName}> ${target}`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
    for (const t of root.querySelectorAll("template")) walk(t.content);
  };
  walk(document);
  return found;
}

// Loads one page with every hook; returns what ran or was found.
async function sweep(page, url, base, state) {
  state.events = [];
  state.expected = url;
  await page.goto(url, { waitUntil: "load" });
  // Scripts that run on load (filters, embeds, search) have had their turn;
  // a vector that waits for an event (a hover, an animation) is an event
  // handler attribute, which the audit finds.
  const found = await page.evaluate(audit, base);
  return [...state.events, ...found];
}

async function hookedPage(context) {
  const page = await context.newPage();
  const state = { events: [], expected: "" };
  page.on("dialog", async (d) => { state.events.push(`dialog ${d.type()}: ${d.message()}`); await d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => state.events.push(`page error: ${e.message}`));
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame() && f.url() !== state.expected) state.events.push(`navigated to ${f.url()}`);
  });
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame() && r.url() !== state.expected) state.events.push(`navigation request ${r.url()}`);
  });
  return { page, state };
}

test("no vector runs on any page of the site: full pages, embeds, fragments", { timeout: 30 * 60 * 1000 }, async () => {
  const pages = htmlPages(SITE).filter((p) => /^(site|config)\//.test(p));
  const kinds = (prefix) => pages.filter((p) => p.startsWith(prefix)).length;
  for (const kind of ["site/embed/", "site/fragments/", "site/events/", "site/actors/", "site/theatres/", "site/periods/", "site/tags/", "config/embed/", "config/events/"]) {
    assert.ok(kinds(kind) > 0, `${kind} pages are in the sweep`);
  }
  const context = await browser.newContext({ javaScriptEnabled: true });
  const foreign = [];
  await routeSite(context, foreign);
  const findings = [];
  let next = 0;
  const worker = async () => {
    const { page, state } = await hookedPage(context);
    while (next < pages.length) {
      const rel = pages[next++];
      const [name, ...rest] = rel.split(path.sep);
      const url = SITES[name] + rest.join("/").replace(/index\.html$/, "");
      for (const f of await sweep(page, url, SITES[name], state)) findings.push(`${rel}: ${f}`);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await context.close();
  console.log(`xss sweep: ${pages.length} pages, ${findings.length} findings, ${foreign.length} foreign requests`);
  // What was found, once each whatever the page, then where.
  console.log([...new Set(findings.map((f) => f.replace(/^[^:]*: /, "")))].slice(0, 100).join("\n"));
  assert.deepEqual(findings.slice(0, 50), []);
  assert.deepEqual([...new Set(foreign)].slice(0, 50), []);
});

test("the sweep sees an execution when there is one: the corpus with unsafe_html", { timeout: 5 * 60 * 1000 }, async (t) => {
  // The control: with the sanitiser off (unsafe_html: true), the same
  // vectors in a body must run, and the sweep must say so.
  assert.ok(BIN && fs.existsSync(BIN), "ANNALS_BIN must name the annals binary");
  const src = fs.mkdtempSync(path.join(os.tmpdir(), "annals-xss-control-"));
  t.after(() => fs.rmSync(src, { recursive: true, force: true }));
  fs.mkdirSync(path.join(src, "content/events"), { recursive: true });
  fs.writeFileSync(path.join(src, "annals.yaml"), "title: Control\nunsafe_html: true\n");
  fs.writeFileSync(path.join(src, "content/events/control.md"), `---\ntitle: Control\ndate: 2023-07-12\n---\n${vectors().join("\n\n")}\n`);
  const out = path.join(SITE, "control");
  const built = spawnSync(BIN, ["build", "-q", "--root", src, "--output", out, "--force", "--base-url", SITES.control]);
  assert.equal(built.status, 0, String(built.stderr));
  t.after(() => fs.rmSync(out, { recursive: true, force: true }));
  const context = await browser.newContext();
  const foreign = [];
  await routeSite(context, foreign);
  const { page, state } = await hookedPage(context);
  const found = await sweep(page, `${SITES.control}events/control/`, SITES.control, state);
  await context.close();
  assert.ok(found.some((f) => f.startsWith("dialog alert")), found.join("\n"));
  assert.ok(found.some((f) => f.startsWith("handler onerror")), found.join("\n"));
  assert.ok(found.some((f) => /javascript:/.test(f)), found.join("\n"));
});

test("the serve overlay shows every vector in its errors as text", { timeout: 5 * 60 * 1000 }, async (t) => {
  assert.ok(BIN && fs.existsSync(BIN), "ANNALS_BIN must name the annals binary");
  assert.ok(SOURCE && fs.existsSync(path.join(SOURCE, "site/annals.yaml")), "XSS_SOURCE must hold the XSS sites' sources");
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "annals-xss-serve-"));
  t.after(() => fs.rmSync(site, { recursive: true, force: true }));
  // The site's own vectors, and one small broken file per vector so that the
  // overlay quotes each, as a value and as its line, with a file name that
  // holds it too.
  fs.cpSync(path.join(SOURCE, "site"), site, { recursive: true });
  fs.rmSync(path.join(site, "imports"), { recursive: true, force: true });
  const all = vectors();
  const server = spawn(BIN, ["serve", "--port", "0", "--root", site], { stdio: ["ignore", "pipe", "ignore"] });
  t.after(() => server.kill());
  const lines = readline.createInterface({ input: server.stdout });
  const url = await new Promise((resolve, reject) => {
    lines.once("line", (line) => resolve(line.split(" ")[1]));
    server.once("exit", (code) => reject(new Error(`annals serve exited with ${code}`)));
  });
  const context = await browser.newContext();
  const { page, state } = await hookedPage(context);
  state.expected = url;
  await page.goto(url);
  await page.waitForFunction(() => window.annalsServe === "connected");
  const bad = path.join(site, "content/events/broken");
  fs.mkdirSync(bad);
  all.forEach((v, i) => {
    const name = `${i}-${v.replace(/[/\0]/g, "_")}`.slice(0, 100) + ".md";
    fs.writeFileSync(path.join(bad, name), `---\ntitle: ${JSON.stringify(v)}\ndate: ${JSON.stringify(v)}\nactors: ${JSON.stringify(v)}\n${JSON.stringify(v)}: 1\n---\n`);
  });
  const overlay = await page.waitForSelector("#annals-serve-errors", { timeout: 60000 });
  await page.waitForTimeout(500);
  const text = await overlay.textContent();
  assert.match(text, /error\[E120\]/);
  assert.ok(text.includes("<script>alert(1)</script>"), "the vectors show as text");
  const found = [...state.events, ...(await page.evaluate(audit, url))];
  assert.deepEqual(found, []);
  await context.close();
});
