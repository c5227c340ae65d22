//! `gen_repo`: writes a synthetic ticket repository of N tickets with a realistic history.
//!
//! Benchmarks and load tests need 10,000-ticket repositories with 50,000 commits; this builds
//! one in seconds by writing the Git objects straight into a pack (see gen.rs, which the
//! benchmarks share).
//!
//! ```text
//! cargo run --release --example gen_repo -- --tickets 10000 --out /tmp/tix-10k [--seed 1] [--commits-per-ticket 5]
//! ```

#[path = "gen.rs"]
mod repo_gen;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_repo --tickets N --out DIR [--seed S] [--commits-per-ticket F]";

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok((opts, out)) => {
            let started = Instant::now();
            match repo_gen::generate(&out, &opts) {
                Ok(s) => {
                    println!(
                        "{}: {} tickets ({} open), {} commits, {} B mean file, head {}, busiest {} ({} commits), {:.1} s",
                        out.display(),
                        s.tickets,
                        s.open,
                        s.commits,
                        s.mean_file_bytes,
                        &s.head[..12.min(s.head.len())],
                        s.busiest_ticket,
                        s.busiest_commits,
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("gen_repo: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            eprintln!("gen_repo: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(
    mut args: impl Iterator<Item = String>,
) -> Result<(repo_gen::Options, PathBuf), String> {
    let mut opts = repo_gen::Options::default();
    let mut tickets = None;
    let mut out = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--tickets" => {
                tickets = Some(value()?.parse().map_err(|e| format!("--tickets: {e}"))?);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => opts.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--commits-per-ticket" => {
                let v: f64 = value()?
                    .parse()
                    .map_err(|e| format!("--commits-per-ticket: {e}"))?;
                if v.is_nan() || v < 1.0 {
                    return Err("--commits-per-ticket must be at least 1".into());
                }
                opts.commits_per_ticket = v;
            }
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    opts.tickets = tickets.ok_or("--tickets is required")?;
    let out = out.ok_or("--out is required")?;
    Ok((opts, out))
}
