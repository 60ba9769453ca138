// annals embed loader (SPEC §8). Turns every
//   <div data-annals-embed="actors/ivan-popov" data-from="2023-06"></div>
// into an iframe of <site>/embed/actors/ivan-popov/?from=2023-06 and keeps
// the iframe's height equal to its content's. <site> is where this script was
// loaded from, so one snippet works on any copy of the site. Heights are
// accepted only from that origin and only from iframes this loader inserted.
// No dependencies, no eval, no cookies or storage, no markup but the iframe.
(function () {
  "use strict";
  var doc = document;
  var script = doc.currentScript;
  if (!script || !script.src) {
    // Fallback for unusual insertion: the last script named embed.js.
    var all = doc.querySelectorAll("script[src]");
    for (var i = all.length - 1; i >= 0 && !script; i--) {
      if (/\/embed\.js(?:[?#]|$)/.test(all[i].src)) script = all[i];
    }
  }
  if (!script || !window.URL || !window.URLSearchParams) return;
  var self = new URL(script.src, doc.baseURI);
  self.search = "";
  self.hash = "";
  var site = self.href.replace(/embed\.js$/, "");
  var origin = self.origin;
  var QUERY = ["from", "to", "tag", "actor", "theatre", "status", "theme"];
  var MAX = 100000;

  // One registry per site origin, shared by every copy of this loader on the
  // page: the iframes inserted so far, and the one message listener.
  var KEY = "__annalsEmbed";
  var registries = window[KEY] || (window[KEY] = {});
  var reg = registries[origin];
  if (!reg) {
    reg = registries[origin] = { frames: [], sites: {} };
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || !event.source) return;
      var data = event.data;
      if (!data || typeof data !== "object" || data.type !== "annals:height") return;
      var height = data.height;
      if (typeof height !== "number" || !isFinite(height) || height <= 0) return;
      height = Math.min(Math.ceil(height), MAX);
      var frames = reg.frames;
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].contentWindow === event.source) {
          frames[i].style.height = height + "px";
          return;
        }
      }
    });
  }

  // "actors/ivan-popov" → "actors/ivan-popov/"; "" or "index" → "" (the whole
  // timeline). Segments are percent-encoded and "." or ".." are refused, so
  // the frame always stays under <site>/embed/.
  function embedPath(value) {
    var parts = value.split("/");
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].trim();
      if (!part) continue;
      if (part === "." || part === "..") return null;
      out.push(encodeURIComponent(part));
    }
    if (out.length === 1 && out[0] === "index") out = [];
    return out.length ? out.join("/") + "/" : "";
  }

  function insert(el) {
    el.setAttribute("data-annals-embed-state", "done");
    var raw = el.getAttribute("data-annals-embed") || "";
    var path = embedPath(raw);
    if (path === null) {
      el.setAttribute("data-annals-embed-state", "invalid");
      return;
    }
    var query = new URLSearchParams();
    for (var i = 0; i < QUERY.length; i++) {
      var v = el.getAttribute("data-" + QUERY[i]);
      if (v && v.trim()) query.set(QUERY[i], v.trim());
    }
    var q = query.toString();
    var name = raw.replace(/^\/+|\/+$/g, "");
    var frame = doc.createElement("iframe");
    frame.src = site + "embed/" + path + (q ? "?" + q : "");
    frame.title = el.getAttribute("data-title") || (name && name !== "index" ? "Timeline: " + name : "Timeline");
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("width", "100%");
    var style = frame.style;
    style.display = "block";
    style.width = "100%";
    style.border = "0";
    style.height = "300px";
    // The element's own content is a no-script fallback (a link, say).
    while (el.firstChild) el.removeChild(el.firstChild);
    reg.frames.push(frame);
    el.appendChild(frame);
  }

  function scan() {
    var els = doc.querySelectorAll("[data-annals-embed]:not([data-annals-embed-state])");
    for (var i = 0; i < els.length; i++) insert(els[i]);
  }

  scan();
  if (reg.sites[site]) return; // this site's loader already watches the page
  reg.sites[site] = true;
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", scan);
  // Elements added later are picked up too.
  if (window.MutationObserver) {
    var queued = false;
    new MutationObserver(function () {
      if (queued) return;
      queued = true;
      setTimeout(function () { queued = false; scan(); }, 0);
    }).observe(doc.documentElement, { childList: true, subtree: true });
  }
})();
