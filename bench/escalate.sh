#!/bin/sh
# Measures `tix escalate` when nothing is due, on a generated repository of N tickets (default
# 10,000) with a warm list and timeline cache. Target: under 1 s at 10,000 tickets.
#
#   bench/escalate.sh [TICKETS] [RUNS]        # uses target/release/tix (built if missing)
#   TIX=/path/to/tix bench/escalate.sh        # another binary; rebuild release after changes
#
# Last figure (2 shared cores, release build): median 246 ms, max 331 ms at 10,000 tickets.
#
# The repository is built with `git fast-import` (about 2.5 commits a ticket, over 100 days, 40%
# still open) plus the escalation levels and timed rules of the README. A first `tix escalate`
# applies everything due (one big commit), a second warms the caches; the measured runs then find
# nothing due, which is the steady state of an hourly cron job.
set -eu
TICKETS=${1:-10000}
RUNS=${2:-10}
HERE=$(cd "$(dirname "$0")/.." && pwd)
TIX=${TIX:-$HERE/target/release/tix}
[ -x "$TIX" ] || (cd "$HERE" && cargo build --release -q)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REPO=$WORK/repo
mkdir -p "$REPO"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 TIX_ACTOR="Bench Bot <bench@example.com>"
export TIX_NOW=2025-08-31T09:00:00Z
cd "$REPO"
"$TIX" init -q
python3 - "$TICKETS" <<'EOF'
import random, subprocess, sys
n = int(sys.argv[1])
random.seed(1)
text = open(".tix/config.yaml").read()
agents = ["alice", "bob", "carol", "dave", "erin", "frank"]
text = text.replace("teams: {}\n", "teams:\n  desktop: { lead: alice, assignment: least-loaded }\n  triage: { lead: bob }\n")
text = text.replace("agents:\n", "agents:\n" + "".join(
    f"  - {{ name: {a}, email: {a}@example.com, teams: [desktop, triage] }}\n" for a in agents), 1)
text = text.replace("escalation: {}\n", """escalation:
  levels:
    - { name: warn, clock: resolution, at: 75%, actions: [{ add_tag: late }] }
    - { name: breach, clock: any, at: breach, actions: [{ raise_priority: 1 }] }
    - { name: reassign, clock: resolution, at: breach+24h, actions: [{ assign_team: triage }, { add_tag: escalated }] }
  timed:
    - { name: stale-pending, when: { status: [pending] }, after: 5d, actions: [{ comment: closing }, { set_status: resolved }] }
    - { name: triage-new, when: { status: [new], unassigned: true }, after: 2h, actions: [{ assign_team: triage }] }
""")
open(".tix/config.yaml", "w").write(text)
subprocess.run(["git", "commit", "-qam", "bench config"], check=True,
               env={"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "b",
                    "GIT_COMMITTER_EMAIL": "b@x", "GIT_AUTHOR_DATE": "2025-08-31T10:00:00Z",
                    "GIT_COMMITTER_DATE": "2025-08-31T10:00:00Z", "PATH": "/usr/bin:/bin"})
head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
ref = subprocess.run(["git", "symbolic-ref", "HEAD"], capture_output=True, text=True).stdout.strip()
alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
start = 1756717200  # 2025-09-01T09:00:00Z
out = []
mark = 0
def commit(path, body, when, msg):
    global mark, head
    data = body.encode()
    out.append(f"commit {ref}\nauthor Bench Bot <bench@example.com> {when} +0000\n".encode())
    out.append(f"committer Bench Bot <bench@example.com> {when} +0000\n".encode())
    m = msg.encode()
    out.append(b"data %d\n" % len(m) + m + b"\n")
    if head:
        out.append(f"from {head}\n".encode())
        head = None
    out.append(f"M 100644 inline {path}\n".encode())
    out.append(b"data %d\n" % len(data) + data + b"\n")
events = []
for i in range(n):
    code = "".join(random.choice(alphabet) for _ in range(8))
    tid = f"IT-{code}"
    path = f"tickets/{code[0]}/{code[1]}/{tid}.yaml"
    created = start + i * (900 * 10000 // max(n, 10000))  # 100 days, whatever the size
    prio = random.choice(["P1", "P2", "P3", "P4"])
    who = random.choice(agents)
    def render(status):
        return (f"id: {tid}\ntitle: Generated ticket {i}\ntype: incident\nstatus: {status}\n"
                f"priority: {prio}\nassignee: {who}\nteam: desktop\n")
    events.append((created, path, render("new"), f"{tid} new: Generated ticket {i}"))
    r = random.random()
    if r < 0.75:
        events.append((created + 3600, path, render("in_progress"), f"{tid} start"))
    if r < 0.60:
        events.append((created + 7200, path, render("resolved"), f"{tid} resolve"))
events.sort(key=lambda e: e[0])
for when, path, body, msg in events:
    commit(path, body, when, msg)
subprocess.run(["git", "fast-import", "--quiet"], input=b"".join(out), check=True)
subprocess.run(["git", "reset", "-q", "--hard"], check=True)
print(f"generated {n} tickets, {len(events)} commits", file=sys.stderr)
EOF
export TIX_NOW=2025-12-15T12:00:00Z
# Applies everything due (one commit a run; a raised priority can make the next level due, so
# a large desk takes a few runs), until a run finds nothing due and the caches are warm.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  "$TIX" escalate 2>&1 >/dev/null | grep -q "Nothing to escalate." && break
done
python3 - "$TIX" "$RUNS" <<'EOF'
import statistics, subprocess, sys, time
tix, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t = time.perf_counter()
    r = subprocess.run([tix, "escalate"], capture_output=True, text=True)
    times.append(time.perf_counter() - t)
    assert r.returncode == 0 and "Nothing to escalate." in r.stderr, r.stderr
times.sort()
print(f"tix escalate, nothing due: median {statistics.median(times)*1000:.0f} ms, "
      f"max {times[-1]*1000:.0f} ms over {runs} runs (target < 1000 ms)")
EOF
echo "tickets: $TICKETS, commits: $(git rev-list --count HEAD)"
