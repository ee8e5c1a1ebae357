#!/usr/bin/env bash
# akim-tally against DuckDB on the same files, in three shapes of election (each generated once, then reused):
#   few large races:  2,000 races × 100 precincts  (2×10^5 precincts, ~72 MB long file);
#   the national file: 10,000 races × 100 precincts (10^6 precincts, ~360 MB long file);
#   many small races: 50,000 races × 4 precincts   (2×10^5 precincts, ~73 MB long file; roster 2×10^5 precincts and
#                     2×10^5 candidates) — the shape of a country's local elections, the same size as the first.
# For each shape, on the same long returns file and roster, it times
#   (a) akim-tally tally --format json --output FILE, every check on;
#   (b) DuckDB doing the same job in SQL, results written to a file (benches/duckdb_job.py: join the roster, keep
#       only rostered precincts under their district, sum every item per race, rank candidates, count precincts);
#   (c) DuckDB doing only a GROUP BY district, item over the returns (benches/duckdb_sum.py);
#   (d) a bare csv-crate ByteRecord loop over the returns (examples/bare_read.rs): the limit of reading the file.
# The four run in turn, RUNS rounds (default 3), so that a change in the machine's load touches them alike; for each,
# the run with the best wall time is reported with its CPU time (user + sys) and peak memory (GNU time). Needs
# python3 (DuckDB is installed with pip if missing) and /usr/bin/time.
#
#   benches/compare.sh                 # the three shapes
#   SHAPES="50000x4" RUNS=5 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SHAPES=${SHAPES:-"2000x100 10000x100 50000x4"}
CANDIDATES=${CANDIDATES:-4}
RUNS=${RUNS:-3}

command -v /usr/bin/time >/dev/null || { echo "compare.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
cargo build --release --locked --bin akim-tally --example bare_read --example phases
BIN=target/release/akim-tally
BARE=target/release/examples/bare_read

# once NAME CMD...: runs CMD once; keeps for NAME the wall time, CPU time (user + sys, s) and peak RSS (KB) of its
# fastest run so far.
declare -A WALL CPU KB
once() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$DIR/time.txt" "$@" >"$DIR/$name.out" 2>"$DIR/$name.err" || {
    code=$?
    # akim-tally exits 3 when a race is a tie: a result, not a failure.
    if [ "$name" != akim-tally ] || [ "$code" -ne 3 ]; then
      echo "compare.sh: $name failed (exit $code)"; cat "$DIR/$name.err" >&2; exit 1
    fi
  }
  read -r w u s kb < <(tail -1 "$DIR/time.txt")
  if [ -z "${WALL[$name]:-}" ] || awk -v a="$w" -v b="${WALL[$name]}" 'BEGIN { exit !(a < b) }'; then
    WALL[$name]=$w; CPU[$name]=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }'); KB[$name]=$kb
  fi
}

echo "Machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo); best of $RUNS runs each"
for shape in $SHAPES; do
  DISTRICTS=${shape%x*} PER=${shape#*x}
  DIR=target/bench-$DISTRICTS-$PER-$CANDIDATES
  if [ ! -f "$DIR/returns/returns.csv" ]; then
    "$BIN" generate --districts "$DISTRICTS" --precincts-per "$PER" --candidates "$CANDIDATES" --seed 1 \
      --shape long --output "$DIR" >/dev/null
  fi
  FILE="$DIR/returns/returns.csv"
  BYTES=$(stat -c %s "$FILE")
  WALL=(); CPU=(); KB=()
  # The four run in turn, round after round: a change in the machine's load touches them alike.
  for _ in $(seq "$RUNS"); do
    once akim-tally "$BIN" tally --quiet --rules plurality --format json --output "$DIR/results.json" --force \
      --roster "$DIR/roster" "$FILE"
    once duckdb-job python3 benches/duckdb_job.py "$DIR/roster" "$FILE" "$DIR/duckdb-results.json"
    once duckdb-sum python3 benches/duckdb_sum.py "$FILE"
    once bare "$BARE" "$FILE"
  done
  row_of() { echo "${WALL[$1]} ${CPU[$1]} ${KB[$1]}"; }
  read -r -a A < <(row_of akim-tally)
  read -r -a J < <(row_of duckdb-job)
  read -r -a S < <(row_of duckdb-sum)
  read -r -a R < <(row_of bare)
  echo
  echo "$DISTRICTS races × $PER precincts × $CANDIDATES candidates: $FILE, $((BYTES / 1000000)) MB long"
  printf '  %-46s %7s %7s %9s\n' "" "wall s" "CPU s" "peak MiB"
  row() { printf '  %-46s %7s %7s %9s\n' "$1" "$2" "$3" $(($4 / 1024)); }
  row "(a) akim-tally tally --format json" "${A[@]}"
  row "(b) DuckDB, the same job in SQL" "${J[@]}"
  row "(c) DuckDB, bare GROUP BY district, item" "${S[@]}"
  row "(d) csv ByteRecord loop (bare read)" "${R[@]}"
  awk -v aw="${A[0]}" -v ac="${A[1]}" -v jw="${J[0]}" -v jc="${J[1]}" -v sw="${S[0]}" -v rw="${R[0]}" -v kb="${A[2]}" 'BEGIN {
    printf "  akim-tally / DuckDB same job:  wall %.2f, CPU %.2f   (target <= 0.50: %s)\n", aw / jw, ac / jc, (aw / jw <= 0.5 && ac / jc <= 0.5 ? "met" : "MISSED")
    printf "  akim-tally / DuckDB GROUP BY:  wall %.2f\n", aw / sw
    printf "  akim-tally rate / bare rate:   %.0f%%\n", 100 * rw / aw
    printf "  akim-tally peak memory:        %.0f MiB\n", kb / 1024
  }'
  echo "  Where akim-tally's time goes (examples/phases, one run, library calls only, cumulative):"
  target/release/examples/phases "$DIR/roster" "$FILE" 2>&1 | sed 's/^/    /'
done
