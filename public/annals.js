// Search and filters for list pages (SPEC §7): text, actor, theatre, tag,
// status and date range over the events of this page. Every change is written
// to the URL's query, so a filtered view can be shared. Without JavaScript the
// form stays hidden and the full list shows.
(() => {
  "use strict";
  const form = document.getElementById("filters");
  if (!form) return;
  const items = Array.from(document.querySelectorAll("ol.events > li"));
  const count = document.getElementById("f-count");
  const fields = Array.from(form.elements).filter((e) => e.name);
  // "{shown} of {total} events shown": one text, or a form per CLDR plural
  // category of the total, as the theme gives it (`t.shown`).
  let shownForms = "{shown} of {total} events shown";
  try {
    shownForms = JSON.parse(form.dataset.shown);
  } catch {
    if (form.dataset.shown) shownForms = form.dataset.shown;
  }

  // The form of a count for `n` in the page's language: the `count` filter's
  // choice, made with the browser's CLDR rules.
  function plural(forms, n) {
    if (typeof forms === "string") return forms;
    let category = "other";
    try {
      category = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
    } catch {
      // An unknown language tag: the fallbacks below.
    }
    return forms[category] ?? forms.other ?? forms.many ?? "";
  }

  // Options come from the events on this page, so every choice matches something.
  for (const select of form.querySelectorAll("select[data-facet]")) {
    const kind = { actors: "actor", theatres: "theatre", tags: "tag" }[select.dataset.facet];
    const names = new Map();
    for (const a of document.querySelectorAll(`ol.events a.chip.${kind}`)) {
      const slug = a.getAttribute("href").replace(/\/$/, "").split("/").pop();
      names.set(slug, a.textContent.trim());
    }
    // Theatres also match through their sub-theatres, so list every slug met.
    for (const li of items) {
      for (const slug of (li.firstElementChild.dataset[select.dataset.facet] || "").split(" ")) {
        if (slug && !names.has(slug)) names.set(slug, slug.replace(/-/g, " "));
      }
    }
    [...names].sort((a, b) => a[1].localeCompare(b[1])).forEach(([slug, name]) => {
      const option = new Option(name, slug);
      option.dir = "auto"; // names may be written right to left
      select.add(option);
    });
  }

  // "2023", "2023-07", "2023-07-12", "-0043" → day number of the first or last day.
  function day(text, last) {
    const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return null;
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) - 1 : last ? 11 : 0;
    const d = m[3] ? Number(m[3]) : null;
    const date = new Date(0);
    if (d !== null) date.setUTCFullYear(y, mo, d);
    else if (last) date.setUTCFullYear(y, mo + 1, 0);
    else date.setUTCFullYear(y, mo, 1);
    return Math.floor(date.getTime() / 86400000);
  }

  function apply() {
    const v = Object.fromEntries(fields.map((f) => [f.name, f.value.trim()]));
    const words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
    const from = v.from ? day(v.from, false) : null;
    const to = v.to ? day(v.to, true) : null;
    let shown = 0;
    for (const li of items) {
      const a = li.firstElementChild.dataset;
      const has = (facet, slug) => !slug || (a[facet] || "").split(" ").includes(slug);
      const text = li.textContent.toLowerCase();
      const ok = words.every((w) => text.includes(w))
        && has("actors", v.actor) && has("theatres", v.theatre) && has("tags", v.tag)
        && (!v.status || a.status === v.status)
        && (from === null || Number(a.end) >= from)
        && (to === null || Number(a.start) <= to);
      li.hidden = !ok;
      if (ok) shown++;
    }
    // Hide headings whose events are all hidden.
    for (const ol of document.querySelectorAll("ol.events")) {
      const empty = !ol.querySelector(":scope > li:not([hidden])");
      ol.hidden = empty;
      const h = ol.previousElementSibling;
      if (h && h.classList.contains("month-heading")) h.hidden = empty;
    }
    for (const section of document.querySelectorAll(".year-group")) {
      section.hidden = !section.querySelector("ol.events:not([hidden])");
    }
    const active = fields.some((f) => f.value.trim());
    const template = plural(shownForms, items.length);
    count.textContent = active ? template.replace("{shown}", shown).replace("{total}", items.length) : "";
    const params = new URLSearchParams();
    for (const f of fields) if (f.value.trim()) params.set(f.name, f.value.trim());
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}${location.hash}` : location.pathname + location.hash);
  }

  const initial = new URLSearchParams(location.search);
  for (const f of fields) if (initial.has(f.name)) f.value = initial.get(f.name);
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (e) => e.preventDefault());
  if (initial.toString()) apply();
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
