#!/usr/bin/env bash
# National scale, measured: generates a long returns file (10^6 precincts × 10 items by default) and times, in the
# same run and on the same file,
#   (a) akim-tally tally --format json, every check on;
#   (b) DuckDB doing only a GROUP BY district, item sum (pip install duckdb);
#   (c) a bare csv-crate ByteRecord loop (examples/bare_read.rs): the practical limit of reading the file.
# Each is run RUNS times (default 3); the best wall time, its peak memory (/usr/bin/time -v) and, for DuckDB, the
# query's own time in that run are reported.
#
#   benches/compare.sh                      # 10,000 districts × 100 precincts × 4 candidates
#   DISTRICTS=1000 PER=100 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DISTRICTS=${DISTRICTS:-10000}
PER=${PER:-100}
CANDIDATES=${CANDIDATES:-4}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-target/bench-national-$DISTRICTS-$PER-$CANDIDATES}

command -v /usr/bin/time >/dev/null || { echo "compare.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
cargo build --release --locked --bin akim-tally --example bare_read --example phases
BIN=target/release/akim-tally
BARE=target/release/examples/bare_read

if [ ! -f "$DIR/returns/returns.csv" ]; then
  "$BIN" generate --districts "$DISTRICTS" --precincts-per "$PER" --candidates "$CANDIDATES" --seed 1 \
    --shape long --output "$DIR"
fi
FILE="$DIR/returns/returns.csv"
BYTES=$(stat -c %s "$FILE")
ROWS=$(($(wc -l <"$FILE") - 1))

# best NAME CMD...: runs CMD $RUNS times; sets BEST_S (wall seconds) and BEST_KB (peak RSS of that run).
best() {
  local name=$1; shift
  BEST_S=""; BEST_KB=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$DIR/time.txt" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" || {
      code=$?
      # akim-tally exits 3 when a race is a tie: a result, not a failure.
      if [ "$name" != akim-tally ] || [ "$code" -ne 3 ]; then
        echo "compare.sh: $name failed (exit $code)"; cat "$DIR/$name.err" >&2; exit 1
      fi
    }
    local s kb
    s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + p[i]; print t }' "$DIR/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$DIR/time.txt")
    if [ -z "$BEST_S" ] || awk -v a="$s" -v b="$BEST_S" 'BEGIN { exit !(a < b) }'; then
      BEST_S=$s; BEST_KB=$kb
      cp "$DIR/$name.out" "$DIR/$name.best.out"
    fi
  done
}

best akim-tally "$BIN" tally --quiet --rules plurality --format json --output "$DIR/results.json" --force --roster "$DIR/roster" "$FILE"
A_S=$BEST_S A_KB=$BEST_KB
best duckdb python3 benches/duckdb_sum.py "$FILE"
D_S=$BEST_S D_KB=$BEST_KB
D_IN=$(awk '{ print $(NF-2) }' "$DIR/duckdb.best.out")
best bare "$BARE" "$FILE"
B_S=$BEST_S B_KB=$BEST_KB

mbs() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", b / 1e6 / s }'; }
echo
echo "Machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "Input:   $FILE — $ROWS rows, $((BYTES / 1000000)) MB ($DISTRICTS districts × $PER precincts × $CANDIDATES candidates, long)"
echo "Best of $RUNS runs each:"
printf '  %-44s %7s s  %5s MB/s  %6s MiB peak\n' "(a) akim-tally tally --format json" "$A_S" "$(mbs "$A_S")" $((A_KB / 1024))
printf '  %-44s %7s s  %5s MB/s  %6s MiB peak  (query alone: %s s)\n' "(b) DuckDB GROUP BY district, item" "$D_S" "$(mbs "$D_S")" $((D_KB / 1024)) "$D_IN"
printf '  %-44s %7s s  %5s MB/s  %6s MiB peak\n' "(c) csv ByteRecord loop (bare read)" "$B_S" "$(mbs "$B_S")" $((B_KB / 1024))
awk -v a="$A_S" -v d="$D_S" -v di="$D_IN" -v b="$B_S" -v kb="$A_KB" 'BEGIN {
  printf "Ratios:\n"
  printf "  akim-tally / DuckDB time        %.2f (query alone: %.2f)   target <= 0.50: %s\n", a / d, a / di, (a / d <= 0.5 ? "met" : "MISSED")
  printf "  akim-tally rate / bare rate     %.0f%%                       target >= 50%%:  %s\n", 100 * b / a, (b / a >= 0.5 ? "met" : "MISSED")
  printf "  akim-tally peak memory          %.0f MiB                    target <= 256: %s\n", kb / 1024, (kb / 1024 <= 256 ? "met" : "MISSED")
}'
echo "Where akim-tally's time goes (examples/phases, one run, library calls only):"
target/release/examples/phases "$DIR/roster" "$FILE" 2>&1 | sed 's/^/  /'
