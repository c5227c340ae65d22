#!/usr/bin/env bash
# `tix merge-file` (Git's merge driver) on a ticket with 200 comments, both sides having added
# comments and changed different fields: median and max of 30 processes (target < 20 ms).
#   bench/merge-file.sh [COMMENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
COMMENTS=${1:-200}
RUNS=${2:-30}
cargo build --release --quiet --bin tix
TIX=$PWD/target/release/tix
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{
  printf 'id: IT-7KQ2M4X1\ntitle: Printer jams\ntype: incident\nstatus: open\npriority: P3\ncategory: hardware\ncomments:\n'
  for i in $(seq 1 "$COMMENTS"); do
    printf -- '- author: Agent %d <agent%d@example.com>\n  body: |-\n    Comment number %d, with a second line\n    to look like a real reply.\n' $((i % 7)) $((i % 7)) "$i"
  done
} > "$dir/base"
sed 's/^priority: P3/priority: P1/' "$dir/base" > "$dir/ours.orig"
printf -- '- author: Ann <ann@example.com>\n  body: Ours\n' >> "$dir/ours.orig"
sed 's/^category: hardware/category: network/' "$dir/base" > "$dir/theirs"
printf -- '- author: Bob <bob@example.com>\n  body: Theirs\n' >> "$dir/theirs"
times=()
for i in $(seq 1 $((RUNS + 2))); do
  cp "$dir/ours.orig" "$dir/ours"
  start=$(date +%s%N)
  (cd "$dir" && "$TIX" merge-file base ours theirs tickets/7/K/IT-7KQ2M4X1.yaml)
  end=$(date +%s%N)
  [ "$i" -gt 2 ] && times+=("$(( (end - start) / 1000 ))")
done
grep -q 'priority: P1' "$dir/ours" && grep -q 'category: network' "$dir/ours" &&
  grep -q 'body: Theirs' "$dir/ours" || { echo "merge result is wrong" >&2; exit 1; }
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$COMMENTS" -v runs="$RUNS" '{a[NR]=$1/1000} END {
  printf "tix merge-file, %d comments: median %.1f ms, max %.1f ms over %d runs (target < 20 ms)\n", n, a[int((NR+1)/2)], a[NR], runs }'
