#!/usr/bin/env bash
# Renders the HTML report of the sample election in Kazakh, Russian and English with a real headless browser
# (Debian's Chromium), to PNG, so that a person can see that each district's table and chart are legible.
# Usage: scripts/render-report.sh [OUT_DIR]   (default: target/report-render)
# Installs chromium with apt-get when it is missing (root, Debian). Writes OUT_DIR/report-{kk,ru,en}.{html,png,pdf}:
# the PNG is the page as a screen shows it, the PDF as it prints on A4 (no browser header or footer).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${1:-target/report-render}"
out=$(cd "${1:-target/report-render}" && pwd)
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
cargo build --release --quiet
for lang in kk ru en; do
  # Exit code 1 is expected: the sample has a broken protocol, shown in the report.
  ./target/release/akim-tally report --quiet --force --lang "$lang" --election-date 2025-10-19 \
    --raion "Жамбыл ауданы" --commission "Жамбыл аудандық аумақтық сайлау комиссиясы" \
    --members fixtures/sample/members.csv \
    --roster fixtures/sample/roster fixtures/sample/returns --output "$out/report-$lang.html" 2>/dev/null || true
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size=820,3400 --screenshot="$out/report-$lang.png" "file://$out/report-$lang.html" >/dev/null 2>&1
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="$out/report-$lang.pdf" "file://$out/report-$lang.html" >/dev/null 2>&1
  rm -rf "$profile"
  if [ ! -s "$out/report-$lang.png" ]; then
    echo "render-report: chromium wrote no $out/report-$lang.png" >&2
    exit 1
  fi
  echo "$out/report-$lang.png"
done
