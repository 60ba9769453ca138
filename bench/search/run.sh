#!/usr/bin/env bash
# Site-wide search, measured on a generated site (issue 14's criteria): Pagefind
# (npm package, pinned in package.json) or annals' own index (under /search/).
#
#   bash bench/search/run.sh                                  Pagefind at 10k and 100k events
#   bash bench/search/run.sh --engine annals --events 100000  annals' own index
#   bash bench/search/run.sh --engine both --events 10000 --runs 5
#
# Options: --engine pagefind|annals|both (pagefind), --events "N ..." (10000 100000),
# --runs R (3), --no-update (skip the Pagefind edit experiment), --keep (keep the sites).
# Env: UPDATE_FROM ("html records"): which edit experiments to run.
# BENCH_DIR (/work/bench-tmp/search, else $TMPDIR): where sites go, about
# 4 GB at 100k events, deleted at the end unless --keep.
#
# Per size: generates the corpus (seed 1, a rare word planted in one event far
# down the timeline), builds it with the release binary R times, and for
#  - pagefind: adds Pagefind's attributes to the event pages (pagefind-attrs.pl),
#    indexes them with Pagefind's CLI R times, interleaved with annals builds
#    (wall, user+sys, peak RSS; median and min–max), measures the bytes of first
#    queries in Chromium (bytes.mjs), and the cost of one event edit through the
#    Node API (pagefind-node.mjs: index kept in memory, one page re-added, index
#    written again);
#  - annals: the bytes of the same first queries on annals' own index (bytes.mjs
#    --engine annals), the build's stage timings (annals build -v) and the size
#    of /search/.
# Prints Markdown to stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
engine=pagefind sizes="10000 100000" runs=3 update=1 keep=
while [ $# -gt 0 ]; do
  case $1 in
    --engine) engine=$2; shift 2 ;;
    --events) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-update) update=; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case $engine in pagefind|annals|both) ;; *) echo "--engine pagefind|annals|both" >&2; exit 2 ;; esac
if [ -z "${BENCH_DIR:-}" ]; then
  if [ -d /work ] && [ -w /work ]; then BENCH_DIR=/work/bench-tmp/search; else BENCH_DIR=${TMPDIR:-/tmp}/annals-search-bench; fi
fi
RARE=xylofantic

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
[ -x /usr/bin/time ] || need /usr/bin/time time
command -v node >/dev/null || { echo "node (20+) is needed" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need chromium chromium

# Pagefind and playwright-core, pinned, into bench/search/node_modules (ignored by git).
(cd "$here" && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --silent; })
pagefind=$(ls "$here"/node_modules/@pagefind/*/bin/pagefind_extended 2>/dev/null | head -1)
[ -x "$pagefind" ] || { echo "no Pagefind binary for this platform under $here/node_modules/@pagefind" >&2; exit 1; }

(cd "$root" && CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2} cargo build --release -q --bin annals --example corpus)
annals=$root/target/release/annals
corpus=$root/target/release/examples/corpus

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
span() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }
# measure FILE CMD... → appends "wall user+sys maxrss_kb" to FILE
measure() {
  local f=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time.out" "$@" >"$dir/cmd.out" 2>&1 || { cat "$dir/cmd.out" >&2; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time.out" >> "$f"
}
col() { awk -v c="$2" '{ print $c }' "$1"; }
summary() { # FILE LABEL → a table row: wall median (min–max), user+sys median, RSS median MB (min–max)
  printf '| %s | %s (%s) | %s | %s (%s) |\n' "$2" "$(col "$1" 1 | median)" "$(col "$1" 1 | span)" "$(col "$1" 2 | median)" \
    "$(col "$1" 3 | median | awk '{ printf "%.0f", $1 / 1024 }')" "$(col "$1" 3 | span | awk -F'–' '{ printf "%.0f–%.0f", $1 / 1024, $2 / 1024 }')"
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Pagefind $("$pagefind" --version | awk '{ print $2 }'), annals $(git -C "$root" rev-parse --short HEAD), release build; runs per figure: $runs."
for n in $sizes; do
  dir=$BENCH_DIR/$n
  rm -rf "$dir" && mkdir -p "$dir"
  echo
  echo "## $n events"
  echo
  echo "Disk before: $(df -h "$BENCH_DIR" | awk 'NR == 2 { print $4 " free on " $6 }')."
  planted=$("$corpus" --events "$n" --seed 1 --out "$dir/site" --rare-word "$RARE" | awk '/^planted/ { print $NF }')
  slug=$(basename "$planted" .md)
  echo "Rare word \`$RARE\`: only in the body of \`$slug\`."
  "$annals" build -q --root "$dir/site" --output "$dir/out"
  echo "Site: $(find "$dir/out" -name '*.html' | wc -l) HTML files, $(du -sh "$dir/out" | cut -f1)."

  if [ "$engine" != annals ]; then
    s=$(date +%s.%N)
    find "$dir/out/events" -name index.html -print0 | xargs -0 perl -pi "$here/pagefind-attrs.pl"
    echo "Pagefind attributes added to the event pages in $(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s (not counted: a theme would write them)."
    : > "$dir/annals.times"; : > "$dir/pagefind.times"
    for r in $(seq "$runs"); do
      rm -rf "$dir/out2"
      measure "$dir/annals.times" "$annals" build -q --root "$dir/site" --output "$dir/out2"
      rm -rf "$dir/out/pagefind"
      measure "$dir/pagefind.times" "$pagefind" --site "$dir/out" --glob 'events/*/index.html' --quiet
    done
    rm -rf "$dir/out2"
    echo
    echo "| run (median of $runs, min–max) | wall (s) | user+sys (s) | peak RSS (MB) |"
    echo "|---|---:|---:|---:|"
    summary "$dir/annals.times" "annals build (all outputs)"
    summary "$dir/pagefind.times" "Pagefind CLI, event pages"
    pct=$(awk -v p="$(col "$dir/pagefind.times" 1 | median)" -v a="$(col "$dir/annals.times" 1 | median)" 'BEGIN { printf "%.0f", 100 * p / a }')
    echo
    echo "Pagefind's index build = $pct % of the annals build's wall time (medians; target ≤ 25 %)."
    echo "Bundle: $(find "$dir/out/pagefind" -type f | wc -l) files, $(du -sb "$dir/out/pagefind" | awk '{ printf "%.1f MB", $1 / 1e6 }') ($(ls "$dir/out/pagefind/fragment" | wc -l) fragments, $(ls "$dir/out/pagefind/index" | wc -l) index chunks, $(ls "$dir/out/pagefind/filter" | wc -l) filter files; pf_meta $(stat -c %s "$dir"/out/pagefind/*.pf_meta | awk '{ printf "%.0f KB", $1 / 1024 }'))."
    echo
    echo "First queries (bytes.mjs, one fresh browser context each):"
    echo
    node "$here/bytes.mjs" --site "$dir/out" --engine pagefind || echo "(some query failed)"
    if [ -n "$update" ]; then
      echo
      echo "One event edited (pagefind-node.mjs, Node API, index kept in memory):"
      echo
      for from in ${UPDATE_FROM:-html records}; do
        printf -- '- from %s: `' "$from"
        node "$here/pagefind-node.mjs" --site "$dir/out" --from "$from" --edit "$slug" --work "$dir/pfnode" | tr -d '\n'
        echo '`'
        rm -rf "$dir/pfnode"
      done
    fi
  fi

  if [ "$engine" != pagefind ]; then
    echo
    echo "annals' own index:"
    echo
    if [ -d "$dir/out/search" ]; then
      echo "- /search/: $(find "$dir/out/search" -type f | wc -l) files, $(du -sb "$dir/out/search" | awk '{ printf "%.1f MB", $1 / 1e6 }')."
    else
      echo "- no /search/ folder in the output: annals' own split index is not in this build."
    fi
    # The index's cost: the same site built with and without it, alternating
    # (`feeds: {search_index: false}` in a copy of annals.yaml), R times each.
    # Serve rewrites the whole index after an edit, so the difference is
    # also what one edit costs it.
    cp -r "$dir/site" "$dir/site-off"
    printf '\nfeeds:\n  search_index: false\n' >> "$dir/site-off/annals.yaml"
    : > "$dir/on.times"; : > "$dir/off.times"
    for r in $(seq "$runs"); do
      rm -rf "$dir/out2"; measure "$dir/on.times" "$annals" build -q --root "$dir/site" --output "$dir/out2"
      rm -rf "$dir/out2"; measure "$dir/off.times" "$annals" build -q --root "$dir/site-off" --output "$dir/out2"
    done
    rm -rf "$dir/out2" "$dir/site-off"
    echo
    echo "| run (median of $runs, min–max) | wall (s) | user+sys (s) | peak RSS (MB) |"
    echo "|---|---:|---:|---:|"
    summary "$dir/on.times" "annals build, with the search index"
    summary "$dir/off.times" "annals build, without it"
    awk -v on="$(col "$dir/on.times" 1 | median)" -v off="$(col "$dir/off.times" 1 | median)" \
      -v con="$(col "$dir/on.times" 2 | median)" -v coff="$(col "$dir/off.times" 2 | median)" \
      -v mon="$(col "$dir/on.times" 3 | median)" -v moff="$(col "$dir/off.times" 3 | median)" \
      'BEGIN { printf "\nThe index: %.2f s of wall time, %.0f %% of the build (medians; target ≤ 25 %%); %.2f s of CPU, %.0f %%; %+.0f MB of peak RSS.\n", on - off, 100 * (on - off) / on, con - coff, 100 * (con - coff) / con, (mon - moff) / 1024 }'
    echo
    if [ -d "$dir/out/search" ] || [ -n "${FORCE_BYTES:-}" ]; then
      node "$here/bytes.mjs" --site "$dir/out" --engine annals --timeout 60000 || echo "(some query failed)"
    else
      echo "(bytes.mjs --engine annals skipped: no /search/ folder; FORCE_BYTES=1 runs it anyway)"
    fi
  fi
  [ -n "$keep" ] || rm -rf "$dir"
done
