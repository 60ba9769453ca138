// Script of every embed page (SPEC §8), written once as /embed/page.js and
// loaded with `defer` (so it runs once the page is parsed and its stylesheet
// applied, and needs no inline script: a strict Content-Security-Policy
// allows it). It
// - tells the parent window the page's height: annals' own message (for
//   embed.js), AMP's embed-size, and, when the query has childId, pym.js's
//   child protocol (height, answers to width, navigateTo for links);
// - applies ?theme=light|dark;
// - applies ?from, to, tag, actor, theatre, status to the whole slice, read
//   from the compact data file named by data-annals-data, and re-renders the
//   list. Without JavaScript the server-rendered list shows unfiltered.
(function () {
  "use strict";
  // Once per page, even where a template made before it was shared still
  // inlines it besides.
  if (window.__annalsEmbedPage) return;
  window.__annalsEmbedPage = true;
  var doc = document;
  var root = doc.documentElement;
  var params = new URLSearchParams(location.search);
  var parent = window.parent;
  var framed = parent !== window;

  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;

  // Height messages, sent only when the height changed (or when asked).
  var SEP = "xPYMx";
  var childId = params.get("childId") || "";
  var last = -1;
  function pym(type, message) {
    parent.postMessage("pym" + SEP + childId + SEP + type + SEP + message, "*");
  }
  function post(force) {
    if (!framed) return;
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && force !== true) return;
    last = height;
    parent.postMessage({ type: "annals:height", height: height }, "*");
    parent.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
    if (childId) pym("height", String(height));
  }
  function update() { post(false); }

  if (framed) {
    if (window.ResizeObserver) new ResizeObserver(update).observe(root);
    window.addEventListener("resize", update);
    window.addEventListener("load", update);
    // Images (and anything else that loads) can change the height.
    doc.addEventListener("load", update, true);
    if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(update, function () {});
  }

  if (framed && childId) {
    var prefix = "pym" + SEP + childId + SEP;
    // pym's parent sends its width; answer with the height, as pym's child does.
    window.addEventListener("message", function (event) {
      if (event.source !== parent || typeof event.data !== "string") return;
      if (event.data.indexOf(prefix + "width" + SEP) === 0) post(true);
    });
    // Links open in the parent through pym's navigateTo.
    doc.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var a = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (!a || a.hasAttribute("download")) return;
      var target = a.getAttribute("target");
      if (target && target !== "_top" && target !== "_parent") return;
      if (!/^https?:$/.test(a.protocol)) return;
      event.preventDefault();
      pym("navigateTo", a.href);
    });
  }

  // Filters.
  var main = doc.querySelector("main.annals-embed");
  var source = main && main.getAttribute("data-annals-data");
  var NAMES = ["from", "to", "tag", "actor", "theatre", "status"];
  var want = {};
  var active = false;
  for (var i = 0; i < NAMES.length; i++) {
    var v = (params.get(NAMES[i]) || "").trim();
    want[NAMES[i]] = v;
    if (v) active = true;
  }
  post(false);
  if (!main || !source || !active) return;

  // "2023", "2023-07", "2023-07-12", "-0043" → days since 1970-01-01 (UTC,
  // proleptic Gregorian) of the first or the last day; null if malformed.
  function day(text, last) {
    var m = /^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    var y = Number(m[1]);
    var mo = m[2] ? Number(m[2]) - 1 : last ? 11 : 0;
    if (mo < 0 || mo > 11) return null;
    var d = new Date(0);
    if (m[3]) d.setUTCFullYear(y, mo, Number(m[3]));
    else if (last) d.setUTCFullYear(y, mo + 1, 0);
    else d.setUTCFullYear(y, mo, 1);
    var t = d.getTime();
    return isFinite(t) ? Math.floor(t / 86400000) : null;
  }
  var from = want.from ? day(want.from, false) : null;
  var to = want.to ? day(want.to, true) : null;

  function has(list, slug) {
    return !slug || (Array.isArray(list) && list.indexOf(slug) >= 0);
  }
  function matches(e) {
    var start = typeof e.start === "number" ? e.start : -Infinity;
    var end = typeof e.end === "number" ? e.end : Infinity;
    return has(e.tags, want.tag) && has(e.actors, want.actor) && has(e.theatres, want.theatre)
      && (!want.status || e.status === want.status)
      && (from === null || end >= from)
      && (to === null || start <= to);
  }
  function text(value) { return typeof value === "string" ? value : ""; }
  function safeUrl(value) {
    try {
      var u = new URL(text(value), location.href);
      return /^https?:$/.test(u.protocol) ? u.href : null;
    } catch (err) {
      return null;
    }
  }
  function el(tag, className, content) {
    var node = doc.createElement(tag);
    node.className = className;
    if (content) node.textContent = content;
    return node;
  }
  function item(e) {
    var li = el("li", "annals-event");
    // As machine-readable as the server's list: <time datetime> where HTML
    // can express the date, else <data value> with its EDTF value.
    var when = el("span", "annals-date");
    var value = doc.createElement(text(e.datetime) ? "time" : "data");
    value.textContent = text(e.date);
    if (text(e.datetime)) value.setAttribute("datetime", e.datetime);
    else value.setAttribute("value", text(e.iso));
    when.appendChild(value);
    li.appendChild(when);
    li.appendChild(doc.createTextNode(" "));
    var href = safeUrl(e.url);
    var title = el(href ? "a" : "span", "annals-title", text(e.title));
    // Titles may be written right to left (as on the server's list).
    title.dir = "auto";
    if (href) title.setAttribute("href", href);
    li.appendChild(title);
    if (text(e.summary)) {
      li.appendChild(doc.createTextNode(" "));
      var summary = el("p", "annals-summary", e.summary);
      summary.dir = "auto";
      li.appendChild(summary);
    }
    return li;
  }

  // The form of a count for `n` (`{one: …, few: …, many: …}`), by the
  // browser's CLDR rules for the page's language, as the `count` filter does.
  function plural(forms, n) {
    var category = "other";
    try {
      category = new Intl.PluralRules(root.lang || "en").select(n);
    } catch (err) {
      category = "other";
    }
    var form = forms[category];
    if (typeof form !== "string") form = forms.other;
    if (typeof form !== "string") form = forms.many;
    return typeof form === "string" ? form : "";
  }

  function render(events) {
    var max = parseInt(main.getAttribute("data-annals-max"), 10);
    if (!(max > 0)) max = 100;
    var shown = events.filter(function (e) { return e && typeof e === "object" && matches(e); });
    var list = main.querySelector("ol.annals-events");
    var empty = main.querySelector(".annals-empty");
    var more = main.querySelector(".annals-more");
    var foot = main.querySelector(".annals-embed-foot");
    if (!list) {
      list = el("ol", "annals-events");
      main.insertBefore(list, more || empty || foot || null);
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var i = 0; i < shown.length && i < max; i++) list.appendChild(item(shown[i]));
    list.hidden = shown.length === 0;
    if (shown.length > max) {
      var head = main.querySelector(".annals-embed-head a[href]");
      var link = more && more.querySelector("a");
      if (!more) {
        more = el("p", "annals-more");
        main.insertBefore(more, list.nextSibling);
      }
      if (!link) {
        link = doc.createElement("a");
        more.appendChild(link);
      }
      // The full page takes the same filters in its query.
      var base = head ? head.href : link.href;
      if (base) {
        var u = new URL(base, location.href);
        u.search = "";
        for (var j = 0; j < NAMES.length; j++) if (want[NAMES[j]]) u.searchParams.set(NAMES[j], want[NAMES[j]]);
        link.setAttribute("href", u.href);
      }
      // The server's wording with the new count: "57 events" as the `count`
      // filter writes it, the form chosen for the number in the page's
      // language (22 події, 25 подій) from data-annals-forms.
      var forms = null;
      try {
        forms = JSON.parse(link.getAttribute("data-annals-forms") || "null");
      } catch (err) {
        forms = null;
      }
      var total = main.getAttribute("data-annals-total") || "";
      var number = /^\d+$/.test(total) ? new RegExp("(^|\\D)" + total + "(?!\\d)") : null;
      var old = link.textContent;
      if (forms && typeof forms === "object") link.textContent = shown.length + " " + plural(forms, shown.length);
      else if (typeof forms === "string" && forms) link.textContent = shown.length + " " + forms;
      else link.textContent = number && number.test(old) ? old.replace(number, "$1" + shown.length) : "All " + shown.length + " events";
      more.hidden = false;
    } else if (more) {
      more.hidden = true;
    }
    if (empty) empty.hidden = shown.length > 0;
    main.setAttribute("data-annals-filtered", String(shown.length));
    post(false);
  }

  fetch(new URL(source, location.href).href, { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (data) {
      if (!data || !Array.isArray(data.events)) throw new Error("no events");
      // Records are arrays named once by `fields` (version 2); a file of
      // version 1 wrote objects, which pass through as they are.
      var fields = Array.isArray(data.fields) ? data.fields : [];
      render(data.events.map(function (row) {
        if (!Array.isArray(row)) return row;
        var e = {};
        for (var k = 0; k < fields.length; k++) e[fields[k]] = row[k];
        return e;
      }));
    })
    .catch(function (err) {
      // The server-rendered list stays; say why where a developer looks.
      main.setAttribute("data-annals-filtered", "failed");
      if (window.console) console.warn("annals embed: filters not applied:", err);
    });
})();
