#!/usr/bin/env bash
# Every output of a national election, measured: time and peak memory (/usr/bin/time -v) of each format of
# `tally`, of `report` and of `validate`, and of `diff` between the election and half of it, on the election
# benches/compare.sh generates (10^6 precincts, long). One run each: a per-precinct output is gigabytes, and what
# is looked for here is that memory follows the roster and the results, not the size of an output.
#
#   benches/outputs.sh
#   DISTRICTS=1000 PER=100 benches/outputs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DISTRICTS=${DISTRICTS:-10000}
PER=${PER:-100}
CANDIDATES=${CANDIDATES:-4}
DIR=${BENCH_DIR:-target/bench-national-$DISTRICTS-$PER-$CANDIDATES}

command -v /usr/bin/time >/dev/null || { echo "outputs.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
cargo build --release --locked --bin akim-tally
BIN=target/release/akim-tally
if [ ! -f "$DIR/returns/returns.csv" ]; then
  "$BIN" generate --districts "$DISTRICTS" --precincts-per "$PER" --candidates "$CANDIDATES" --seed 1 \
    --shape long --output "$DIR"
fi
FILE="$DIR/returns/returns.csv"
OUT="$DIR/outputs"
mkdir -p "$OUT"
# The first half of the rows, for diff: the other half's precincts are in one entry only.
HALF="$OUT/half.csv"
[ -f "$HALF" ] || head -n $(( ($(wc -l <"$FILE") + 1) / 2 )) "$FILE" >"$HALF"

# measure NAME OUTPUT CMD...: runs CMD once; prints its time, its peak memory and the size of OUTPUT.
measure() {
  local name=$1 output=$2; shift 2
  local code=0
  /usr/bin/time -v -o "$OUT/time.txt" "$@" >"$OUT/stdout" 2>"$OUT/stderr" || code=$?
  # 1: errors or differences found, 3: a race needs action (the generated election has ties); both are results.
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ] && [ "$code" -ne 3 ]; then
    echo "outputs.sh: $name failed (exit $code)"; cat "$OUT/stderr" >&2; exit 1
  fi
  local s kb bytes
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + p[i]; print t }' "$OUT/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.txt")
  bytes=$(stat -c %s "$output")
  printf '  %-36s %8s s  %6s MiB peak  %6s MB written\n' "$name" "$s" $((kb / 1024)) $((bytes / 1000000))
}

echo "Machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "Input:   $FILE — $(($(stat -c %s "$FILE") / 1000000)) MB ($DISTRICTS districts × $PER precincts × $CANDIDATES candidates, long)"
R=(--rules plurality --quiet --roster "$DIR/roster" "$FILE")
for f in json table csv; do
  measure "tally --format $f" "$OUT/out.$f" "$BIN" tally --format "$f" --output "$OUT/out.$f" --force "${R[@]}"
done
measure "tally --format csv --precincts" "$OUT/precincts.csv" \
  "$BIN" tally --format csv --precincts --output "$OUT/precincts.csv" --force "${R[@]}"
measure "tally --format nist-cdf" "$OUT/nist.json" \
  "$BIN" tally --format nist-cdf --election-date 2025-10-19 --output "$OUT/nist.json" --force "${R[@]}"
measure "report (HTML)" "$OUT/report.html" "$BIN" report --output "$OUT/report.html" --force "${R[@]}"
measure "validate --format json" "$OUT/validate.json" \
  "$BIN" validate --format json --output "$OUT/validate.json" --force "${R[@]}"
measure "diff (the election, half of it)" "$OUT/diff.txt" \
  "$BIN" diff --roster "$DIR/roster" --output "$OUT/diff.txt" --force "$FILE" "$HALF"
rm -f "$OUT/precincts.csv" "$OUT/nist.json"
