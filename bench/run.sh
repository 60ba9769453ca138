#!/usr/bin/env bash
# Builds the same synthetic corpus with annals and with Hugo, alternating runs,
# and prints medians of wall time, user+sys time and peak RSS, the pages each
# wrote, and the I/O floor (reading every input file + copying the output tree
# on the same filesystem), with the ratios annals/Hugo and annals/floor.
#
#   bench/run.sh [N ...]        default: 1000 10000 100000
#   RUNS=5 BENCH_DIR=/dev/shm/annals-bench bench/run.sh 10000
#   NO_HUGO=1 bench/run.sh 1000000   annals alone (for sizes Hugo cannot reach)
#
# Results go to stdout as a Markdown table; read them as ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
runs=${RUNS:-3}
dir=${BENCH_DIR:-/dev/shm/annals-bench}   # tmpfs, as the targets assume

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
[ -n "${NO_HUGO:-}" ] || need hugo hugo
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release -q --bin annals --example corpus
annals=$PWD/target/release/annals
corpus=$PWD/target/release/examples/corpus

# measure LABEL CMD... → appends "wall user+sys maxrss_kb" to $dir/LABEL.times
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/stderr.out" || { cat "$dir/stderr.out"; exit 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time.out" >> "$dir/$label.times"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
col() { awk -v c="$2" '{ print $c }' "$dir/$1.times" | median; }

printf '| events | tool | wall (s) | user+sys (s) | peak RSS (MB) | pages | wall / Hugo | wall / floor |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  rm -rf "$dir" && mkdir -p "$dir"
  if [ -n "${NO_HUGO:-}" ]; then
    "$corpus" --events "$n" --seed 1 --out "$dir/site" >/dev/null
  else
    "$corpus" --events "$n" --seed 1 --out "$dir/site" --hugo "$dir/hugo" >/dev/null
  fi
  for r in $(seq "$runs"); do
    rm -rf "$dir/out"
    measure annals "$annals" build -q --root "$dir/site" --output "$dir/out"
    if [ -z "${NO_HUGO:-}" ]; then
      rm -rf "$dir/hugo/public"
      # Hugo writes HTML only, as in the issue; annals writes every default
      # output (feeds, calendar, exports, search index, sitemap) on top.
      measure hugo hugo --quiet --disableKinds RSS,sitemap,robotsTXT --source "$dir/hugo" --destination "$dir/hugo/public"
    fi
    # The floor: what any generator must do at least, on this filesystem.
    rm -rf "$dir/copy"
    measure read sh -c "find '$dir/site/content' -type f -exec cat {} + >/dev/null"
    measure copy cp -r "$dir/out" "$dir/copy"
  done
  floor=$(awk -v r="$(col read 1)" -v c="$(col copy 1)" 'BEGIN { print r + c }')
  a_wall=$(col annals 1)
  a_pages=$(find "$dir/out" -name '*.html' | wc -l)
  if [ -z "${NO_HUGO:-}" ]; then
    h_wall=$(col hugo 1)
    h_pages=$(find "$dir/hugo/public" -name '*.html' | wc -l)
    ratio=$(awk -v a="$a_wall" -v h="$h_wall" 'BEGIN { printf "%.2f", a / h }')
  else
    h_wall=""; ratio="–"
  fi
  printf '| %s | annals | %s | %s | %.0f | %s | %s | %.2f |\n' "$n" "$a_wall" "$(col annals 2)" "$(awk -v k="$(col annals 3)" 'BEGIN { print k / 1024 }')" "$a_pages" "$ratio" "$(awk -v a="$a_wall" -v f="$floor" 'BEGIN { print a / f }')"
  if [ -z "${NO_HUGO:-}" ]; then
    printf '| %s | Hugo | %s | %s | %.0f | %s | 1.00 | %.2f |\n' "$n" "$h_wall" "$(col hugo 2)" "$(awk -v k="$(col hugo 3)" 'BEGIN { print k / 1024 }')" "$h_pages" "$(awk -v h="$h_wall" -v f="$floor" 'BEGIN { print h / f }')"
  fi
  printf '| %s | I/O floor | %s | | | | | 1.00 |\n' "$n" "$floor"
done
rm -rf "$dir"
