//! Synthetic ticket repositories with a realistic Git history, for benchmarks and load tests.
//!
//! Why a generator at all: tix's costs depend on the number of tickets (index size, list
//! parsing) and on the number of commits (timeline and SLA walks), so measuring it needs
//! repositories of 10,000+ tickets and 50,000+ commits. Creating those with `tix` itself would
//! take hours (one process and one commit per event); writing the Git objects straight into one
//! pack takes seconds (see "Writing the objects" below for why not `git fast-import`).
//!
//! The history follows the rules tix itself obeys (DESIGN.md section 3): one commit per event,
//! touching one ticket file, author date = event time, subject `IT-XXXXXXXX <action>: <title>`
//! with `Tix-Ticket`/`Tix-Action` trailers, and every file rendered by `tix::store::yaml::render`
//! so it is byte-for-byte what tix would have written. Statuses move only along the default
//! workflow's transitions.
//!
//! Everything is drawn from a tiny seeded xorshift PRNG (no `rand` dependency, and the same seed
//! gives the same repository on every machine and toolchain), and all dates are fixed (a year
//! starting on Monday 2025-11-03) rather than relative to "now", for the same reason.
//!
//! This file is shared: `examples/gen_repo/main.rs` wraps it in a CLI and `benches/cli.rs`
//! includes it with `#[path]`, so both build the very same repositories.

#![allow(dead_code)] // Each includer uses a different part of the API.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::Command;

use sha1::{Digest, Sha1};

use tix::config::{CONFIG_PATH, DEFAULT_CONFIG};
use tix::domain::id::TicketId;
use tix::domain::ticket::{Comment, Rating, Ticket};
use tix::store::{CommitMessage, Repo, TICKETS_DIR, yaml};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub tickets: usize,
    pub seed: u64,
    /// Average commits per ticket (the `tix init` commit not counted).
    pub commits_per_ticket: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tickets: 1000,
            seed: 1,
            commits_per_ticket: 5.0,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Summary {
    pub tickets: usize,
    /// Every commit, including the initial `tix init` one.
    pub commits: usize,
    /// Tickets left in a status that is not `resolved` or `closed`.
    pub open: usize,
    pub head: String,
    /// The ticket with the longest history: the costliest one to `tix show`.
    pub busiest_ticket: String,
    pub busiest_commits: usize,
    /// Mean size of the final ticket files, in bytes.
    pub mean_file_bytes: usize,
}

/// Bumped whenever the generator's output changes, so cached repositories are rebuilt.
pub const GENERATOR_VERSION: u32 = 2;

/// Identifies what a repository generated now would contain: the generator version, tix's
/// default config and its YAML rendering. A cache of generated repositories keyed by this is
/// rebuilt when tix changes its file format, instead of benchmarking stale files.
pub fn fingerprint() -> String {
    let probe = Ticket {
        id: TicketId::from_entropy("IT", 0x12_3456_789A),
        title: "Probe".into(),
        ticket_type: "incident".into(),
        status: "new".into(),
        priority: "P3".into(),
        category: Some("hardware".into()),
        requester: None,
        assignee: None,
        team: None,
        tags: vec!["a".into()],
        due: None,
        asset: None,
        template: None,
        kb: vec![],
        links: Default::default(),
        description: Some("two\nlines".into()),
        comments: vec![Comment {
            author: "A <a@example.com>".into(),
            body: "x".into(),
            internal: true,
            automated: false,
        }],
        resolution: None,
        fields: BTreeMap::new(),
        impact: None,
        urgency: None,
        escalations: vec![],
        rating: None,
    };
    let mut hasher = Sha1::new();
    hasher.update(GENERATOR_VERSION.to_be_bytes());
    hasher.update(DEFAULT_CONFIG.as_bytes());
    hasher.update(yaml::render(&probe).as_bytes());
    hasher.update(Repo::ticket_path(&probe.id).as_bytes());
    let sum: Oid = hasher.finalize().into();
    hex(&sum)[..16].to_string()
}

/// Monday 2025-11-03 00:00:00 UTC: the start of the generated year.
pub const START: i64 = 1_762_128_000;
const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
const MINUTE: i64 = 60;

/// xorshift64* seeded through splitmix64: small, fast and identical everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix64 spreads small seeds (0, 1, 2...) over the whole state; xorshift needs a
        // non-zero state.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0), by multiply-shift rather than modulo to avoid bias.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// Picks by weight: `items` are `(weight, value)`.
    pub fn weighted<'a, T>(&mut self, items: &'a [(u32, T)]) -> &'a T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut roll = self.below(total as usize) as u32;
        for (w, item) in items {
            if roll < *w {
                return item;
            }
            roll -= w;
        }
        &items[items.len() - 1].1
    }

    /// Log-uniform in `[lo, hi]` seconds: waits are mostly short with a long tail, as in a
    /// real queue.
    pub fn wait(&mut self, lo: i64, hi: i64) -> i64 {
        let (lo, hi) = (lo.max(1) as f64, hi.max(lo + 1) as f64);
        (lo * (hi / lo).powf(self.unit())) as i64
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. Categories, types, priorities and statuses are those of the default config, so
// `tix check` accepts every file.

const FIRST: &[&str] = &[
    "Dana", "Lukas", "Priya", "Tomasz", "Aiko", "Mateo", "Sofia", "Jonas", "Amara", "Henrik",
    "Chloe", "Rafael", "Ingrid", "Omar", "Mei", "Pieter", "Lena", "Kwame", "Elif", "Noah", "Greta",
    "Ravi", "Julia", "Sven", "Nadia", "Arjun", "Clara", "Felix", "Yara", "Marco",
];
const LAST: &[&str] = &[
    "Whitfield",
    "Brandt",
    "Natarajan",
    "Kowalski",
    "Tanaka",
    "Alvarez",
    "Rossi",
    "Lindqvist",
    "Okafor",
    "Berg",
    "Dubois",
    "Costa",
    "Hansen",
    "Haddad",
    "Chen",
    "de Vries",
    "Fischer",
    "Mensah",
    "Yilmaz",
    "Schmidt",
    "Novak",
    "Iyer",
    "Keller",
    "Moreau",
    "Petrov",
    "Silva",
];
const AGENTS: &[&str] = &[
    "Alice Agent <alice@it.example.com>",
    "Bob Bauer <bob.bauer@it.example.com>",
    "Carmen Ortiz <carmen.ortiz@it.example.com>",
    "Deepak Rao <deepak.rao@it.example.com>",
    "Eva Novak <eva.novak@it.example.com>",
    "Finn Larsen <finn.larsen@it.example.com>",
    "Grace Liu <grace.liu@it.example.com>",
    "Hugo Martin <hugo.martin@it.example.com>",
    "Ines Duarte <ines.duarte@it.example.com>",
    "Jamal Wright <jamal.wright@it.example.com>",
];
const TYPES: &[(u32, &str)] = &[
    (55, "incident"),
    (30, "request"),
    (7, "problem"),
    (8, "change"),
];
const PRIORITIES: &[(u32, &str)] = &[(5, "P1"), (17, "P2"), (53, "P3"), (25, "P4")];
const SITES: &[&str] = &[
    "Berlin HQ",
    "Hamburg office",
    "Lisbon hub",
    "Warsaw office",
    "Remote",
    "Munich lab",
];
const OSES: &[&str] = &[
    "Windows 11 23H2",
    "Windows 10 22H2",
    "macOS 14",
    "Ubuntu 24.04",
];

struct Category {
    name: &'static str,
    team: &'static str,
    things: &'static [&'static str],
    symptoms: &'static [&'static str],
    tags: &'static [&'static str],
    details: &'static [&'static str],
    fixes: &'static [&'static str],
}

const CATEGORIES: &[(u32, Category)] = &[
    (
        30,
        Category {
            name: "hardware",
            team: "workplace",
            things: &[
                "Laptop",
                "Docking station",
                "Monitor",
                "Printer",
                "Headset",
                "Keyboard",
                "Desk phone",
            ],
            symptoms: &[
                "does not power on",
                "flickers",
                "is very slow",
                "makes a clicking noise",
                "is not detected",
                "shows a blue screen",
                "battery drains fast",
            ],
            tags: &[
                "laptop",
                "printer",
                "dock",
                "peripheral",
                "vip",
                "replacement",
            ],
            details: &[
                "It started this morning after the Windows update.",
                "The device was dropped last week but seemed fine until today.",
                "Tried another power outlet and another cable, same result.",
                "A colleague at the next desk has the same model and it works.",
                "The fan runs constantly and the case gets hot.",
                "Error lights blink three times, then nothing.",
            ],
            fixes: &[
                "Replaced the power supply; device boots normally again.",
                "Swapped the unit for a spare from stock; old one sent for repair.",
                "Updated firmware and drivers; issue no longer reproducible.",
                "Reseated the memory module; passed the hardware diagnostics.",
            ],
        },
    ),
    (
        25,
        Category {
            name: "software",
            team: "applications",
            things: &[
                "Outlook",
                "Teams",
                "SAP GUI",
                "Excel",
                "VPN client",
                "Adobe Acrobat",
                "Browser",
            ],
            symptoms: &[
                "crashes on start",
                "freezes when opening attachments",
                "asks for a licence",
                "cannot be installed",
                "shows an error 0x80070005",
                "is missing after the update",
            ],
            tags: &["office365", "sap", "install", "licence", "update"],
            details: &[
                "The error appears every time, also after a restart.",
                "Reinstalling from the Software Center did not help.",
                "It worked fine until Friday afternoon.",
                "Only my account is affected; others on the team can work.",
                "The log file mentions a missing DLL.",
            ],
            fixes: &[
                "Repaired the Office installation and cleared the profile cache.",
                "Assigned the missing licence in the admin portal.",
                "Rolled back the faulty update; vendor fix scheduled for next patch day.",
                "Reinstalled the application with the current package.",
            ],
        },
    ),
    (
        15,
        Category {
            name: "network",
            team: "network",
            things: &[
                "Wi-Fi on floor 3",
                "VPN",
                "Network drive S:",
                "LAN port in room 2.14",
                "Guest Wi-Fi",
            ],
            symptoms: &[
                "drops every few minutes",
                "is unreachable",
                "is very slow",
                "rejects my credentials",
                "has no internet access",
            ],
            tags: &["vpn", "wifi", "outage", "lan", "remote"],
            details: &[
                "Several people in the open space have the same problem.",
                "Speed test shows 2 Mbit/s instead of the usual 300.",
                "Happens only when connected through the docking station.",
                "The connection works from home but not from the office.",
            ],
            fixes: &[
                "Replaced the faulty access point on floor 3.",
                "Renewed the expired VPN certificate on the gateway.",
                "Patched the port to the correct VLAN.",
                "Restarted the file server service; mapped drive reconnected.",
            ],
        },
    ),
    (
        15,
        Category {
            name: "access",
            team: "identity",
            things: &[
                "Access to the finance share",
                "Badge for building B",
                "Admin rights",
                "Jira project access",
                "Shared mailbox",
            ],
            symptoms: &[
                "needed for a new project",
                "stopped working",
                "requested by my manager",
                "expired yesterday",
                "is missing since the move",
            ],
            tags: &["permissions", "badge", "onboarding", "approval"],
            details: &[
                "My manager has approved this request by mail.",
                "I need it before the quarterly close next week.",
                "The access was there until the reorganisation.",
            ],
            fixes: &[
                "Added the user to the approved group; access confirmed.",
                "Issued a new badge at reception.",
                "Granted access for 90 days as approved by the data owner.",
            ],
        },
    ),
    (
        10,
        Category {
            name: "account",
            team: "identity",
            things: &[
                "Account",
                "Password",
                "MFA token",
                "Email alias",
                "Home directory",
            ],
            symptoms: &[
                "is locked",
                "expired",
                "lost after phone change",
                "needs to be created for a new hire",
                "must be renamed after marriage",
            ],
            tags: &["password", "mfa", "onboarding", "offboarding"],
            details: &[
                "I entered the wrong password too many times this morning.",
                "The new phone does not have the authenticator app yet.",
                "The new colleague starts on Monday.",
            ],
            fixes: &[
                "Unlocked the account and reset the password after identity check.",
                "Re-enrolled MFA on the new device.",
                "Created the account and mailbox; credentials sent to the manager.",
            ],
        },
    ),
    (
        5,
        Category {
            name: "other",
            team: "service-desk",
            things: &[
                "Meeting room screen",
                "Question about",
                "Data export",
                "Old equipment",
            ],
            symptoms: &[
                "needs a check",
                "how to request a second monitor",
                "for the audit",
                "to be collected",
            ],
            tags: &["question", "facility", "audit"],
            details: &[
                "Not urgent, whenever someone has time.",
                "Please call me back.",
            ],
            fixes: &[
                "Answered the question and linked the how-to article.",
                "Done as requested.",
            ],
        },
    ),
];

const AGENT_REPLIES: &[&str] = &[
    "Thanks for reporting this. Could you send a photo of the error message?",
    "I have looked at the logs and can see the problem on our side. Working on it.",
    "Could you please restart the device and tell me whether the problem persists?",
    "We have ordered a replacement part; it should arrive within two working days.",
    "I will come by your desk this afternoon to have a look.",
    "The vendor has acknowledged the issue; a fix is expected this week.",
    "Please try again now and let me know if it works.",
];
const REQUESTER_REPLIES: &[&str] = &[
    "Here is the screenshot you asked for.",
    "Restarted twice, still the same.",
    "Any update on this? I cannot work properly.",
    "It works now, thank you!",
    "I am out of office tomorrow, please call my mobile.",
    "The problem came back this morning.",
];
const NOTES: &[&str] = &[
    "Checked the asset database: device is still under warranty.",
    "Same symptom as last month's incident on this model; see the problem ticket.",
    "Escalated to second level, waiting for their feedback.",
    "User is VIP, keep the manager informed.",
    "Logs attached to the vendor case 4711-22.",
];
const PENDING_ASKS: &[&str] = &[
    "Waiting for your answer: when can we access the device?",
    "Waiting for manager approval before we can proceed.",
    "Waiting for the vendor's replacement part.",
];

/// One event in a ticket's life; each becomes one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    New,
    Priority,
    Assign,
    Start,
    AgentReply,
    Note,
    RequesterReply,
    Pending,
    /// Back to `open` after `pending`, done with `tix edit --set status=open`.
    Open,
    Resolve,
    Close,
    Reopen,
    /// The requester rates the resolution (`tix rate`).
    Rate,
}

impl Step {
    /// Steps that change no status, so removing one keeps the workflow valid.
    fn removable(self) -> bool {
        matches!(
            self,
            Step::Priority | Step::AgentReply | Step::Note | Step::RequesterReply
        )
    }
}

/// A ticket's plan: what happens to it, and the people involved.
struct Plan {
    steps: Vec<Step>,
    /// Where extra conversation goes: before the first resolve, or at the end.
    conversation_end: usize,
    agent: usize,
    requester: usize,
}

/// Builds the repository in `dir` (created if missing; must be empty) and returns what it holds.
///
/// # Errors
/// `dir` not empty, `git` missing or failing, or I/O errors; the message says which.
pub fn generate(dir: &Path, opts: &Options) -> io::Result<Summary> {
    if opts.tickets == 0 {
        return Err(io::Error::other("--tickets must be at least 1"));
    }
    fs::create_dir_all(dir)?;
    if fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} is not empty; give a new directory",
            dir.display()
        )));
    }
    git(dir, &["-c", "advice.defaultBranchName=false", "init", "-q"])?;
    // Respect the user's init.defaultBranch: commit to whatever HEAD names.
    let branch = git(dir, &["symbolic-ref", "HEAD"])?;

    let mut rng = Rng::new(opts.seed);
    let agents = &AGENTS[..6 + rng.below(5)];
    let requesters = make_requesters(&mut rng, (opts.tickets / 8).clamp(40, 3000));
    let mut plans: Vec<Plan> = (0..opts.tickets)
        .map(|_| plan_ticket(&mut rng, agents.len(), requesters.len()))
        .collect();
    fit_commit_count(&mut rng, &mut plans, opts.commits_per_ticket);
    let mut tickets = initial_tickets(&mut rng, &plans, &requesters);
    let events = schedule(&mut rng, &plans, &tickets);

    // Objects go straight into one pack (see `PackWriter` for why not fast-import).
    let pack_dir = dir.join(".git/objects/pack");
    let mut pack = PackWriter::create(&pack_dir.join("tmp-gen_repo.pack"))?;
    let mut texts = Rng::new(opts.seed ^ 0x7465_7874); // comment texts: a stream of their own
    let mut done = vec![0usize; plans.len()];
    let mut tree = Trees::default();

    let init_time = events.first().map_or(START, |e| e.0) - HOUR;
    let config_blob = pack.put(BLOB, desk_config(agents).as_bytes(), None)?;
    let mut config_tree = Vec::new();
    let (tix_dir, config_name) = CONFIG_PATH
        .split_once('/')
        .ok_or_else(|| io::Error::other("CONFIG_PATH has no directory"))?;
    tree_entry(&mut config_tree, FILE_MODE, config_name, &config_blob);
    tree.tix = Some((tix_dir, pack.put(TREE, &config_tree, None)?));
    let root = tree.root(&mut pack)?;
    let mut head = pack.commit(
        &root,
        None,
        agents[0],
        init_time,
        &CommitMessage::init().render(),
    )?;

    let mut blob_versions: Vec<Option<Version>> = (0..plans.len()).map(|_| None).collect();
    let mut last_text = vec![0usize; plans.len()];
    for &(time, t) in &events {
        let t = t as usize;
        let plan = &plans[t];
        let step = plan.steps[done[t]];
        done[t] += 1;
        let (action, actor) = apply(&mut texts, step, &mut tickets[t], plan, agents, &requesters);
        let ticket = &tickets[t];
        let text = yaml::render(ticket);
        last_text[t] = text.len();
        let blob = pack.put(BLOB, text.as_bytes(), Some(&mut blob_versions[t]))?;
        // Take the layout from tix itself (`tickets/<c1>/<c2>/<ID>.yaml`), so the two cannot drift.
        let path = Repo::ticket_path(&ticket.id);
        let (shard_dir, file_name) = path
            .strip_prefix(&format!("{TICKETS_DIR}/"))
            .and_then(|p| p.rsplit_once('/'))
            .ok_or_else(|| io::Error::other(format!("unexpected ticket path {path}")))?;
        let (outer, _) = shard_dir
            .split_once('/')
            .ok_or_else(|| io::Error::other(format!("unexpected ticket path {path}")))?;
        let shard = tree.shards.entry(shard_dir.to_string()).or_default();
        shard.files.insert(file_name.to_string(), blob);
        let mut bytes = Vec::with_capacity(shard.files.len() * 48);
        for (name, oid) in &shard.files {
            tree_entry(&mut bytes, FILE_MODE, name, oid);
        }
        shard.oid = pack.put(TREE, &bytes, Some(&mut shard.version))?;
        // The outer directory lists its inner shard directories.
        let mut bytes = Vec::with_capacity(32 * 30);
        for (name, inner) in tree.shards.range(format!("{outer}/")..format!("{outer}0")) {
            let inner_name = name.rsplit_once('/').map_or(name.as_str(), |(_, n)| n);
            tree_entry(&mut bytes, DIR_MODE, inner_name, &inner.oid);
        }
        let parent = tree.outer.entry(outer.to_string()).or_default();
        parent.oid = pack.put(TREE, &bytes, Some(&mut parent.version))?;
        let root = tree.root(&mut pack)?;
        let message = CommitMessage::for_ticket(ticket.id.as_str(), action, &ticket.title);
        head = pack.commit(&root, Some(&head), &actor, time, &message.render())?;
    }
    let pack_name = pack.finish()?;
    let pack_path = pack_dir.join(format!("{pack_name}.pack"));
    fs::rename(pack_dir.join("tmp-gen_repo.pack"), &pack_path)?;
    // index-pack writes the .idx and, by re-hashing every object, proves the pack is sound.
    git(dir, &["index-pack", &pack_path.to_string_lossy()])?;
    git(dir, &["update-ref", &branch, &hex(&head)])?;
    // Fill the working tree and the index from HEAD. Creating 10,000 files is kernel time
    // (inode allocation), so let Git's parallel checkout use every core.
    git(dir, &["-c", "checkout.workers=0", "reset", "--hard", "-q"])?;
    let head = git(dir, &["rev-parse", "HEAD"])?;

    let busiest = (0..plans.len())
        .max_by_key(|&t| (plans[t].steps.len(), std::cmp::Reverse(t)))
        .unwrap_or(0);
    Ok(Summary {
        tickets: tickets.len(),
        commits: events.len() + 1,
        open: tickets
            .iter()
            .filter(|t| t.status != "resolved" && t.status != "closed")
            .count(),
        head,
        busiest_ticket: tickets[busiest].id.to_string(),
        busiest_commits: plans[busiest].steps.len(),
        mean_file_bytes: last_text.iter().sum::<usize>() / last_text.len(),
    })
}

/// Runs git in `dir` and returns its trimmed stdout.
fn git(dir: &Path, args: &[&str]) -> io::Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| io::Error::other(format!("cannot run git {}: {e}", args.join(" "))))?;
    if !out.status.success() {
        return Err(io::Error::other(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn make_requesters(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let first = rng.pick_str(FIRST);
        let last = rng.pick_str(LAST);
        // A number disambiguates namesakes, as mail systems do.
        let n = if seen.contains(&(first, last)) {
            out.len().to_string()
        } else {
            String::new()
        };
        seen.insert((first, last));
        let mail_last = last.replace(' ', "").to_lowercase();
        out.push(format!(
            "{first} {last} <{}.{mail_last}{n}@example.com>",
            first.to_lowercase()
        ));
    }
    out
}

/// Decides a ticket's life. Probabilities are tuned so about 30 % of tickets stay open and the
/// average is a little under five commits before [`fit_commit_count`] adjusts it.
/// The default config with `agents` listed, so their replies count as responses.
fn desk_config(agents: &[&str]) -> String {
    let listed: String = agents
        .iter()
        .filter_map(|a| a.split_once(" <"))
        .map(|(name, email)| {
            format!(
                "  - {{ name: {name}, email: {} }}\n",
                email.trim_end_matches('>')
            )
        })
        .collect();
    DEFAULT_CONFIG.replacen("agents: []\n", &format!("agents:\n{listed}"), 1)
}

fn plan_ticket(rng: &mut Rng, agents: usize, requesters: usize) -> Plan {
    let mut steps = vec![Step::New];
    if rng.chance(0.2) {
        steps.push(Step::Priority);
    }
    if rng.chance(0.8) {
        steps.push(Step::Assign);
    }
    if rng.chance(0.5) {
        steps.push(Step::Start);
    }
    let mut conversation = Vec::new();
    if rng.chance(0.5) {
        conversation.push(Step::AgentReply);
    }
    if rng.chance(0.25) {
        conversation.push(Step::RequesterReply);
    }
    if rng.chance(0.15) {
        conversation.insert(rng.below(conversation.len() + 1), Step::Note);
    }
    let mut pending_forever = false;
    if rng.chance(0.12) {
        let at = rng.below(conversation.len() + 1);
        let mut segment = vec![Step::Pending];
        if rng.chance(0.6) {
            segment.push(Step::RequesterReply);
        }
        if rng.chance(0.8) {
            segment.push(Step::Open);
        } else {
            // Still pending: nothing may follow that assumes another status, so it goes last.
            pending_forever = true;
        }
        if pending_forever {
            conversation.extend(segment);
        } else {
            conversation.splice(at..at, segment);
        }
    }
    steps.extend(conversation);
    let conversation_end = steps.len();
    if rng.chance(0.71) {
        steps.push(Step::Resolve);
        if rng.chance(0.4) {
            steps.push(Step::Close);
        }
        if rng.chance(0.06) {
            steps.push(Step::RequesterReply);
            steps.push(Step::Reopen);
            if rng.chance(0.6) {
                steps.push(Step::Resolve);
            }
        }
        // About a third of requesters answer the satisfaction survey.
        if steps.last() != Some(&Step::Reopen) && rng.chance(0.3) {
            steps.push(Step::Rate);
        }
    }
    Plan {
        steps,
        conversation_end,
        agent: rng.below(agents),
        requester: rng.below(requesters),
    }
}

/// Adds or removes conversation steps at random until the total is `per_ticket` x tickets, so
/// `--commits-per-ticket` is met exactly (as far as the lifecycle steps allow).
fn fit_commit_count(rng: &mut Rng, plans: &mut [Plan], per_ticket: f64) {
    let target = (per_ticket * plans.len() as f64).round() as usize;
    let mut total: usize = plans.iter().map(|p| p.steps.len()).sum();
    const EXTRA: &[(u32, Step)] = &[
        (4, Step::AgentReply),
        (4, Step::RequesterReply),
        (2, Step::Note),
    ];
    while total < target {
        let plan = &mut plans[rng.below(plans.len())];
        let step = *rng.weighted(EXTRA);
        plan.steps.insert(plan.conversation_end, step);
        plan.conversation_end += 1;
        total += 1;
    }
    let mut attempts = 0;
    while total > target && attempts < 50 * plans.len() {
        attempts += 1;
        let plan = &mut plans[rng.below(plans.len())];
        if let Some(i) = plan.steps.iter().rposition(|s| s.removable()) {
            plan.steps.remove(i);
            if i < plan.conversation_end {
                plan.conversation_end -= 1;
            }
            total -= 1;
        }
    }
}

fn initial_tickets(rng: &mut Rng, plans: &[Plan], requesters: &[String]) -> Vec<Ticket> {
    let mut ids = HashSet::with_capacity(plans.len());
    let weights: Vec<(u32, usize)> = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    plans
        .iter()
        .map(|plan| {
            let id = loop {
                let id = TicketId::from_entropy("IT", rng.next_u64() & 0xFF_FFFF_FFFF);
                if ids.insert(id.clone()) {
                    break id;
                }
            };
            let ci = *rng.weighted(&weights);
            let cat = &CATEGORIES[ci].1;
            let title = format!(
                "{} {}",
                rng.pick_str(cat.things),
                rng.pick_str(cat.symptoms)
            );
            let mut tags = Vec::new();
            for _ in 0..rng.below(4) {
                let tag = rng.pick_str(cat.tags).to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            let mut description = format!("{title}.\n");
            for _ in 0..2 + rng.below(3) {
                description.push_str(rng.pick_str(cat.details));
                description.push('\n');
            }
            description.push_str(&format!(
                "Reachable at extension {} between 9 and 17.",
                2000 + rng.below(8000)
            ));
            let mut fields = std::collections::BTreeMap::new();
            let asset = (cat.name == "hardware" || rng.chance(0.3))
                .then(|| format!("LT-{:05}", rng.below(100_000)));
            if rng.chance(0.6) {
                fields.insert("location".to_string(), rng.pick_str(SITES).to_string());
            }
            if cat.name == "software" || rng.chance(0.2) {
                fields.insert("os".to_string(), rng.pick_str(OSES).to_string());
            }
            let due = rng.chance(0.1).then(|| {
                // A date a few weeks into the year; only its format matters here.
                format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
            });
            Ticket {
                id,
                title,
                ticket_type: rng.weighted(TYPES).to_string(),
                status: "new".into(),
                priority: rng.weighted(PRIORITIES).to_string(),
                category: Some(cat.name.to_string()),
                requester: Some(requesters[plan.requester].clone()),
                assignee: None,
                team: rng.chance(0.8).then(|| cat.team.to_string()),
                tags,
                due,
                asset,
                template: None,
                kb: vec![],
                links: Default::default(),
                description: Some(description),
                comments: Vec::new(),
                resolution: None,
                fields,
                impact: None,
                urgency: None,
                escalations: vec![],
                rating: None,
            }
        })
        .collect()
}

/// Moves `t` into working hours (Mon-Fri 08:00-18:00 UTC) with probability `p`; the rest of
/// the events happen at night or on weekends, as some always do.
fn working(rng: &mut Rng, t: i64, p: f64) -> i64 {
    if !rng.chance(p) {
        return t;
    }
    let mut day = t.div_euclid(DAY);
    let mut second = t.rem_euclid(DAY);
    if second >= 18 * HOUR {
        day += 1;
        second = 0;
    }
    // 1970-01-01 was a Thursday, so (day + 3) % 7 is 0 on Mondays.
    let weekday = (day + 3).rem_euclid(7);
    if weekday >= 5 {
        day += 7 - weekday;
        second = 0;
    }
    if second < 8 * HOUR {
        // Not all at 08:00 sharp: the morning queue is worked through over a couple of hours.
        second = 8 * HOUR + rng.below((2 * HOUR) as usize) as i64;
    }
    day * DAY + second
}

/// Gives every step a time and returns `(time, ticket)` for every commit, in commit order,
/// with strictly increasing times.
fn schedule(rng: &mut Rng, plans: &[Plan], tickets: &[Ticket]) -> Vec<(i64, u32)> {
    let mut events = Vec::with_capacity(plans.iter().map(|p| p.steps.len()).sum());
    for (t, plan) in plans.iter().enumerate() {
        let mut day = rng.below(365) as i64;
        let mut time = if rng.chance(0.92) {
            // A working day and hour. START is a Monday, so day % 7 >= 5 is a weekend; draw
            // again rather than moving it, which would pile weekends onto Monday mornings.
            while day % 7 >= 5 {
                day = rng.below(365) as i64;
            }
            START + day * DAY + 8 * HOUR + rng.below((10 * HOUR) as usize) as i64
        } else {
            START + day * DAY + rng.below(DAY as usize) as i64
        };
        // Urgent tickets move faster.
        let pace = match tickets[t].priority.as_str() {
            "P1" => 0.15,
            "P2" => 0.4,
            "P3" => 1.0,
            _ => 1.8,
        };
        for (i, step) in plan.steps.iter().enumerate() {
            if i > 0 {
                let (lo, hi) = match step {
                    Step::New => (0, 0),
                    Step::Priority => (5 * MINUTE, 4 * HOUR),
                    Step::Assign => (2 * MINUTE, 8 * HOUR),
                    Step::Start => (10 * MINUTE, DAY),
                    Step::AgentReply | Step::Note => (15 * MINUTE, 2 * DAY),
                    Step::RequesterReply => (30 * MINUTE, 3 * DAY),
                    Step::Pending => (HOUR, 2 * DAY),
                    Step::Open => (4 * HOUR, 5 * DAY),
                    Step::Resolve => (HOUR, 5 * DAY),
                    Step::Close => (DAY, 7 * DAY),
                    Step::Reopen => (HOUR, 2 * DAY),
                    Step::Rate => (HOUR, 3 * DAY),
                };
                let wait = rng.wait(lo, hi) as f64 * pace;
                time = working(rng, time + (wait as i64).max(MINUTE), 0.85);
            }
            events.push((time, t as u32));
        }
    }
    // Stable sort keeps a ticket's own steps in order even when two share a second; the pass
    // after it makes times strictly increasing, which keeps that order too.
    events.sort_by_key(|e| e.0);
    let mut last = i64::MIN;
    for e in &mut events {
        e.0 = e.0.max(last + 1);
        last = e.0;
    }
    events
}

/// Applies one step to the ticket and returns the commit's action and author.
fn apply(
    rng: &mut Rng,
    step: Step,
    ticket: &mut Ticket,
    plan: &Plan,
    agents: &[&str],
    requesters: &[String],
) -> (&'static str, String) {
    let requester = requesters[plan.requester].clone();
    // Before assignment, whoever is on dispatch duty acts.
    let agent = match &ticket.assignee {
        Some(a) => a.clone(),
        None => agents[rng.below(agents.len())].to_string(),
    };
    let category = CATEGORIES
        .iter()
        .find(|(_, c)| Some(c.name) == ticket.category.as_deref())
        .map_or(&CATEGORIES[0].1, |(_, c)| c);
    let comment = |author: &str, body: &str, internal: bool| Comment {
        author: author.to_string(),
        body: body.to_string(),
        internal,
        automated: false,
    };
    match step {
        Step::New => {
            // Half the tickets come in through the portal (requester), half by phone (agent).
            let actor = if rng.chance(0.5) { requester } else { agent };
            ("new", actor)
        }
        Step::Priority => {
            let others: Vec<&str> = PRIORITIES
                .iter()
                .map(|(_, p)| *p)
                .filter(|p| *p != ticket.priority)
                .collect();
            ticket.priority = rng.pick_str(&others).to_string();
            ("edit", agent)
        }
        Step::Assign => {
            let assignee = agents[plan.agent % agents.len()].to_string();
            ticket.assignee = Some(assignee);
            ("assign", agent)
        }
        Step::Start => {
            ticket.status = "in_progress".into();
            ("start", agent)
        }
        Step::AgentReply => {
            ticket
                .comments
                .push(comment(&agent, rng.pick_str(AGENT_REPLIES), false));
            ("comment", agent)
        }
        Step::Note => {
            ticket
                .comments
                .push(comment(&agent, rng.pick_str(NOTES), true));
            ("note", agent)
        }
        Step::RequesterReply => {
            let body = format!(
                "{}\n\n{}",
                rng.pick_str(REQUESTER_REPLIES),
                rng.pick_str(category.details)
            );
            ticket.comments.push(comment(&requester, &body, false));
            ("comment", requester)
        }
        Step::Pending => {
            ticket.status = "pending".into();
            if rng.chance(0.6) {
                ticket
                    .comments
                    .push(comment(&agent, rng.pick_str(PENDING_ASKS), false));
            }
            ("pending", agent)
        }
        Step::Open => {
            ticket.status = "open".into();
            ("edit", agent)
        }
        Step::Resolve => {
            ticket.status = "resolved".into();
            ticket.resolution = Some(rng.pick_str(category.fixes).to_string());
            if rng.chance(0.5) {
                let body = "Resolved, please reopen the ticket if the problem comes back.";
                ticket.comments.push(comment(&agent, body, false));
            }
            ("resolve", agent)
        }
        Step::Close => {
            ticket.status = "closed".into();
            ("close", agent)
        }
        Step::Reopen => {
            ticket.status = "open".into();
            ticket.resolution = None;
            ("reopen", agent)
        }
        Step::Rate => {
            // Mostly satisfied, some neutral, a few unhappy: CSAT around 80 %.
            let score = *rng.weighted(&[(2, 1u8), (3, 2), (10, 3), (35, 4), (50, 5)]);
            ticket.rating = Some(Rating {
                score,
                comment: None,
                by: requester.clone(),
                on_behalf: false,
            });
            ("rate", requester)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing the objects.
//
// `git fast-import` was the first choice and took 45 s for 10,000 tickets: for every commit it
// re-formats (printf per entry) and re-sorts the old and new trees to delta one against the other. Here we know exactly what changed, so we
// build each tree once, delta it against its previous version by common prefix and suffix,
// and append it to one pack; `git index-pack` then checks the pack and writes its index.
// Objects are zlib-wrapped but stored uncompressed (deflate "stored" blocks), which needs no
// zlib dependency; packs are about twice the size a `git gc` would make, which does not matter
// for the benchmarks (run `git gc` on the result if it does for you).

type Oid = [u8; 20];

const COMMIT: u8 = 1;
const TREE: u8 = 2;
const BLOB: u8 = 3;
const OFS_DELTA: u8 = 6;
const FILE_MODE: &str = "100644";
const DIR_MODE: &str = "40000";
/// Git's default `pack.depth`: longer chains make every read of an old version slower.
const MAX_DEPTH: u32 = 50;

/// The last version written of one path, to delta the next one against.
struct Version {
    data: Vec<u8>,
    offset: u64,
    depth: u32,
}

#[derive(Default)]
struct Shard {
    files: BTreeMap<String, Oid>,
    oid: Oid,
    version: Option<Version>,
}

/// A directory of directories (`tickets/<c1>/`).
#[derive(Default)]
struct Outer {
    oid: Oid,
    version: Option<Version>,
}

/// The current tree of the branch: `.tix/` and `tickets/<c1>/<c2>/`.
#[derive(Default)]
struct Trees {
    /// `.tix` and its tree.
    tix: Option<(&'static str, Oid)>,
    /// Keyed by `c1/c2`. BTreeMap order is Git's tree order here: every name is one character.
    shards: BTreeMap<String, Shard>,
    /// Keyed by `c1`.
    outer: BTreeMap<String, Outer>,
    tickets_version: Option<Version>,
    root_version: Option<Version>,
}

impl Trees {
    /// Writes `tickets/` and the root tree from the current outer directories' IDs.
    fn root(&mut self, pack: &mut PackWriter) -> io::Result<Oid> {
        let mut root = Vec::new();
        // Root entries in Git's order: ".tix" sorts before "tickets".
        if let Some((name, oid)) = &self.tix {
            tree_entry(&mut root, DIR_MODE, name, oid);
        }
        if !self.outer.is_empty() {
            let mut bytes = Vec::with_capacity(self.outer.len() * 30);
            for (name, outer) in &self.outer {
                tree_entry(&mut bytes, DIR_MODE, name, &outer.oid);
            }
            let oid = pack.put(TREE, &bytes, Some(&mut self.tickets_version))?;
            tree_entry(&mut root, DIR_MODE, TICKETS_DIR, &oid);
        }
        pack.put(TREE, &root, Some(&mut self.root_version))
    }
}

fn tree_entry(out: &mut Vec<u8>, mode: &str, name: &str, oid: &Oid) {
    out.extend_from_slice(mode.as_bytes());
    out.push(b' ');
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    out.extend_from_slice(oid);
}

fn hex(oid: &Oid) -> String {
    oid.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends objects to a version 2 pack file.
struct PackWriter {
    file: BufWriter<fs::File>,
    offset: u64,
    count: u32,
    /// Where each object already in the pack is, so an identical one is not written twice.
    seen: HashMap<Oid, (u64, u32)>,
}

impl PackWriter {
    fn create(path: &Path) -> io::Result<PackWriter> {
        let file = fs::File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
        let mut pack = PackWriter {
            file: BufWriter::with_capacity(1 << 20, file),
            offset: 0,
            count: 0,
            seen: HashMap::new(),
        };
        // The object count is patched in by `finish`.
        pack.write(b"PACK\0\0\0\x02\0\0\0\0")?;
        Ok(pack)
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.offset += bytes.len() as u64;
        self.file.write_all(bytes)
    }

    /// Adds an object unless it is there already; with `version`, deltas it against the
    /// previous version of the same path and records it as the new previous version.
    fn put(
        &mut self,
        kind: u8,
        data: &[u8],
        version: Option<&mut Option<Version>>,
    ) -> io::Result<Oid> {
        let oid = hash_object(kind, data);
        let (offset, depth) = match self.seen.get(&oid) {
            Some(&known) => known,
            None => {
                let start = self.offset;
                let base = version
                    .as_deref()
                    .and_then(Option::as_ref)
                    .filter(|v| v.depth < MAX_DEPTH)
                    .map(|v| (v.offset, v.depth, make_delta(&v.data, data)))
                    // A delta that saves little only lengthens the chain.
                    .filter(|(_, _, delta)| delta.len() < data.len() / 2);
                let depth = match base {
                    Some((base_offset, base_depth, delta)) => {
                        self.object_header(OFS_DELTA, delta.len())?;
                        self.write(&ofs_delta_offset(start - base_offset))?;
                        self.zlib_stored(&delta)?;
                        base_depth + 1
                    }
                    None => {
                        self.object_header(kind, data.len())?;
                        self.zlib_stored(data)?;
                        0
                    }
                };
                self.count += 1;
                self.seen.insert(oid, (start, depth));
                (start, depth)
            }
        };
        if let Some(version) = version {
            *version = Some(Version {
                data: data.to_vec(),
                offset,
                depth,
            });
        }
        Ok(oid)
    }

    fn commit(
        &mut self,
        tree: &Oid,
        parent: Option<&Oid>,
        author: &str,
        time: i64,
        message: &str,
    ) -> io::Result<Oid> {
        let mut text = format!("tree {}\n", hex(tree));
        if let Some(parent) = parent {
            text.push_str(&format!("parent {}\n", hex(parent)));
        }
        text.push_str(&format!(
            "author {author} {time} +0000\ncommitter {author} {time} +0000\n\n{message}"
        ));
        self.put(COMMIT, text.as_bytes(), None)
    }

    /// Type and size, 4 bits then 7 bits a byte.
    fn object_header(&mut self, kind: u8, size: usize) -> io::Result<()> {
        let mut out = Vec::with_capacity(10);
        let mut c = (kind << 4) | (size & 15) as u8;
        let mut rest = size >> 4;
        while rest > 0 {
            out.push(c | 0x80);
            c = (rest & 127) as u8;
            rest >>= 7;
        }
        out.push(c);
        self.write(&out)
    }

    /// A zlib stream of "stored" (uncompressed) deflate blocks: valid for any inflater, and
    /// nothing to compute but the Adler-32 checksum.
    fn zlib_stored(&mut self, data: &[u8]) -> io::Result<()> {
        self.write(&[0x78, 0x01])?;
        if data.is_empty() {
            self.write(&[1, 0, 0, 0xFF, 0xFF])?;
        }
        let mut chunks = data.chunks(0xFFFF).peekable();
        while let Some(chunk) = chunks.next() {
            let last = u8::from(chunks.peek().is_none());
            let len = chunk.len() as u16;
            let mut head = [last, 0, 0, 0, 0];
            head[1..3].copy_from_slice(&len.to_le_bytes());
            head[3..5].copy_from_slice(&(!len).to_le_bytes());
            self.write(&head)?;
            self.write(chunk)?;
        }
        self.write(&adler32(data).to_be_bytes())
    }

    /// Patches the object count, appends the checksum and returns the pack's name
    /// (`pack-<checksum>`).
    fn finish(mut self) -> io::Result<String> {
        use std::io::{Read, Seek, SeekFrom};
        self.file.flush()?;
        let mut file = self
            .file
            .into_inner()
            .map_err(|e| io::Error::other(format!("cannot flush the pack: {e}")))?;
        file.seek(SeekFrom::Start(8))?;
        file.write_all(&self.count.to_be_bytes())?;
        file.seek(SeekFrom::Start(0))?;
        let mut hasher = Sha1::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let sum: Oid = hasher.finalize().into();
        file.seek(SeekFrom::End(0))?;
        file.write_all(&sum)?;
        Ok(format!("pack-{}", hex(&sum)))
    }
}

fn hash_object(kind: u8, data: &[u8]) -> Oid {
    let name = match kind {
        COMMIT => "commit",
        TREE => "tree",
        _ => "blob",
    };
    let mut hasher = Sha1::new();
    hasher.update(format!("{name} {}\0", data.len()).as_bytes());
    hasher.update(data);
    hasher.finalize().into()
}

/// The distance back to a delta's base, in Git's big-endian base-128 with an offset per byte.
fn ofs_delta_offset(mut distance: u64) -> Vec<u8> {
    let mut out = vec![(distance & 127) as u8];
    distance >>= 7;
    while distance > 0 {
        distance -= 1;
        out.push(0x80 | (distance & 127) as u8);
        distance >>= 7;
    }
    out.reverse();
    out
}

/// A Git delta from `old` to `new`: copy the common prefix, insert the middle, copy the common
/// suffix. Every change here touches one place (a tree entry, a status line, an appended
/// comment), so that is nearly as small as a real diff.
fn make_delta(old: &[u8], new: &[u8]) -> Vec<u8> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = Vec::with_capacity(new.len() - prefix - suffix + 32);
    varint(&mut out, old.len());
    varint(&mut out, new.len());
    copy_op(&mut out, 0, prefix);
    for chunk in new[prefix..new.len() - suffix].chunks(127) {
        out.push(chunk.len() as u8);
        out.extend_from_slice(chunk);
    }
    copy_op(&mut out, old.len() - suffix, suffix);
    out
}

fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(0x80 | (n & 127) as u8);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Copy instructions: a flag byte saying which offset and size bytes follow (zero bytes are
/// left out). Sizes stay below 64 KiB a piece, as Git's own deltas do.
fn copy_op(out: &mut Vec<u8>, mut offset: usize, mut len: usize) {
    while len > 0 {
        let size = len.min(0xFFFF);
        let at = out.len();
        out.push(0x80);
        for i in 0..4 {
            let b = (offset >> (8 * i)) as u8;
            if b != 0 {
                out[at] |= 1 << i;
                out.push(b);
            }
        }
        for i in 0..2 {
            let b = (size >> (8 * i)) as u8;
            if b != 0 {
                out[at] |= 0x10 << i;
                out.push(b);
            }
        }
        offset += size;
        len -= size;
    }
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that cannot overflow `b` between reductions.
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65_521;
        b %= 65_521;
    }
    (b << 16) | a
}
