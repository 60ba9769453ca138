// The dossier theme's sortable event tables. Progressive enhancement: without
// JavaScript the table stays in timeline order, grouped by year. With it, each
// sortable column heading becomes a button; pressing it sorts the page's rows
// by that column (again: the other way), `aria-sort` says which column and
// which way, and equal values keep their timeline order (a stable sort). In
// timeline order the rows go back under their year headings; in any other
// order they share one row group, as a year heading would then mislead.
(() => {
  "use strict";
  const lang = document.documentElement.lang || "en";
  let collator;
  try {
    collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  } catch {
    collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  }

  function enhance(table) {
    const head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    const rows = Array.from(table.querySelectorAll("tbody > tr.entry"));
    // Where each row lives in timeline order, to put it back.
    const home = new Map(rows.map((row, index) => [row, { body: row.parentElement, index }]));
    const years = Array.from(table.tBodies);
    const flat = document.createElement("tbody");
    flat.className = "sorted";
    flat.hidden = true;
    table.append(flat);
    // The page lists its events oldest first, or newest first (`order:`).
    const natural = table.dataset.order === "descending" ? "descending" : "ascending";
    const ranks = (table.dataset.statuses || "").split(" ");
    const text = (row, selector) => (row.querySelector(selector)?.textContent || "").trim();
    // The value each column sorts on; "" sorts after every value.
    const keys = {
      date: (row) => home.get(row).index * (natural === "ascending" ? 1 : -1),
      title: (row) => text(row, ".c-event .entry-title"),
      actor: (row) => text(row, ".c-actors a"),
      theatre: (row) => text(row, ".c-theatres a"),
      status: (row) => ranks.indexOf(row.dataset.status),
    };
    const heads = Array.from(head.cells).filter((th) => keys[th.dataset.sort]);
    let current = { key: "date", dir: natural };

    function compare(key, dir) {
      const sign = dir === "ascending" ? 1 : -1;
      return (a, b) => {
        const x = keys[key](a);
        const y = keys[key](b);
        let c;
        if (typeof x === "number") c = (x - y) * sign;
        else if (!x || !y) c = (x ? -1 : 0) + (y ? 1 : 0); // empty last, either way
        else c = collator.compare(x, y) * sign;
        return c || home.get(a).index - home.get(b).index;
      };
    }

    function sort(key, dir) {
      current = { key, dir };
      const timeline = key === "date" && dir === natural;
      if (timeline) {
        for (const row of rows) home.get(row).body.append(row);
      } else {
        for (const row of rows.slice().sort(compare(key, dir))) flat.append(row);
      }
      flat.hidden = timeline;
      for (const body of years) body.hidden = !timeline;
      for (const th of heads) {
        if (th.dataset.sort === key) th.setAttribute("aria-sort", dir);
        else th.removeAttribute("aria-sort");
      }
    }

    for (const th of heads) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.append(...th.childNodes);
      const arrow = document.createElement("span");
      arrow.className = "sort-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.append(arrow);
      th.append(button);
      button.addEventListener("click", () => {
        const key = th.dataset.sort;
        const again = current.key === key;
        const dir = again ? (current.dir === "ascending" ? "descending" : "ascending") : "ascending";
        sort(key, dir);
      });
    }
    const hint = table.parentElement.querySelector(".sort-hint");
    if (hint) hint.hidden = false;
    table.classList.add("sortable");
  }

  for (const table of document.querySelectorAll("table.dossier-table")) enhance(table);
})();
