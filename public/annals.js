// Site-wide search (SPEC §7): free text, facets and a date range over the
// whole timeline, from any list page. It reads the split index under
// /search/ (docs/exports.md), loading only the files a query needs: the
// terms' bucket for each word, a facet's list, the records of the results
// shown. Results replace this page's list (`[data-annals-list]`) while a
// search is set; the state is in the URL's query, so a view can be shared
// and is restored on reload. Without JavaScript the form stays hidden and
// the page is the plain list.
(() => {
  "use strict";
  const form = document.getElementById("filters");
  if (!form || !form.dataset.search) return;
  const panel = document.getElementById("search-results");
  const results = panel.querySelector("[data-results]");
  const more = panel.querySelector("[data-more]");
  const template = document.getElementById("search-result");
  const count = document.getElementById("f-count");
  const hint = document.getElementById("browse-hint");
  const fields = Array.from(form.elements).filter((e) => e.name);
  const metaUrl = new URL(form.dataset.search, location.href);
  const FACETS = ["actor", "theatre", "tag", "period", "status"];
  const PAGE = 25;
  const lang = document.documentElement.lang || "en";

  // "{count} events found": one text, or a form per CLDR plural category.
  let foundForms = "{count}";
  try {
    foundForms = JSON.parse(form.dataset.found);
  } catch {
    // Keep the bare number.
  }
  function plural(forms, n) {
    if (typeof forms === "string") return forms;
    let category = "other";
    try {
      category = new Intl.PluralRules(lang).select(n);
    } catch {
      // An unknown language tag: the fallbacks below.
    }
    return forms[category] ?? forms.other ?? forms.many ?? "";
  }

  // Each file is fetched once; a failed fetch is forgotten so it can be retried.
  const files = new Map();
  function load(relative) {
    const url = new URL(relative, metaUrl).href;
    if (!files.has(url)) {
      const p = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${r.status} ${url}`);
        return r.json();
      });
      p.catch(() => files.delete(url));
      files.set(url, p);
    }
    return files.get(url);
  }

  let meta = null;
  let names = null;
  async function ready() {
    if (meta) return meta;
    const m = await load(metaUrl.href);
    names = {};
    for (const facet of FACETS) {
      names[facet] = new Map((m.facets[facet] || []).map(([slug, name]) => [slug, name]));
    }
    for (const select of form.querySelectorAll("select[data-facet]")) {
      const wanted = select.value || new URLSearchParams(location.search).get(select.name) || "";
      const values = [...(m.facets[select.dataset.facet] || [])];
      if (select.dataset.facet !== "period") values.sort((a, b) => a[1].localeCompare(b[1], lang));
      for (const [slug, name] of values) {
        const option = new Option(name, slug);
        option.dir = "auto"; // names may be written right to left
        select.add(option);
      }
      select.value = wanted;
    }
    meta = m;
    return m;
  }

  // The words of a text as the index cuts them (src/search/words.rs).
  function words(text) {
    const folded = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    return (folded.match(/[\p{Alphabetic}\p{N}]+/gu) || []).map((w) => Array.from(w).slice(0, meta.max_chars).join(""));
  }

  // FNV-1a of the UTF-8 of a term's first characters: its bucket.
  const encoder = new TextEncoder();
  function bucket(term) {
    let h = 0x811c9dc5;
    for (const byte of encoder.encode(Array.from(term).slice(0, meta.prefix).join(""))) {
      h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    }
    return h % meta.buckets;
  }

  const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(values[k]));

  // Events (numbers in timeline order) and strengths of the terms a word
  // begins, or only of the word itself when it is shorter than the prefix.
  async function lookup(word) {
    const terms = await load(fill(meta.files.terms, { n: bucket(word) }));
    const found = new Map();
    const prefix = Array.from(word).length >= meta.prefix;
    for (const [term, list] of Object.entries(terms)) {
      if (prefix ? !term.startsWith(word) : term !== word) continue;
      const exact = term === word ? 1 : 0;
      let event = 0;
      for (const v of list) {
        event += Math.floor(v / 4);
        const score = (v % 4) * 2 + exact;
        if ((found.get(event) ?? 0) < score) found.set(event, score);
      }
    }
    return found;
  }

  async function facet(name, value) {
    const known = names[name] && names[name].has(value);
    if (!known) return [];
    const list = await load(fill(meta.files.facet, { facet: name, value }));
    let event = 0;
    return list.map((d) => (event += d));
  }

  function intersect(a, b) {
    if (a === null) return b;
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  // "2023", "2023-07", "2023-07-12", "-0043" → day number (since 1970-01-01,
  // UTC) of its first or last day; null when it is not such a date.
  function day(text, last) {
    const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) - 1 : last ? 11 : 0;
    if (mo > 11 || (m[3] && (Number(m[3]) < 1 || Number(m[3]) > 31))) return null;
    const date = new Date(0);
    if (m[3]) date.setUTCFullYear(y, mo, Number(m[3]));
    else if (last) date.setUTCFullYear(y, mo + 1, 0);
    else date.setUTCFullYear(y, mo, 1);
    return Math.floor(date.getTime() / 86400000);
  }

  const docs = (chunk) => load(fill(meta.files.docs, { n: chunk }));

  // Keeps the events whose span overlaps [from, to], as `annals list` does:
  // an open side reaches everything. Whole chunks are decided from
  // dates.json; only those on the range's edges load their records.
  async function dated(ids, from, to) {
    const spans = await load(meta.files.dates);
    const out = [];
    const jobs = [];
    for (let c = 0; c < spans.length; c++) {
      const first = c * meta.chunk;
      const last = Math.min(first + meta.chunk, meta.events);
      const members = ids === null ? null : ids.filter((i) => i >= first && i < last);
      if (members && !members.length) continue;
      const [sMin, sMax, eMin, eMax] = spans[c];
      const none = (to !== null && sMin !== null && sMin > to) || (from !== null && eMax !== null && eMax < from);
      if (none) continue;
      const all = (to === null || sMax === null || sMax <= to) && (from === null || eMin === null || eMin >= from);
      const wanted = members ?? Array.from({ length: last - first }, (_, k) => first + k);
      if (all) {
        jobs.push(Promise.resolve(wanted));
        continue;
      }
      jobs.push(docs(c).then((records) => wanted.filter((i) => {
        const r = records[i - first];
        return (to === null || r.start === null || r.start <= to) && (from === null || r.end === null || r.end >= from);
      })));
    }
    for (const part of await Promise.all(jobs)) out.push(...part);
    return out;
  }

  function state() {
    const v = {};
    for (const f of fields) v[f.name] = f.value.trim();
    return v;
  }

  async function query(v) {
    await ready();
    let ids = null;
    let scores = null;
    for (const name of FACETS) {
      if (v[name]) ids = intersect(ids, await facet(name, v[name]));
    }
    const ws = [...new Set(words(v.q || ""))];
    for (const w of ws) {
      const found = await lookup(w);
      ids = intersect(ids, [...found.keys()].sort((a, b) => a - b));
      if (!scores) scores = new Map();
      for (const i of ids) scores.set(i, (scores.get(i) ?? 0) + (found.get(i) ?? 0));
    }
    const from = v.from ? day(v.from, false) : null;
    const to = v.to ? day(v.to, true) : null;
    form.elements.from.setAttribute("aria-invalid", String(Boolean(v.from) && from === null));
    form.elements.to.setAttribute("aria-invalid", String(Boolean(v.to) && to === null));
    if (from !== null || to !== null) ids = await dated(ids, from, to);
    if (ids === null) ids = Array.from({ length: meta.events }, (_, i) => i);
    if (v.sort === "relevance" && scores) {
      ids = [...ids].sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    } else if (form.dataset.order === "descending") {
      ids = [...ids].reverse();
    }
    return ids;
  }

  const statusText = (s) => {
    const option = form.elements.status.querySelector(`option[value="${s}"]`);
    return option ? option.textContent : s;
  };

  function item(r) {
    const node = template.content.firstElementChild.cloneNode(true);
    for (const el of node.querySelectorAll("[data-status-class]")) el.classList.add(`status-${r.status}`);
    const text = { date: r.date, status: statusText(r.status), summary: r.summary, title: r.title };
    for (const el of node.querySelectorAll("[data-field]")) {
      const name = el.dataset.field;
      el.textContent = text[name] ?? "";
      if (name === "title" && el.tagName === "A") el.href = fill(meta.links.event, { slug: r.slug });
      if (name === "summary" && !r.summary) el.remove();
    }
    for (const chips of node.querySelectorAll("[data-chips]")) {
      const kinds = chips.dataset.chips ? chips.dataset.chips.split(" ") : ["actor", "theatre", "tag"];
      for (const [kind, slugs] of [["actor", r.actors], ["theatre", r.theatres], ["tag", r.tags]]) {
        if (!kinds.includes(kind)) continue;
        for (const slug of slugs) {
          const a = document.createElement("a");
          a.className = `chip ${kind}`;
          a.href = fill(meta.links[kind], { slug });
          a.dir = "auto";
          a.textContent = names[kind].get(slug) ?? slug;
          chips.append(a, " ");
        }
      }
      // An empty paragraph goes; an empty table cell stays, or the row breaks.
      if (!chips.childElementCount && chips.tagName === "P") chips.remove();
    }
    return node;
  }

  let shown = [];
  let next = 0;
  async function showMore(run) {
    const page = shown.slice(next, next + PAGE);
    const chunks = [...new Set(page.map((i) => Math.floor(i / meta.chunk)))];
    const loaded = new Map(await Promise.all(chunks.map(async (c) => [c, await docs(c)])));
    if (run !== generation) return;
    for (const i of page) {
      const c = Math.floor(i / meta.chunk);
      results.append(item(loaded.get(c)[i - c * meta.chunk]));
    }
    next += page.length;
    more.hidden = next >= shown.length;
  }

  let generation = 0;
  async function apply() {
    const v = state();
    const params = new URLSearchParams();
    for (const f of fields) if (f.value.trim()) params.set(f.name, f.value.trim());
    const search = params.toString();
    history.replaceState(history.state, "", search ? `?${search}${location.hash}` : location.pathname + location.hash);
    const run = ++generation;
    const active = fields.some((f) => f.name !== "sort" && f.value.trim());
    if (!active) {
      panel.hidden = true;
      for (const el of document.querySelectorAll("[data-annals-list]")) el.hidden = false;
      count.textContent = "";
      form.dataset.searchState = "done";
      return;
    }
    form.dataset.searchState = "busy";
    try {
      const ids = await query(v);
      if (run !== generation) return;
      shown = ids;
      next = 0;
      results.replaceChildren();
      await showMore(run);
      if (run !== generation) return;
      for (const el of document.querySelectorAll("[data-annals-list]")) el.hidden = true;
      panel.hidden = false;
      count.textContent = plural(foundForms, ids.length).replace("{count}", ids.length.toLocaleString(lang));
    } catch (e) {
      if (run !== generation) return;
      count.textContent = form.dataset.failed;
      console.warn("annals search:", e);
    }
    form.dataset.searchState = "done";
  }

  let timer = 0;
  form.addEventListener("input", (e) => {
    form.dataset.searchState = "busy";
    clearTimeout(timer);
    timer = setTimeout(apply, e.target.name === "q" ? 120 : 0);
  });
  form.addEventListener("change", () => { clearTimeout(timer); apply(); });
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); apply(); });
  // The facets' options come with meta.json: fetched when the reader
  // reaches for the form, or once the page is idle, so that a select is
  // never opened empty.
  const early = () => { ready().catch(() => {}); };
  form.addEventListener("focusin", early, { once: true });
  form.addEventListener("pointerover", early, { once: true });
  (window.requestIdleCallback || ((f) => setTimeout(f, 500)))(early);
  more.addEventListener("click", () => showMore(generation));

  const initial = new URLSearchParams(location.search);
  for (const f of fields) if (initial.has(f.name)) f.value = initial.get(f.name);
  form.hidden = false;
  if (hint) hint.hidden = true;
  // Facet options come with the index's meta.json: load it before the
  // state is read, so a shared link's actor or period is kept.
  if (fields.some((f) => initial.get(f.name))) ready().then(apply, apply);
  else form.dataset.searchState = "done";
})();

// "Embed this": copy buttons, and absolute addresses in the snippets when the
// site's base_url is only a path (the page knows its own origin).
(() => {
  "use strict";
  for (const area of document.querySelectorAll("textarea.embed-code")) {
    area.value = area.value.replace(/(src=")(\/[^"]*)/g, (_, attr, path) => attr + new URL(path, location.href).href);
  }
  for (const button of document.querySelectorAll("button.embed-copy")) {
    const area = document.getElementById(button.dataset.copy);
    if (!area) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(area.value);
      } catch {
        area.select();
        document.execCommand("copy");
      }
      button.textContent = button.dataset.done;
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
})();
