#!/usr/bin/env bash
# Writes docs/report.png, the dashboard screenshot README shows: a generated sample desk of
# 1,000 tickets (examples/gen_repo, seed 1), its `tix report --format html` over the last 30
# days of its history, photographed by headless Chromium at laptop width.
#
#   scripts/report-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/report.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "report-screenshot: no chromium found (apt-get install chromium)" >&2
  exit 1
fi
cargo build --release --quiet --bin tix --example gen_repo
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_repo --tickets 1000 --seed 1 --out "$work/desk" >/dev/null
# The sample history ends on its last commit; report the 30 days before it.
last="$(git -C "$work/desk" log -1 --format=%aI)"
./target/release/tix -C "$work/desk" report --as-of "$last" --format html -o "$work/report.html"
mkdir -p "$(dirname "$out")"
"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
  --user-data-dir="$work/chromium" --window-size=1280,1800 --screenshot="$PWD/$out" \
  "file://$work/report.html" 2>/dev/null
echo "wrote $out"
