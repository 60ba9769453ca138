#!/usr/bin/env python3
"""From saving one event's title to the open page receiving its reload message,
with `annals serve` on the corpus generator's sites (issue 12).

    python3 bench/serve.py [N ...]      default: 1000 10000
    EDITS=20 python3 bench/serve.py 10000

Prints, per size, the median and spread of EDITS timed saves and the server's
peak resident memory, as a Markdown table. Build the release binary and the
corpus example first (bench/run.sh does; or `cargo build --release --bin annals
--example corpus`)."""
import os, re, socket, statistics, subprocess, sys, time, json, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANNALS = os.path.join(ROOT, "target/release/annals")
CORPUS = os.path.join(ROOT, "target/release/examples/corpus")
BASE = os.environ.get("BENCH_DIR", "/dev/shm/annals-serve-bench")
EDITS = int(os.environ.get("EDITS", "20"))


def peak_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def retitle(text, k):
    """The event's title with a new first word (inside the quotes if quoted)."""
    def edit(m):
        value = m.group(1)
        quote = value[:1] if value[:1] in "\"'" else ""
        return f"title: {quote}Edit {k}: {value[len(quote):]}" if quote else f"title: \"Edit {k}: {value}\""
    return re.sub(r"^title: (.*)$", edit, text, count=1, flags=re.M)


def run(n):
    site = os.path.join(BASE, str(n))
    if not os.path.exists(os.path.join(site, "content")):
        subprocess.run([CORPUS, "--events", str(n), "--out", site], check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([ANNALS, "serve", "--port", "0", "--root", site, "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().split()[1]
        host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
        sock = socket.create_connection((host, int(port)))
        sock.sendall(f"GET /__annals/events?since=0&file=x HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        stream = sock.makefile("rb")

        def next_message():
            while True:
                line = stream.readline()
                if not line:
                    raise SystemExit("the event stream closed")
                if line.startswith(b"data: "):
                    return json.loads(line[6:])

        next_message()  # where the site is now
        files = sorted(glob.glob(os.path.join(site, "content/events/**/*.md"), recursive=True))
        times, whole, touched = [], [], []
        for k in range(EDITS):
            path = files[(k * 7919) % len(files)]
            text = open(path, encoding="utf-8").read()
            new = retitle(text, k)
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            while True:
                message = next_message()
                if message["changed"]:
                    break
            times.append((time.perf_counter() - started) * 1000)
            touched.append(len(message["changed"]))
            # The exports that hold every event follow in a second message;
            # the next save waits for them, as an author's would.
            while "events.json" not in message["changed"]:
                message = next_message()
            whole.append((time.perf_counter() - started) * 1000)
            time.sleep(0.2)
        return times, whole, touched, peak_rss_kb(server.pid)
    finally:
        server.kill()
        server.wait()


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    print("| events | median save → reload message | min | max | files changed (median) | median save → exports current | edits | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        times, whole, touched, rss = run(n)
        print(f"| {n:,} | {statistics.median(times):.0f} ms | {min(times):.0f} ms | {max(times):.0f} ms | {statistics.median(touched):.0f} | {statistics.median(whole):.0f} ms | {len(times)} | {rss / 1024:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
