#!/usr/bin/env bash
# `tix import` end to end with the release binary: the export (`tix export --with-history
# --format jsonl`) of a generated 10,000-ticket desk imported into a fresh `tix init` desk and,
# with BIG=1 (or once its desk exists), onto a copy of a generated 100,000-ticket desk.
# Prints wall time and peak RSS of each import.
#
#   bench/import.sh
#   BIG=1 bench/import.sh
#   TIX_BIN=/tmp/tix-old bench/import.sh      another build of tix, to compare
#
# Peak RSS is GNU time's %M: on Linux the rusage wait4 returns for the child is the maximum of
# the child and every descendant it waited for (RUSAGE_CHILDREN semantics), so a git process
# spawned by tix counts too (as a maximum, not a sum). STRACE=1 also counts the programs tix
# runs (strace -f, a separate run: it slows tix down).
#
# The desks live under $BENCH_DIR (default /tmp/tix-bench-import), outside any Git working
# tree; the generated desks and the export are kept there between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export TIX_ACTOR="Bench <bench@example.com>"
BENCH_DIR=${BENCH_DIR:-/tmp/tix-bench-import}
mkdir -p "$BENCH_DIR"
${CARGO:-cargo} build --release --locked --quiet --bin tix --example gen_repo
tix=${TIX_BIN:-$PWD/target/release/tix}
gen=$PWD/target/release/examples/gen_repo

generated() {
  local tickets=$1 dir=$BENCH_DIR/gen-$1
  if [ ! -d "$dir/.git" ]; then
    rm -rf "$dir"
    "$gen" --tickets "$tickets" --out "$dir" >&2
  fi
  echo "$dir"
}

source_desk=$(generated 10000)
export_file=$BENCH_DIR/10000.jsonl
if [ ! -s "$export_file" ]; then
  (cd "$source_desk" && "$tix" export --with-history --format jsonl >"$export_file.tmp")
  mv "$export_file.tmp" "$export_file"
fi
echo "input: $export_file ($(wc -l <"$export_file") records, $(du -h "$export_file" | cut -f1))"

# Imports the export into $1 and prints the figures.
measure() {
  local desk=$1 label=$2
  (cd "$desk" && /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time" "$tix" import --format json "$export_file" >"$BENCH_DIR/summary")
  read -r wall peak <"$BENCH_DIR/time"
  printf '%s: %s s wall, %s MB peak RSS; %s\n' "$label" "$wall" "$((peak / 1024))" "$(tr -d ' \n' <"$BENCH_DIR/summary")"
  test -z "$(git -C "$desk" status --porcelain --untracked-files=no)"
}

# Counts the programs an import into a fresh desk runs, tix itself left out.
children() {
  local desk
  desk=$(fresh)
  (cd "$desk" && strace -f -qq -e trace=execve -o "$BENCH_DIR/strace" "$tix" import "$export_file" 2>/dev/null)
  echo "programs tix ran: $(($(grep -c 'execve(' "$BENCH_DIR/strace") - 1))"
  rm -rf "$desk"
}

fresh() {
  local desk
  desk=$(mktemp -d "$BENCH_DIR/fresh.XXXXXX")
  git -C "$desk" init -q
  (cd "$desk" && "$tix" init >/dev/null 2>&1)
  echo "$desk"
}

desk=$(fresh)
measure "$desk" "fresh desk"
rm -rf "$desk"
if [ "${STRACE:-0}" = 1 ]; then
  children
fi

if [ "${BIG:-0}" = 1 ] || [ -d "$BENCH_DIR/gen-100000/.git" ]; then
  big=$(generated 100000)
  copy=$(mktemp -d "$BENCH_DIR/big.XXXXXX")
  cp -a "$big/." "$copy"
  measure "$copy" "onto a copy of the 100,000-ticket desk ($(git -C "$copy" rev-list --count HEAD) commits)"
  rm -rf "$copy"
fi
