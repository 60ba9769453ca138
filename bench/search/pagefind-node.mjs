// Pagefind through its Node API (the npm package's `createIndex`, which drives
// the same Rust core as the CLI, in a service process): what a serve process
// that keeps the index in memory would pay after one event edit.
//
//   node bench/search/pagefind-node.mjs --site OUT [--from html|records] --edit SLUG --work DIR
//
// 1. builds the index of OUT's event pages (--from html: addDirectory of
//    events/*/index.html, the pages carrying pagefind-attrs.pl's attributes;
//    --from records: addCustomRecord per event of OUT/events.json, with the
//    same filters and sort, no HTML parsed) and writes it to DIR/a;
// 2. edits one event (SLUG: a word added to its body), re-adds that one page
//    to the index still in memory (Pagefind replaces a page of the same URL),
//    writes the index again to DIR/b, and compares DIR/a and DIR/b: files
//    rewritten, files whose name (content hash) changed, their bytes;
// 3. prints timings and the service process's peak RSS (VmHWM) as JSON.
import fs from "node:fs";
import path from "node:path";
import { execSync } from "node:child_process";
import * as pagefind from "pagefind";

const args = process.argv.slice(2);
const opt = (n, d) => (args.indexOf(n) >= 0 ? args[args.indexOf(n) + 1] : d);
const site = opt("--site");
const from = opt("--from", "html");
const slug = opt("--edit");
const work = opt("--work");
if (!site || !slug || !work) {
  console.error("usage: node pagefind-node.mjs --site OUT --edit SLUG --work DIR [--from html|records]");
  process.exit(2);
}
const check = (r, what) => {
  if (r.errors && r.errors.length) throw new Error(`${what}: ${r.errors.join("; ")}`);
  return r;
};
const now = () => performance.now() / 1000;
const servicePids = () => {
  try {
    return execSync(`pgrep -P ${process.pid}`).toString().trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
};
const hwm = () => servicePids().reduce((a, pid) => {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
    return a + (m ? Number(m[1]) : 0);
  } catch {
    return a;
  }
}, 0);

function record(e, extraWord) {
  const text = [e.title, e.summary || "", e.body + (extraWord ? `\n\n${extraWord}` : ""),
    ...e.actors.map((a) => a.name), ...e.theatres.map((t) => t.name), ...e.tags.map((t) => t.name),
    ...e.sources.flatMap((s) => [s.publisher, s.title || "", s.url || ""])].join("\n");
  const filters = { actor: e.actors.map((a) => a.name), theatre: e.theatres.map((t) => t.name), tag: e.tags.map((t) => t.name), status: [e.status], year: [e.start.slice(0, 4)] };
  if (e.precision !== "year") filters.month = [e.start.slice(0, 7)];
  return { url: e.url, content: text, language: "en", meta: { title: e.title, date: e.date_text || e.date }, filters, sort: { date: e.start } };
}

const out = { from, site };
let t = now();
const { index } = check(await pagefind.createIndex({ forceLanguage: "en" }), "createIndex");
let events;
if (from === "records") {
  events = JSON.parse(fs.readFileSync(path.join(site, "events.json"), "utf8")).events;
  out.read_json_s = +(now() - t).toFixed(2);
  t = now();
  // In batches: the service answers each call; a few thousand in flight at once is fine.
  for (let i = 0; i < events.length; i += 2000) {
    await Promise.all(events.slice(i, i + 2000).map((e) => index.addCustomRecord(record(e)).then((r) => check(r, "addCustomRecord"))));
  }
  out.pages = events.length;
} else {
  const r = check(await index.addDirectory({ path: site, glob: "events/*/index.html" }), "addDirectory");
  out.pages = r.page_count;
}
out.add_s = +(now() - t).toFixed(2);
t = now();
fs.rmSync(work, { recursive: true, force: true });
check(await index.writeFiles({ outputPath: path.join(work, "a") }), "writeFiles");
out.build_and_write_s = +(now() - t).toFixed(2);
out.full_s = +(out.add_s + out.build_and_write_s).toFixed(2);
out.service_peak_rss_mb_after_full = Math.round(hwm() / 1024);

// One event edited: a word added to its body.
const word = "quenvarith";
t = now();
if (from === "records") {
  const e = events.find((e) => e.slug === slug);
  check(await index.addCustomRecord(record(e, word)), "addCustomRecord (edit)");
} else {
  const file = path.join(site, "events", slug, "index.html");
  const prose = '<div class="prose" dir="auto">';
  const html = fs.readFileSync(file, "utf8").replace(prose, `${prose}<p>${word}</p>`);
  if (!html.includes(word)) throw new Error(`no ${prose} in ${file}`);
  check(await index.addHTMLFile({ url: `/events/${slug}/`, content: html }), "addHTMLFile (edit)");
}
out.edit_add_s = +(now() - t).toFixed(3);
t = now();
check(await index.writeFiles({ outputPath: path.join(work, "b") }), "writeFiles (after edit)");
out.edit_build_and_write_s = +(now() - t).toFixed(2);
out.edit_total_s = +(out.edit_add_s + out.edit_build_and_write_s).toFixed(2);
out.service_peak_rss_mb = Math.round(hwm() / 1024);

// What changed between the two bundles.
const list = (d) => {
  const m = new Map();
  const walk = (p) => {
    for (const n of fs.readdirSync(p, { withFileTypes: true })) {
      const q = path.join(p, n.name);
      if (n.isDirectory()) walk(q);
      else m.set(path.relative(d, q), fs.statSync(q).size);
    }
  };
  walk(d);
  return m;
};
const a = list(path.join(work, "a"));
const b = list(path.join(work, "b"));
const isNew = [...b.keys()].filter((k) => !a.has(k) || !fs.readFileSync(path.join(work, "a", k)).equals(fs.readFileSync(path.join(work, "b", k))));
const kinds = (keys) => keys.reduce((m, k) => ((m[k.split("/")[0].replace(/^pagefind\..*/, "meta")] ||= 0), m[k.split("/")[0].replace(/^pagefind\..*/, "meta")]++, m), {});
out.files_in_bundle = b.size;
out.bytes_in_bundle = [...b.values()].reduce((x, y) => x + y, 0);
out.files_new_or_changed_after_edit = isNew.length;
out.bytes_new_or_changed_after_edit = isNew.reduce((x, k) => x + b.get(k), 0);
out.new_or_changed_by_kind = kinds(isNew);
out.files_gone_after_edit = [...a.keys()].filter((k) => !b.has(k)).length;
out.fragments = { before: [...a.keys()].filter((k) => k.startsWith("fragment/")).length, after: [...b.keys()].filter((k) => k.startsWith("fragment/")).length };
await index.deleteIndex();
await pagefind.close();
console.log(JSON.stringify(out));
