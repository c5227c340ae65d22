#!/usr/bin/env bash
# `tix suggest ID` at 10,000 tickets (target < 200 ms with current caches), and what the
# suggestions add to `tix new` on a terminal. A clone of bench/index-writers.sh's generated
# repository (made if missing) gets 50 published articles; then, medians and p90 of:
#   - `tix suggest ID` with current caches (RUNS runs after one warm-up),
#   - `tix suggest ID` without the suggest index (.git/tix/suggest-v1 removed each time: every
#     finished ticket tokenized again; the list and search caches stay),
#   - `tix new` on a terminal (through `script`, suggestions shown) and with stdin not a
#     terminal (none shown), both under `script` so they pay the same overhead.
#   bench/suggest.sh [TICKETS] [RUNS]
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
git clone -q "$src" "$work/desk"
cd "$work/desk"
for i in $(seq 50); do
  "$TIX" -q kb new --slug "article-$i" --status published --title "Printer tray $i jams on floor $((i % 5))" \
    --tag printer --body "Open tray $i, pull the paper out, check the toner and the drum unit $i." >/dev/null
done
id=$(basename "$(find tickets -name '*.yaml' -print -quit)" .yaml)
# Files checked out within the last two seconds are not cached (racy); let them settle.
sleep 3
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'; }
p90() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.9+0.999); printf "%.1f", a[i]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "$(( (e - s) / 1000 ))" | awk '{print $1/1000}'; }
"$TIX" suggest "$id" >/dev/null 2>&1
"$TIX" suggest "$id" --limit 3
warm=$(for i in $(seq "$RUNS"); do time_ms "$TIX" suggest "$id"; done)
cold=$(for i in $(seq 5); do rm -f .git/tix/suggest-v1; time_ms "$TIX" suggest "$id"; done)
tty=$(for i in $(seq 10); do time_ms script -qec "$TIX new --title 'Printer tray 3 jams again'" /dev/null; done)
notty=$(for i in $(seq 10); do time_ms script -qec "$TIX new --title 'Printer tray 3 jams again' </dev/null" /dev/null; done)
docs=$(wc -c < .git/tix/suggest-v1)
echo "$N tickets, 50 articles, suggest index $docs bytes:"
printf '  suggest warm        median %6s ms  p90 %6s ms  (target < 200 ms)\n' "$(echo "$warm" | median)" "$(echo "$warm" | p90)"
printf '  suggest no index    median %6s ms  p90 %6s ms\n' "$(echo "$cold" | median)" "$(echo "$cold" | p90)"
printf '  new on a terminal   median %6s ms  (suggestions shown)\n' "$(echo "$tty" | median)"
printf '  new, stdin piped    median %6s ms  (none shown)\n' "$(echo "$notty" | median)"
