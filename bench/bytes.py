"""What a built site's bytes are, per kind of output and per event.

    python3 bench/bytes.py OUT EVENTS          a Markdown table
    python3 bench/bytes.py OUT EVENTS --short  "HTML_KB all_KB" per event

HTML is every .html file outside /embed/ (the issue's "HTML bytes per
event, embed pages not counted"); "all" is every file written.
"""
import os
import sys


def kind(rel):
    parts = rel.split("/")
    name = parts[-1]
    if parts[0] == "embed":
        return "embed pages and their data" if len(parts) > 1 else "embed"
    if parts[0] == "oembed":
        return "oEmbed responses"
    if parts[0] == "search":
        return "search index"
    if name.endswith(".html"):
        if parts[0] == "events":
            return "HTML: event pages"
        if parts[0] in ("index.html", "page"):
            return "HTML: timeline pages"
        return "HTML: other pages (actors, theatres, tags, years, periods, 404)"
    if name in ("atom.xml", "feed.json"):
        return "feeds (site, actors, theatres)"
    if name in ("events.json", "events.csv", "timelinejs.json", "calendar.ics"):
        return "exports: " + name
    return "other (sitemap, style, scripts, schema)"


def main():
    root, events = sys.argv[1], int(sys.argv[2])
    sizes, files = {}, {}
    for d, _, names in os.walk(root):
        for name in names:
            path = os.path.join(d, name)
            k = kind(os.path.relpath(path, root))
            sizes[k] = sizes.get(k, 0) + os.path.getsize(path)
            files[k] = files.get(k, 0) + 1
    total = sum(sizes.values())
    html = sum(v for k, v in sizes.items() if k.startswith("HTML"))
    if "--short" in sys.argv:
        print(f"{html / events / 1000:.2f} | {total / events / 1000:.2f}")
        return
    print("| output | files | MB | KB per event |")
    print("|---|---:|---:|---:|")
    for k in sorted(sizes, key=lambda k: -sizes[k]):
        print(f"| {k} | {files[k]} | {sizes[k] / 1e6:.1f} | {sizes[k] / events / 1000:.2f} |")
    print(f"| **HTML without embeds** | | {html / 1e6:.1f} | {html / events / 1000:.2f} |")
    print(f"| **all** | {sum(files.values())} | {total / 1e6:.1f} | {total / events / 1000:.2f} |")


if __name__ == "__main__":
    main()
