#!/usr/bin/env bash
# How to update .git/index under tix's index.lock: the three candidates, end to end.
#
# For each repository size, times `tix new` (median and p90 of 30 runs after 2 warm-ups, wall
# time per process) with each index writer tix can use (TIX_INDEX_WRITER, a benchmark hook):
#   splice   store/index_file.rs: splices the new entries into the index bytes (what tix uses)
#   libgit2  git2::Index: parses every entry, adds, rewrites the whole file
#   git      `git update-index --add` on a copy of the index, copied into the lock
# and checks that `git status` is clean after each (a fast but wrong index is no candidate).
#
#   bench/index-writers.sh                 # 10,000 and 100,000 tickets
#   SIZES="1000 10000" bench/index-writers.sh
# Repositories are generated once under target/bench-repos/index-<N> (about 15 s for 10,000
# tickets, 3 min for 100,000) and reset to their generated commit before each writer.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-30}
cargo build --release --quiet --bin tix --example gen_repo
TIX=$PWD/target/release/tix
export TIX_ACTOR="Bench Agent <bench@example.com>" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

median_p90() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; p=a[int(NR*0.9+0.999)]; printf "%8.1f %8.1f", m, p}'; }

printf '%-9s %10s %8s %8s  %s\n' writer tickets median p90 "git status"
for n in $SIZES; do
  dir=$PWD/target/bench-repos/index-$n
  if [ ! -f "$dir/.git/tix-index-bench" ]; then
    rm -rf "$dir"
    ./target/release/examples/gen_repo --tickets "$n" --out "$dir" >/dev/null
    git -C "$dir" rev-parse HEAD > "$dir/.git/tix-index-bench"
  fi
  base=$(cat "$dir/.git/tix-index-bench")
  for writer in splice libgit2 git; do
    git -C "$dir" reset -q --hard "$base"
    git -C "$dir" clean -qfd tickets
    times=()
    for i in $(seq 1 $((RUNS + 2))); do
      start=$(date +%s%N)
      TIX_INDEX_WRITER=$writer "$TIX" -C "$dir" new --title "index bench $i" >/dev/null
      end=$(date +%s%N)
      [ "$i" -gt 2 ] && times+=("$(( (end - start) / 1000 ))")
    done
    status=$(git -C "$dir" status --porcelain | wc -l)
    verdict=$([ "$status" -eq 0 ] && echo clean || echo "DIRTY ($status lines)")
    stats=$(printf '%s\n' "${times[@]}" | awk '{print $1/1000}' | median_p90)
    printf '%-9s %10s %s  %s\n' "$writer" "$n" "$stats" "$verdict"
  done
done
