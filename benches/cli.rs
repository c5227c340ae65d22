//! End-to-end latency of the `tix` binary on generated repositories of 1,000 and 10,000 tickets.
//!
//! Why whole processes rather than library calls: what a person (or a CI job) waits for is
//! process start, config load, Git access and output together, and the costs that grow with a
//! repository (the index, parsing every ticket, walking history) show up only at realistic
//! sizes. So this builds repositories with the same generator as `examples/gen_repo` (cached
//! under `target/bench-repos/<N>-<seed>`), runs the release binary against them and prints
//! medians and p90s next to the targets.
//!
//! `cargo bench --bench cli`; `TIX_BENCH_SIZES=1000,10000` picks the sizes and
//! `TIX_BENCH_SEED` the generator seed (default 1). See bench/README.md.

#[path = "../examples/gen_repo/gen.rs"]
mod repo_gen;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIX: &str = env!("CARGO_BIN_EXE_tix");
const ACTOR: &str = "Bench Agent <bench@example.com>";

/// Runs per measurement: enough for a stable median and a meaningful p90 on a noisy machine.
const NEW_RUNS: usize = 30;
const LIST_RUNS: usize = 10;
const COLD_LIST_RUNS: usize = 3;
const SHOW_RUNS: usize = 30;
/// Unmeasured runs first, so page cache and tix's own caches are in their steady state.
const WARMUP: usize = 2;

/// Targets, in milliseconds, from the project's performance goals (at 10,000 tickets).
const NEW_TARGET_MS: f64 = 20.0;
const LIST_TARGET_MS: f64 = 250.0;
const SHOW_TARGET_MS: f64 = 30.0;
const SLA_COLD_TARGET_MS: f64 = 5000.0;
const SLA_WARM_TARGET_MS: f64 = 300.0;
const SLA_AFTER_COMMIT_TARGET_MS: f64 = 400.0;
/// `tix sla explain` of one ticket: interactive, like `show`, but it reads the history.
const EXPLAIN_TARGET_MS: f64 = 100.0;
/// `tix report` over the last 30 days of history with current caches, at 10,000 tickets and at
/// 100,000, and its peak memory at any size.
const REPORT_TARGET_MS: f64 = 300.0;
const REPORT_PEAK_TARGET_MB: f64 = 300.0;
/// `tix suggest ID` with current caches (issue 15).
const SUGGEST_TARGET_MS: f64 = 200.0;
/// The targets are stated for 10,000 tickets; larger sizes are reported without a verdict.
const TARGET_SIZE: usize = 10_000;

struct Sample {
    tickets: usize,
    commits: usize,
    setup: String,
    new: Vec<Duration>,
    list_warm: Vec<Duration>,
    list_cold: Vec<Duration>,
    show: Vec<Duration>,
    sla_cold: Vec<Duration>,
    sla_warm: Vec<Duration>,
    sla_after_commit: Vec<Duration>,
    explain: Vec<Duration>,
    report: Vec<Duration>,
    report_html: Vec<Duration>,
    /// Peak resident memory of one `tix report`, in MB.
    report_peak_mb: f64,
    /// `tix list` and `tix sla check` right after 30 `tix new` (each time, 3 times).
    list_after_30: Vec<Duration>,
    /// `tix list --grep` over every ticket's text (issue 14), warm.
    search: Vec<Duration>,
    /// `tix suggest ID` with current caches (issue 15).
    suggest: Vec<Duration>,
    sla_after_30: Vec<Duration>,
    /// `tix show` with no cache at all, as on a fresh clone (3 times).
    show_fresh: Vec<Duration>,
    /// Peak resident memory of tix alone (not its `git log`) in the cold `sla check`, and of
    /// a warm `list` and `sla check`, in MB.
    sla_cold_peak_mb: f64,
    list_peak_mb: f64,
    sla_warm_peak_mb: f64,
}

fn main() {
    let sizes: Vec<usize> = std::env::var("TIX_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| {
            s.trim()
                .replace('_', "")
                .parse()
                .expect("TIX_BENCH_SIZES must be a comma-separated list of ticket counts")
        })
        .collect();
    let seed: u64 = std::env::var("TIX_BENCH_SEED")
        .map(|s| s.parse().expect("TIX_BENCH_SEED must be a number"))
        .unwrap_or(1);
    let root = bench_repos_dir();
    fs::create_dir_all(&root).expect("cannot create target/bench-repos");

    let mut samples = Vec::new();
    for &n in &sizes {
        eprintln!("== {n} tickets");
        let (dir, marker, reused) = prepare(&root, n, seed);
        let mut sample = measure(&dir, n, &marker);
        sample.setup = if reused {
            format!(
                "reused from the cache (generated in {})",
                marker.generated_in
            )
        } else {
            format!("generated in {}", marker.generated_in)
        };
        samples.push(sample);
    }
    print_report(&samples, seed);
}

/// `target/bench-repos`, found from the tix binary's path (`target/<profile>/tix`) so that it
/// follows `CARGO_TARGET_DIR` and shared target directories.
fn bench_repos_dir() -> PathBuf {
    Path::new(TIX)
        .parent()
        .and_then(Path::parent)
        .expect("the tix binary is not inside a target directory")
        .join("bench-repos")
}

/// What the cache remembers about a generated repository (`.git/tix-bench`).
struct Marker {
    fingerprint: String,
    head: String,
    busiest: String,
    commits: usize,
    generated_in: String,
}

impl Marker {
    fn parse(text: &str) -> Option<Marker> {
        let mut lines = text.lines();
        Some(Marker {
            fingerprint: lines.next()?.to_string(),
            head: lines.next()?.to_string(),
            busiest: lines.next()?.to_string(),
            commits: lines.next()?.parse().ok()?,
            generated_in: lines.next()?.to_string(),
        })
    }

    fn render(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{}\n",
            self.fingerprint, self.head, self.busiest, self.commits, self.generated_in
        )
    }
}

/// Returns a repository of `n` tickets in its generated state: reused from the cache (reset to
/// the generated commit, since each run adds tickets) or generated anew when missing or made
/// by an older generator or tix format.
fn prepare(root: &Path, n: usize, seed: u64) -> (PathBuf, Marker, bool) {
    let dir = root.join(format!("{n}-{seed}"));
    let marker_path = dir.join(".git").join("tix-bench");
    let fingerprint = repo_gen::fingerprint();
    let cached = fs::read_to_string(&marker_path)
        .ok()
        .and_then(|t| Marker::parse(&t))
        .filter(|m| m.fingerprint == fingerprint);
    if let Some(marker) = cached {
        git(&dir, &["reset", "--hard", "-q", &marker.head]);
        git(&dir, &["clean", "-fdq", "--", "tickets"]);
        // tix's caches are disposable; dropping them makes every run start from the same state.
        let _ = fs::remove_dir_all(dir.join(".git").join("tix"));
        eprintln!("   reusing {}", dir.display());
        return (dir, marker, true);
    }
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("cannot remove the stale cached repository");
    }
    eprintln!("   generating {} ...", dir.display());
    let started = Instant::now();
    let opts = repo_gen::Options {
        tickets: n,
        seed,
        ..repo_gen::Options::default()
    };
    let summary = repo_gen::generate(&dir, &opts).expect("generating the repository failed");
    let marker = Marker {
        fingerprint,
        head: summary.head,
        busiest: summary.busiest_ticket,
        commits: summary.commits,
        generated_in: format!("{:.1} s", started.elapsed().as_secs_f64()),
    };
    fs::write(&marker_path, marker.render()).expect("cannot write the cache marker");
    (dir, marker, false)
}

fn measure(dir: &Path, n: usize, marker: &Marker) -> Sample {
    let new_args = |i: usize| -> Vec<String> {
        [
            "new",
            "--title",
            &format!("Benchmark ticket {i}"),
            "--type",
            "incident",
            "--priority",
            "P3",
            "--category",
            "hardware",
            "--requester",
            "Dana Whitfield <dana.whitfield@example.com>",
            "--description",
            "Created by benches/cli.rs to time `tix new`.\nSecond line.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    eprintln!("   tix new x{NEW_RUNS}");
    let new = repeat(WARMUP, NEW_RUNS, |i| run(dir, &new_args(i)));

    eprintln!("   tix list cold x{COLD_LIST_RUNS}, warm x{LIST_RUNS}, --grep warm x{LIST_RUNS}");
    let cache = dir.join(".git").join("tix").join("list-cache-v6");
    let list = ["list".to_string()];
    let list_cold = repeat(0, COLD_LIST_RUNS, |_| {
        let _ = fs::remove_file(&cache);
        run(dir, &list)
    });
    let list_warm = repeat(1, LIST_RUNS, |_| run(dir, &list));
    // A word the generator's titles and comments use, over done tickets too: the worst case
    // of a search (every text is matched).
    let search_args = ["list", "--all", "--grep", "printer"].map(String::from);
    let search = repeat(1, LIST_RUNS, |_| run(dir, &search_args));
    // Ranks every finished ticket against the busiest one; the first run fills the index.
    eprintln!("   tix suggest x{LIST_RUNS}");
    let suggest_args = ["suggest".to_string(), marker.busiest.clone()];
    let suggest = repeat(1, LIST_RUNS, |_| run(dir, &suggest_args));

    eprintln!("   tix show {} x{SHOW_RUNS}", marker.busiest);
    let show = ["show".to_string(), marker.busiest.clone()];
    let show = repeat(WARMUP, SHOW_RUNS, |_| run(dir, &show));

    // `tix sla check` exits 1 when it finds breaches (a generated year of history has many),
    // which is a verdict, not a failure of the run.
    let check = ["sla".to_string(), "check".to_string()];
    eprintln!("   tix sla check cold x3, warm x10, after one new commit x5");
    // Cold: every cache tix keeps under .git/tix deleted, as in a fresh clone.
    let caches = dir.join(".git").join("tix");
    let mut sla_cold_peak_kb = 0;
    let sla_cold = repeat(0, 3, |_| {
        let _ = fs::remove_dir_all(&caches);
        let (elapsed, peak_kb) = run_with_peak_verdict(dir, &check);
        sla_cold_peak_kb = sla_cold_peak_kb.max(peak_kb);
        elapsed
    });
    let sla_warm_peak_kb = run_with_peak_verdict(dir, &check).1;
    let list_peak_kb = run_with_peak(dir, &list).1;
    let sla_warm = repeat(1, 10, |_| run_verdict(dir, &check));
    let sla_after_commit = repeat(0, 5, |i| {
        run(dir, &new_args(1000 + i));
        run_verdict(dir, &check)
    });

    eprintln!("   tix list and sla check after 30 commits x3, show on a fresh clone x3");
    let burst = |round: usize| {
        for i in 0..30 {
            run(dir, &new_args(2000 + round * 30 + i));
        }
    };
    let list_after_30 = repeat(0, 3, |round| {
        burst(round);
        run(dir, &list)
    });
    let sla_after_30 = repeat(0, 3, |round| {
        burst(10 + round);
        run_verdict(dir, &check)
    });
    let show_args = ["show".to_string(), marker.busiest.clone()];
    let show_fresh = repeat(0, 3, |_| {
        let _ = fs::remove_dir_all(&caches);
        run(dir, &show_args)
    });
    // Leave the caches warm for what follows.
    run_verdict(dir, &check);

    eprintln!("   tix sla explain {} x10", marker.busiest);
    let explain = [
        "sla".to_string(),
        "explain".to_string(),
        marker.busiest.clone(),
    ];
    let explain = repeat(WARMUP, 10, |_| run(dir, &explain));

    // The generated history ends before today: report on its last 30 days.
    let last = String::from_utf8(
        Command::new("git")
            .args(["log", "-1", "--format=%aI", &marker.head])
            .current_dir(dir)
            .output()
            .expect("cannot run git")
            .stdout,
    )
    .expect("utf-8");
    let report_args = |format: &str| -> Vec<String> {
        ["report", "--as-of", last.trim(), "--format", format]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    eprintln!("   tix report x10, --format html x5");
    let mut report_peak_kb = 0;
    let report = repeat(WARMUP, 10, |_| {
        let (elapsed, peak_kb) = run_with_peak(dir, &report_args("table"));
        report_peak_kb = report_peak_kb.max(peak_kb);
        elapsed
    });
    let report_html = repeat(1, 5, |_| run_with_peak(dir, &report_args("html")).0);

    Sample {
        tickets: n,
        commits: marker.commits,
        setup: String::new(),
        new,
        list_warm,
        search,
        suggest,
        list_cold,
        show,
        sla_cold,
        sla_warm,
        sla_after_commit,
        explain,
        report,
        report_html,
        report_peak_mb: report_peak_kb as f64 / 1024.0,
        list_after_30,
        sla_after_30,
        show_fresh,
        sla_cold_peak_mb: sla_cold_peak_kb as f64 / 1024.0,
        list_peak_mb: list_peak_kb as f64 / 1024.0,
        sla_warm_peak_mb: sla_warm_peak_kb as f64 / 1024.0,
    }
}

fn repeat(warmup: usize, runs: usize, mut f: impl FnMut(usize) -> Duration) -> Vec<Duration> {
    for i in 0..warmup {
        f(runs + i);
    }
    (0..runs).map(&mut f).collect()
}

/// Runs tix once and returns the wall time from spawn to exit (what a user waits for).
fn run(dir: &Path, args: &[String]) -> Duration {
    let mut cmd = Command::new(TIX);
    cmd.args(args)
        .current_dir(dir)
        .env("TIX_ACTOR", ACTOR)
        // No user or system Git config: the same conditions on every machine.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("TIX_NOW")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    let started = Instant::now();
    let out = cmd.output().expect("cannot run the tix binary");
    let elapsed = started.elapsed();
    assert!(
        out.status.success(),
        "tix {} failed in {}: {}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

/// Like [`run`], also returning the peak resident memory in KiB of tix and every process it
/// started, summed (the `git log` of a cold walk runs beside tix). Sampled from `/proc` every
/// 10 ms: `wait4`'s `ru_maxrss` is the largest single process, and Linux carries the bench
/// process's own peak over `exec` into it.
fn run_with_peak(dir: &Path, args: &[String]) -> (Duration, i64) {
    run_with_peak_exits(dir, args, &[0])
}

/// As [`run_with_peak`], for `tix sla check`, whose exit code 1 is an answer.
fn run_with_peak_verdict(dir: &Path, args: &[String]) -> (Duration, i64) {
    run_with_peak_exits(dir, args, &[0, 1])
}

fn run_with_peak_exits(dir: &Path, args: &[String], ok: &[i32]) -> (Duration, i64) {
    let started = Instant::now();
    let mut child = Command::new(TIX)
        .args(args)
        .current_dir(dir)
        .env("TIX_ACTOR", ACTOR)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("TIX_NOW")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot run the tix binary");
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().expect("cannot wait for tix") {
            break status;
        }
        peak = peak.max(tree_rss_kb(child.id()));
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    assert!(
        status.code().is_some_and(|code| ok.contains(&code)),
        "tix {} failed in {}",
        args.join(" "),
        dir.display()
    );
    (elapsed, peak)
}

/// The resident memory in KiB of `pid` and its descendants now (0 for a process already gone).
fn tree_rss_kb(pid: u32) -> i64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let own: i64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten();
    let children: i64 = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|child| child.parse::<u32>().ok())
                .collect::<Vec<_>>()
        })
        .map(tree_rss_kb)
        .sum();
    own + children
}

/// Like [`run`], for commands whose exit code 1 is an answer (`tix sla check`).
fn run_verdict(dir: &Path, args: &[String]) -> Duration {
    let started = Instant::now();
    let out = Command::new(TIX)
        .args(args)
        .current_dir(dir)
        .env("TIX_ACTOR", ACTOR)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("TIX_NOW")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .expect("cannot run the tix binary");
    let elapsed = started.elapsed();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "tix {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cannot run git");
    assert!(
        out.status.success(),
        "git {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Nearest-rank percentile of the samples, in milliseconds.
fn percentile(samples: &[Duration], p: f64) -> f64 {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * ms.len() as f64).ceil() as usize;
    ms[rank.clamp(1, ms.len()) - 1]
}

fn print_report(samples: &[Sample], seed: u64) {
    let width = 12;
    let header: String = samples
        .iter()
        .map(|s| format!("{:>width$}", format!("{} tix", thousands(s.tickets))))
        .collect();
    println!();
    println!("tix CLI latency (release build, seed {seed}; wall time per process, ms)");
    for s in samples {
        println!(
            "  {:>7} tickets: {} commits, repository {}",
            thousands(s.tickets),
            thousands(s.commits),
            s.setup
        );
    }
    println!();
    println!("{:<22}{header}  {:<14}verdict", "command", "target");
    type Stat = fn(&Sample) -> f64;
    let rows: [(&str, Stat, Option<f64>); 15] = [
        (
            "new    median x30",
            |s| percentile(&s.new, 50.0),
            Some(NEW_TARGET_MS),
        ),
        (
            "new    p90    x30",
            |s| percentile(&s.new, 90.0),
            Some(NEW_TARGET_MS),
        ),
        (
            "list   warm   x10",
            |s| percentile(&s.list_warm, 50.0),
            Some(LIST_TARGET_MS),
        ),
        ("list   cold   x3", |s| percentile(&s.list_cold, 50.0), None),
        ("list --grep   x10", |s| percentile(&s.search, 50.0), None),
        (
            "suggest       x10",
            |s| percentile(&s.suggest, 50.0),
            Some(SUGGEST_TARGET_MS),
        ),
        (
            "show   median x30",
            |s| percentile(&s.show, 50.0),
            Some(SHOW_TARGET_MS),
        ),
        ("show   p90    x30", |s| percentile(&s.show, 90.0), None),
        (
            "sla check cold  x3",
            |s| percentile(&s.sla_cold, 50.0),
            Some(SLA_COLD_TARGET_MS),
        ),
        (
            "sla check warm  x10",
            |s| percentile(&s.sla_warm, 50.0),
            Some(SLA_WARM_TARGET_MS),
        ),
        (
            "sla check +1 commit x5",
            |s| percentile(&s.sla_after_commit, 50.0),
            Some(SLA_AFTER_COMMIT_TARGET_MS),
        ),
        (
            "sla explain     x10",
            |s| percentile(&s.explain, 50.0),
            Some(EXPLAIN_TARGET_MS),
        ),
        (
            "report          x10",
            |s| percentile(&s.report, 50.0),
            Some(REPORT_TARGET_MS),
        ),
        (
            "report html     x5",
            |s| percentile(&s.report_html, 50.0),
            None,
        ),
        (
            "report peak MB",
            |s| s.report_peak_mb,
            Some(REPORT_PEAK_TARGET_MB),
        ),
    ];
    for (label, stat, target) in rows {
        let values: String = samples
            .iter()
            .map(|s| format!("{:>width$.1}", stat(s)))
            .collect();
        let (target_text, verdict) = match target {
            Some(t) => {
                let judged: Vec<&Sample> = samples
                    .iter()
                    .filter(|s| s.tickets <= TARGET_SIZE)
                    .collect();
                let verdict = if judged.is_empty() {
                    "n/a"
                } else if judged.iter().all(|s| stat(s) < t) {
                    "ok"
                } else {
                    "MISSED"
                };
                let unit = if label.ends_with("MB") { "MB" } else { "ms" };
                (format!("< {t:.0} {unit}"), verdict)
            }
            None => ("(info)".to_string(), ""),
        };
        println!("{label:<22}{values}  {target_text:<14}{verdict}");
    }
    // Issue 13's targets at 100,000 tickets (500,000 commits).
    type Target = (&'static str, fn(&Sample) -> f64, f64);
    let large: [Target; 14] = [
        ("new median", |s| percentile(&s.new, 50.0), 30.0),
        ("list warm", |s| percentile(&s.list_warm, 50.0), 300.0),
        (
            "list after 30 commits",
            |s| percentile(&s.list_after_30, 50.0),
            300.0,
        ),
        ("list peak MB", |s| s.list_peak_mb, 200.0),
        (
            "search warm (--grep)",
            |s| percentile(&s.search, 50.0),
            500.0,
        ),
        ("show median", |s| percentile(&s.show, 50.0), 20.0),
        (
            "show fresh clone",
            |s| percentile(&s.show_fresh, 50.0),
            2000.0,
        ),
        ("sla check warm", |s| percentile(&s.sla_warm, 50.0), 500.0),
        (
            "sla check +1 commit",
            |s| percentile(&s.sla_after_commit, 50.0),
            500.0,
        ),
        (
            "sla check +30 commits",
            |s| percentile(&s.sla_after_30, 50.0),
            500.0,
        ),
        ("sla check peak MB", |s| s.sla_warm_peak_mb, 300.0),
        ("sla check cold", |s| percentile(&s.sla_cold, 50.0), 20000.0),
        ("sla check cold peak MB", |s| s.sla_cold_peak_mb, 500.0),
        ("report", |s| percentile(&s.report, 50.0), 2000.0),
    ];
    for s in samples.iter().filter(|s| s.tickets >= 100_000) {
        println!(
            "\nat {} tickets (targets of issue 13):",
            thousands(s.tickets)
        );
        for (label, stat, target) in &large {
            let value = stat(s);
            let unit = if label.ends_with("MB") { "MB" } else { "ms" };
            let verdict = if value < *target { "ok" } else { "MISSED" };
            println!("  {label:<24}{value:>10.1}  < {target:.0} {unit:<6}{verdict}");
        }
    }
    // "Not growing linearly": compare the growth of `new` with the growth of the repository.
    if let (Some(small), Some(large)) = (
        samples.iter().min_by_key(|s| s.tickets),
        samples.iter().max_by_key(|s| s.tickets),
    ) && large.tickets > small.tickets
    {
        let size_ratio = large.tickets as f64 / small.tickets as f64;
        let time_ratio = percentile(&large.new, 50.0) / percentile(&small.new, 50.0);
        let verdict = if time_ratio < size_ratio.sqrt() {
            "ok (sub-linear)"
        } else {
            "MISSED (grows with N)"
        };
        println!(
            "\nnew median grows x{time_ratio:.2} for x{size_ratio:.0} tickets \
                 (target: well below linear, < x{:.2}): {verdict}",
            size_ratio.sqrt()
        );
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
