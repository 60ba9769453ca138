#!/usr/bin/env bash
# A bounded load on `annals serve` from this machine (issue 12): wrk, 10 s,
# 100 connections, on loopback. It must complete with no socket error and no
# non-2xx answer, and afterwards the server must still answer and still send
# a reload message when a file is saved.
#   tests/load/serve.sh ANNALS_BIN
set -euo pipefail
annals=$(realpath "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cp -r tests/fixtures/drafts "$work/site"
"$annals" serve --root "$work/site" --port 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q serving "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(awk '{print $2; exit}' "$work/out")
[ -n "$url" ] || { echo "serve did not start"; cat "$work/err"; exit 1; }
wrk -t2 -c100 -d10s "$url" >"$work/wrk"
cat "$work/wrk"
if grep -qE "Socket errors|Non-2xx" "$work/wrk"; then echo "FAIL: errors under load"; exit 1; fi
requests=$(awk '/requests in/ {print $1}' "$work/wrk")
[ "${requests:-0}" -gt 0 ] || { echo "FAIL: no request completed"; exit 1; }
# Still answering, and still reloading.
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$code" = 200 ] || { echo "FAIL: $code after the load"; exit 1; }
origin=${url%/*}; origin=${origin%/}
( sleep 1; sed -i 's/^title: Published$/title: Published after load/' "$work/site/content/events/published.md" ) &
# Process substitution: with pipefail, curl's SIGPIPE once grep is done would fail a pipe.
if ! grep -m1 -q '"events/published/index.html"' < <(timeout 10 curl -sN "$origin/__annals/events?since=0&file=x"); then
  echo "FAIL: no reload message after the load"; exit 1
fi
echo "serve under load: ok ($requests requests)"
