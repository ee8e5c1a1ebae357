#!/usr/bin/env bash
# Every output of a fixed set of elections, written to one folder, so that a change meant to keep behaviour (a
# refactoring, a speed-up) can be checked byte for byte against the outputs before it:
#
#   git stash; scripts/same-bytes.sh target/before; git stash pop
#   scripts/same-bytes.sh target/after
#   diff -r target/before target/after && echo same bytes
#
# The set: the sample election (every command and format, kk/ru/en), the Alaska 2018 House returns, every planted
# bad input of fixtures/bad, every case of fixtures/cases, and the Russia 2018 presidential returns when
# ../shared/data (or $AKIM_SHARED_DATA) holds them (they are said to be skipped otherwise).
# Each run leaves OUT_DIR/NAME.out (stdout), OUT_DIR/NAME.err (stderr), OUT_DIR/NAME.code (exit code) and any file it wrote.
set -uo pipefail
cd "$(dirname "$0")/.."
# Messages follow the locale: the runs are in English unless they say --lang.
export LC_ALL=C
[ $# -eq 1 ] || { echo "usage: scripts/same-bytes.sh OUT_DIR" >&2; exit 2; }
cargo build --release --locked --quiet --bin akim-tally || exit 2
BIN=$PWD/target/release/akim-tally
# Runs write under one fixed folder, moved to OUT_DIR at the end: paths recorded in outputs stay the same.
DEST=$1
OUT=target/same-bytes.run
rm -rf "$OUT" "$DEST" && mkdir -p "$OUT"

# run NAME ARGS...: runs the binary from the repository root; a file it writes goes under OUT via @OUT@.
run() {
  local name=$1; shift
  local args=("${@//@OUT@/$OUT}")
  "$BIN" "${args[@]}" >"$OUT/$name.out" 2>"$OUT/$name.err"
  echo $? >"$OUT/$name.code"
}

S=(--roster fixtures/sample/roster fixtures/sample/returns)
for f in table json csv nist-cdf; do
  run "sample-tally-$f" tally --format "$f" --election-date 2025-10-19 "${S[@]}"
done
run sample-tally-precincts tally --format csv --precincts "${S[@]}"
run sample-validate validate "${S[@]}"
run sample-validate-json validate --format json "${S[@]}"
for lang in kk ru en; do
  run "sample-report-$lang" report --lang "$lang" --output "@OUT@/sample-report-$lang.html" "${S[@]}"
  run "sample-statement-$lang" statement --lang "$lang" "${S[@]}"
done
run sample-plurality tally --rules plurality --format json "${S[@]}"
run sample-template template --roster fixtures/sample/roster --output "@OUT@/sample-template"
run sample-results tally --format json --output "@OUT@/sample-results.json" "${S[@]}"
run sample-verify verify "@OUT@/sample-results.json"
run sample-diff diff --roster fixtures/sample/roster fixtures/sample/returns fixtures/sample/returns

AK=(--rules plurality --roster fixtures/ak-2018-house fixtures/ak-2018-house/returns.csv)
for f in table json csv nist-cdf; do
  run "alaska-tally-$f" tally --format "$f" --election-date 2018-11-06 "${AK[@]}"
done
run alaska-precincts tally --format csv --precincts "${AK[@]}"
run alaska-report report --output "@OUT@/alaska-report.html" "${AK[@]}"

for dir in fixtures/bad/*/; do
  dir=${dir%/}
  roster=fixtures/mini/roster
  [ -d "$dir/roster" ] && roster=$dir/roster
  for returns in "$dir"/returns*; do
    run "bad-$(basename "$dir")" tally --rules plurality --format json --roster "$roster" "$returns"
  done
done

for dir in fixtures/cases/*/; do
  name=$(basename "$dir")
  mapfile -t args < <(grep -v -e "^#" -e "^$" "$dir/args")
  run "case-$name" "${args[@]}"
done

DATA=${AKIM_SHARED_DATA:-../shared/data}/ru-2018-president
if [ -d "$DATA" ]; then
  RU=(--roster "$DATA" "$DATA/returns.csv")
  run russia-tally-json tally --format json "${RU[@]}"
  run russia-tally-csv tally --format csv --precincts "${RU[@]}"
  run russia-validate validate "${RU[@]}"
else
  echo "same-bytes.sh: SKIPPED Russia 2018: $DATA is absent" >&2
fi
mkdir -p "$(dirname "$DEST")" && mv "$OUT" "$DEST"
echo "same-bytes.sh: $(find "$DEST" -type f | wc -l) files in $DEST"
