#!/usr/bin/env bash
# Builds the same synthetic corpus with annals and with Hugo, alternating runs,
# and prints medians of wall time, user+sys time and peak RSS, the bytes each
# wrote, and the I/O floor (reading every input file + copying annals' output
# tree on the same filesystem), with the ratios annals/Hugo and annals/floor.
#
#   bench/run.sh [N ...]        default: 1000 10000 100000
#   RUNS=5 BENCH_DIR=/dev/shm/annals-bench bench/run.sh 10000
#   BEFORE=path/to/older/annals bench/run.sh 10000   also that binary, alternating
#   HUGO_SITE=paginated bench/run.sh 10000   Hugo with pagination and partials
#   NO_HUGO=1 bench/run.sh 1000000   annals alone (for sizes Hugo cannot reach)
#
# Hugo's site is by default its leanest equivalent (`corpus --hugo-lean`: no
# pagination, no partials, plain lists, HTML only), the bar of issue 15.
# Results go to stdout as Markdown tables; read them as ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
runs=${RUNS:-3}
dir=${BENCH_DIR:-/dev/shm/annals-bench}   # tmpfs, as the targets assume
hugo_site=${HUGO_SITE:-lean}

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
[ -n "${NO_HUGO:-}" ] || need hugo hugo
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release -q --bin annals --example corpus
annals=$PWD/target/release/annals
corpus=$PWD/target/release/examples/corpus
before=${BEFORE:-}
[ -z "$before" ] || before=$(realpath "$before")
here=$PWD

# measure LABEL CMD... → appends "wall user+sys maxrss_kb" to $dir/LABEL.times
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/stderr.out" || { cat "$dir/stderr.out"; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time.out" >> "$dir/$label.times"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
col() { awk -v c="$2" '{ print $c }' "$dir/$1.times" | median; }
# bytes OUT N → "html_kb_per_event all_kb_per_event" (HTML without embed pages)
bytes() { python3 "$here/bench/bytes.py" "$1" "$2" --short; }

rows=()
details=()
for n in "${sizes[@]}"; do
  rm -rf "$dir" && mkdir -p "$dir"
  if [ -n "${NO_HUGO:-}" ]; then
    "$corpus" --events "$n" --seed 1 --out "$dir/site" >/dev/null
  elif [ "$hugo_site" = lean ]; then
    "$corpus" --events "$n" --seed 1 --out "$dir/site" --hugo "$dir/hugo" --hugo-lean >/dev/null
  else
    "$corpus" --events "$n" --seed 1 --out "$dir/site" --hugo "$dir/hugo" >/dev/null
  fi
  for r in $(seq "$runs"); do
    if [ -n "$before" ]; then
      rm -rf "$dir/out-before"
      measure before "$before" build -q --root "$dir/site" --output "$dir/out-before"
      [ "$r" = "$runs" ] || rm -rf "$dir/out-before"
    fi
    rm -rf "$dir/out"
    measure annals "$annals" build -q --root "$dir/site" --output "$dir/out"
    if [ -z "${NO_HUGO:-}" ]; then
      rm -rf "$dir/hugo/public"
      # Hugo writes HTML only; annals writes every default output (feeds,
      # calendar, exports, embeds, search index, sitemap) on top.
      measure hugo hugo --quiet --disableKinds RSS,sitemap,robotsTXT --source "$dir/hugo" --destination "$dir/hugo/public"
    fi
    # The floor: what any generator must do at least, on this filesystem:
    # read the sources, write the bytes annals wrote.
    rm -rf "$dir/copy"
    measure read sh -c "find '$dir/site/content' -type f -exec cat {} + >/dev/null"
    measure copy cp -r "$dir/out" "$dir/copy"
    rm -rf "$dir/copy"
  done
  floor=$(awk -v r="$(col read 1)" -v c="$(col copy 1)" 'BEGIN { print r + c }')
  h_wall=""
  [ -n "${NO_HUGO:-}" ] || h_wall=$(col hugo 1)
  row() { # LABEL TIMES OUT
    local wall; wall=$(col "$2" 1)
    local ratio="–"
    [ -z "$h_wall" ] || ratio=$(awk -v a="$wall" -v h="$h_wall" 'BEGIN { printf "%.2f", a / h }')
    local b; b=$(bytes "$3" "$n")
    rows+=("$(printf '| %s | %s | %s | %s | %.0f | %s | %s | %.2f |' "$n" "$1" "$wall" "$(col "$2" 2)" "$(awk -v k="$(col "$2" 3)" 'BEGIN { print k / 1024 }')" "$b" "$ratio" "$(awk -v a="$wall" -v f="$floor" 'BEGIN { print a / f }')")")
  }
  if [ -n "$before" ]; then row "annals before" before "$dir/out-before"; fi
  row annals annals "$dir/out"
  [ -n "${NO_HUGO:-}" ] || row "Hugo ($hugo_site)" hugo "$dir/hugo/public"
  rows+=("$(printf '| %s | I/O floor | %s | | | | | | 1.00 |' "$n" "$floor")")
  details+=("#### $n events: annals' output" "" "$(python3 "$here/bench/bytes.py" "$dir/out" "$n")" "")
done
printf '| events | tool | wall (s) | user+sys (s) | peak RSS (MB) | HTML KB/event | all KB/event | wall / Hugo | wall / floor |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${details[@]}"
rm -rf "$dir"
