#!/usr/bin/env bash
# What `tix sync` adds to `git fetch` when there is nothing to do (target < 50 ms): a clone of a
# 10,000-ticket repository (bench/index-writers.sh's, generated if missing) against a local bare
# remote; medians of 20 runs of `git fetch` alone and of `tix sync`.
#   bench/sync.sh [TICKETS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-20}
cargo build --release --quiet --bin tix --example gen_repo
TIX=$PWD/target/release/tix
export TIX_ACTOR="Bench Agent <bench@example.com>" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
src=$PWD/target/bench-repos/index-$N
[ -d "$src/.git" ] || ./target/release/examples/gen_repo --tickets "$N" --out "$src" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q --bare "$src" "$work/remote.git"
git clone -q "$work/remote.git" "$work/clone"
"$TIX" -C "$work/clone" sync   # registers the merge driver, fills nothing else
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo "$(( (e - s) / 1000 ))" | awk '{print $1/1000}'; }
fetch=$(for i in $(seq "$RUNS"); do time_ms git -C "$work/clone" fetch --quiet origin; done | median)
sync=$(for i in $(seq "$RUNS"); do time_ms "$TIX" -C "$work/clone" sync; done | median)
awk -v f="$fetch" -v s="$sync" -v n="$N" 'BEGIN {
  printf "%d tickets: git fetch %.1f ms, tix sync (nothing to do) %.1f ms: +%.1f ms (target < 50 ms)\n", n, f, s, s - f }'
