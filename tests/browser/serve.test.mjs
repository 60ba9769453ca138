// Headless Chromium against `annals serve` (issue 12): a saved edit shows
// without a manual reload, a broken save shows its errors over the last good
// page and fixing it removes them, a stylesheet change is applied without a
// reload, all under a strict Content-Security-Policy.
//
// ANNALS_BIN: the annals binary. The site is a copy of tests/fixtures/drafts
// whose base.html carries the CSP (a copy of the default theme's, one line added).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { chromium } from "playwright-core";

const BIN = process.env.ANNALS_BIN && path.resolve(process.env.ANNALS_BIN);
const REPO = path.resolve(import.meta.dirname, "../..");
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'">`;

let site, server, url, browser;

before(async () => {
  assert.ok(BIN && fs.existsSync(BIN), "ANNALS_BIN must name the annals binary");
  site = fs.mkdtempSync(path.join(os.tmpdir(), "annals-serve-"));
  fs.cpSync(path.join(REPO, "tests/fixtures/drafts"), site, { recursive: true });
  const base = fs.readFileSync(path.join(REPO, "themes/default/templates/base.html"), "utf8");
  fs.mkdirSync(path.join(site, "templates"), { recursive: true });
  fs.writeFileSync(path.join(site, "templates/base.html"), base.replace("<head>", `<head>\n${CSP}`));
  fs.mkdirSync(path.join(site, "static"), { recursive: true });
  server = spawn(BIN, ["serve", "--port", "0", "--root", site], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: server.stdout });
  url = await new Promise((resolve, reject) => {
    lines.once("line", (line) => resolve(line.split(" ")[1]));
    server.once("exit", (code) => reject(new Error(`annals serve exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

const event = () => path.join(site, "content/events/published.md");

test("a save shows in the open page, errors show over it until fixed, under a strict CSP", async () => {
  const page = await browser.newPage();
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy/.test(m.text()) && /__annals/.test(m.text())) violations.push(m.text()); });
  await page.goto(`${url}events/published/`);
  assert.equal((await page.textContent("h1")).trim(), "Published");
  // Wait until the reload client is connected before saving.
  await page.waitForFunction(() => window.annalsServe === "connected");

  const reloaded = page.waitForEvent("load");
  fs.writeFileSync(event(), fs.readFileSync(event(), "utf8").replace("title: Published", "title: Published again"));
  await reloaded;
  assert.equal((await page.textContent("h1")).trim(), "Published again");

  // A broken save: the overlay names the file and line; the page stays.
  await page.waitForFunction(() => window.annalsServe === "connected");
  const bad = path.join(site, "content/events/bad.md");
  fs.writeFileSync(bad, "---\ntitle: <b>Bad</b>\ndate: 2023-99\n---\n");
  const overlay = await page.waitForSelector("#annals-serve-errors");
  const text = await overlay.textContent();
  assert.match(text, /error\[E120\]: `2023-99` is not a valid date: month 99 does not exist/);
  assert.match(text, /--> content\/events\/bad\.md:3:7/);
  assert.match(text, /\| date: 2023-99/);
  assert.equal(await page.$$eval("#annals-serve-errors b", (b) => b.length), 0, "quoted content is text, never markup");
  assert.equal((await page.textContent("h1")).trim(), "Published again");

  // Fixed: the overlay goes.
  fs.writeFileSync(bad, "---\ntitle: Fine\ndate: 2023-09\n---\n");
  await page.waitForSelector("#annals-serve-errors", { state: "detached" });
  assert.deepEqual(violations, []);
  await page.close();
});

test("a stylesheet change is applied without reloading the page", async () => {
  const page = await browser.newPage();
  await page.goto(`${url}events/published/`);
  await page.evaluate(() => { window.annalsMarker = 42; });
  await page.waitForFunction(() => window.annalsServe === "connected");
  fs.writeFileSync(path.join(site, "static/style.css"), fs.readFileSync(path.join(REPO, "themes/default/static/style.css"), "utf8") + "\nh1 { color: rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)");
  assert.equal(await page.evaluate(() => window.annalsMarker), 42, "not reloaded");
  await page.close();
});
