// annals serve's reload client: injected into HTML responses by `serve` only,
// never written by `build`. An external script on the page's own origin, so a
// Content-Security-Policy that allows 'self' scripts and connections allows it.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = (script && script.dataset.base) || "/";
  const version = (script && script.dataset.version) || "0";
  const overlayId = "annals-serve-errors";
  // The file this page was served from, relative to the site's root.
  const file = () => {
    let path = decodeURIComponent(location.pathname);
    path = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, "");
    return path === "" || path.endsWith("/") ? path + "index.html" : path;
  };
  const showErrors = (errors) => {
    let box = document.getElementById(overlayId);
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1e1e1e;color:#f4f4f4;font:14px/1.4 ui-monospace,monospace;padding:1em;" +
        "border-top:4px solid #d33;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "";
    const head = document.createElement("strong");
    head.textContent = "The last save broke the build; the page shows the last good version.";
    box.appendChild(head);
    for (const e of errors) {
      const item = document.createElement("div");
      item.className = "annals-serve-error";
      item.style.marginTop = "1em";
      // Worded by the server, as on the page it serves before a first good build.
      item.textContent = e.text;
      box.appendChild(item);
    }
  };
  const restyle = (version) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      url.searchParams.set("annals-serve", String(version));
      link.href = url.toString();
    }
  };
  // The server answers first with what changed since this page was served
  // (a rebuild may have finished in between), then with each rebuild.
  const here = file();
  const query = new URLSearchParams({ since: version, file: here });
  const events = new EventSource(`/__annals/events?${query}`);
  // For tests and the curious: whether the page is listening.
  events.addEventListener("open", () => { window.annalsServe = "connected"; });
  events.addEventListener("error", () => { window.annalsServe = "reconnecting"; });
  events.addEventListener("state", (message) => {
    const state = JSON.parse(message.data);
    showErrors(state.errors);
    if (state.changed.includes(here)) {
      location.reload();
    } else if (state.changed.length && state.changed.every((p) => p.endsWith(".css"))) {
      restyle(state.version);
    }
  });
})();
