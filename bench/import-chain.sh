#!/usr/bin/env bash
# Repo::commit_chain, the landing of `tix import`: 10,000 new tickets with 5 events each
# (50,000 commits) committed as one write, into a fresh desk and, when it was generated, into a
# copy of target/bench-repos/100000-1. Prints commit_chain's own time, then the whole test
# process's wall time and peak RSS (building the 50,000 inputs included).
#
#   bench/import-chain.sh
#   TICKETS=1000 bench/import-chain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TICKETS=${TICKETS:-10000}
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 TIX_CHAIN_BENCH_TICKETS=$TICKETS
# Temporary desks under target/ (each its own git repository): a /tmp holding many deleted
# files makes creating files slow.
mkdir -p target/bench-tmp
export TMPDIR=$PWD/target/bench-tmp
test_bin=$(${CARGO:-cargo} test --release --locked --lib --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | head -1)
run() {
  /usr/bin/time -f "  process: %e s wall, %M KB peak RSS" \
    "$test_bin" --exact store::chain::tests::bench_import_chain --ignored --nocapture \
    --test-threads=1 2>&1 | grep -E "chain of|process:"
}
echo "fresh desk:"
run
big=target/bench-repos/100000-1
if [ -d "$big/.git" ]; then
  copy=$(mktemp -d)
  cp -r "$big/." "$copy"
  echo "on top of a copy of $big ($(git -C "$copy" rev-list --count HEAD) commits):"
  TIX_CHAIN_BENCH_REPO=$copy run
  rm -rf "$copy"
fi
