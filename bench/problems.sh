#!/usr/bin/env bash
# `tix problems` at 10,000 tickets (target < 1 s with current caches). Three desks:
#   gen      the generated 10,000-ticket desk as it is (a year of history: the last 30 days hold
#            a few hundred incidents), default period and --since 400d (every incident);
#   burst    its tickets imported as 10,000 incidents created within the last 30 days (the
#            generator's small title vocabulary: many identical titles);
#   distinct the same with two random words added to every title, so all 10,000 titles differ
#            and the similarity pass compares word sets rather than equal titles.
# Prints the median and maximum wall time of RUNS runs after a warm-up, and peak RSS; then, on
# a copy of `distinct`, the time of `--create` (every candidate opened in one commit).
#   bench/problems.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-11}
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export TIX_ACTOR="Bench <bench@example.com>" TIX_NOW=2026-11-17T10:00:00Z
BENCH_DIR=${BENCH_DIR:-/tmp/tix-bench-problems}
mkdir -p "$BENCH_DIR"
${CARGO:-cargo} build --release --locked --quiet --bin tix --example gen_repo
tix=${TIX_BIN:-$PWD/target/release/tix}
gen=$BENCH_DIR/gen
[ -d "$gen/.git" ] || ./target/release/examples/gen_repo --tickets 10000 --out "$gen" >/dev/null
(cd "$gen" && "$tix" export --format jsonl >"$BENCH_DIR/export.jsonl")

# The export made 10,000 open incidents created at random in the 30 days before TIX_NOW.
python3 - "$BENCH_DIR" <<'EOF'
import datetime, json, random, sys
d = sys.argv[1]
random.seed(7)
start = datetime.datetime(2026, 10, 18, 10, 0, 0)
syllables = ["ka", "lo", "mi", "re", "su", "to", "na", "be", "di", "fo", "gu", "ha"]
with open(f"{d}/burst.jsonl", "w") as burst, open(f"{d}/distinct.jsonl", "w") as distinct:
    for line in open(f"{d}/export.jsonl"):
        r = json.loads(line)
        r.update(type="incident", status="new", resolution=None, rating=None, assignee=None,
                 escalations=[], comments=[], links={})
        for k in ("resolved_at", "closed_at"):
            r.pop(k, None)
        at = start + datetime.timedelta(seconds=random.randrange(30 * 86400 - 3600))
        r["created_at"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        burst.write(json.dumps(r) + "\n")
        word = "".join(random.choice(syllables) for _ in range(3))
        r["title"] = f"{r['title']} {word} {random.randrange(1000)}"
        distinct.write(json.dumps(r) + "\n")
EOF
for name in burst distinct; do
  desk=$BENCH_DIR/$name
  if [ ! -d "$desk/.git" ]; then
    rm -rf "$desk" && mkdir -p "$desk"
    (cd "$desk" && git init -q && "$tix" -q init >/dev/null \
      && "$tix" -q import "$BENCH_DIR/$name.jsonl" --input-format json)
  fi
done

measure() {
  local desk=$1; shift
  (cd "$desk" && "$tix" problems "$@" >/dev/null 2>&1)
  local times
  times=$(for _ in $(seq "$RUNS"); do
    (cd "$desk" && /usr/bin/time -f "%e %M" "$tix" problems "$@" 2>&1 >/dev/null | tail -1)
  done | sort -n)
  local count
  count=$(cd "$desk" && "$tix" problems "$@" --format json \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["incidents"], len(d["candidates"]))')
  echo "$times" | awk -v what="$(basename "$desk") $*" -v count="$count" \
    '{t[NR]=$1; m=($2>m?$2:m)} END {printf "%-28s incidents, candidates %-10s median %.2f s  max %.2f s  peak %d MB\n", what, count, t[int((NR+1)/2)], t[NR], m/1024}'
}
measure "$gen"
measure "$gen" --since 400d
measure "$BENCH_DIR/burst"
measure "$BENCH_DIR/distinct"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$BENCH_DIR/distinct" "$work/desk"
cd "$work/desk"
"$tix" problems >/dev/null 2>&1
/usr/bin/time -f "--create: %e s, peak %M KB" "$tix" problems --create 2>&1 >/dev/null | tail -1
echo "files in that commit: $(git show --stat --format= HEAD | tail -1)"
