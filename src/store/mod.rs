//! The store: the only module that touches Git and the files of a ticket repository.
//!
//! Layout: `.tix/config.yaml` and `tickets/<c1>/<c2>/<ID>.yaml`, `c1` and `c2` being the first two
//! characters of the ID's code, so a commit rewrites four small trees (at most 32 entries above
//! the ticket's own directory) whatever the repository's size, and a lookup by ID prefix reads one
//! directory. Every mutation is one commit built with
//! git2 from HEAD's trees (never from a full index), touching only the files it wrote.

pub(crate) mod asset;
pub(crate) mod audit;
mod cache;
mod chain;
mod checksum;
mod commit;
mod gc;
pub(crate) mod githooks;
pub(crate) mod history;
mod index;
mod index_file;
pub(crate) mod intake;
mod intent;
pub(crate) mod kb;
mod lock;
pub(crate) mod merge;
mod pack;
mod recovery;
mod signing;
mod state;
mod suggest;
pub(crate) mod sync;
mod timeline;
pub mod yaml;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid, Repository};
use thiserror::Error;

use crate::config::{CONFIG_PATH, Config, ConfigError, DEFAULT_CONFIG};
use crate::domain::actor::Actor;
use crate::domain::id::{self, SHARD_LEN, TicketId};
use crate::domain::ticket::{Ticket, TicketSummary};

pub(crate) use chain::ChainCommit;
pub use commit::CommitMessage;
pub(crate) use commit::WriteLock;
pub(crate) use history::Revision;
pub(crate) use index::IndexWriter;
pub(crate) use timeline::{Outline, Selection};

/// Caps how much of the pack files libgit2 keeps mapped. By default it maps them in windows of
/// 1 GB up to 8 GB, and every page it reads stays counted in the process's memory: a cold walk
/// of 500,000 commits reads blobs from all over a 500 MB pack. Smaller windows, least recently
/// used first out, cost nothing measurable (bench/README.md).
///
/// Call once, first thing in `main`, before any thread or repository exists.
pub fn limit_pack_windows() {
    const WINDOW: usize = 32 << 20;
    const MAPPED: usize = 128 << 20;
    // SAFETY: these set libgit2's global options, which is not synchronised with other libgit2
    // calls; `main` calls this before it starts any thread or opens any repository.
    let limited = unsafe {
        git2::opts::set_mwindow_size(WINDOW)
            .and_then(|()| git2::opts::set_mwindow_mapped_limit(MAPPED))
    };
    // Failing leaves libgit2's defaults: more memory, same answers.
    let _ = limited;
}

/// Where ticket files live.
pub const TICKETS_DIR: &str = "tickets";

/// Everything that can go wrong reading or writing a ticket repository.
#[derive(Debug, Error)]
pub(crate) enum StoreError {
    #[error("not a ticket repository: no {CONFIG_PATH} in {dir} or its parents")]
    NotATicketRepo { dir: PathBuf },
    #[error("{0} is a bare Git repository; tix needs a working tree")]
    BareRepo(PathBuf),
    /// Git's "dubious ownership": the repository belongs to another user, and neither Git nor
    /// tix works in it until `safe.directory` says it is trusted.
    #[error("{} is owned by another user, so Git does not trust it (\"dubious ownership\")", .dir.display())]
    NotOwned { dir: PathBuf },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{path}{}: {message}", location(*.line, *.column))]
    BadTicketFile {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    #[error("no ticket matches '{query}'")]
    NotFound { query: String },
    #[error(
        "'{query}' is not a ticket ID or ID prefix: IDs use the digits 0-9 and letters A-Z except I, L, O, U"
    )]
    BadQuery { query: String },
    #[error("{}", id::ambiguity(query, candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
    #[error(
        "{path} has uncommitted changes; commit them with git or discard them (git checkout -- {path}) first"
    )]
    Dirty { path: String },
    #[error("{path}:{line}: unresolved merge conflict in this ticket file")]
    Conflicted { path: String, line: usize },
    #[error("the repository is locked by another tix process{}; retry in a moment", .pid.map(|p| format!(" (PID {p})")).unwrap_or_default())]
    Locked { path: PathBuf, pid: Option<u32> },
    #[error(
        "the branch moved while tix was writing (another git command?); nothing was committed, retry"
    )]
    HeadMoved,
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    /// The `git` program could not be started (not installed, not on PATH).
    #[error("cannot run `git {command}`: {source}; tix needs the git command for this")]
    GitSpawn {
        command: &'static str,
        source: std::io::Error,
    },
    /// `git` ran and failed; `message` is what it said (its first meaningful line).
    #[error("`git {command}` failed{}: {message}", .status.map(|c| format!(" (exit {c})")).unwrap_or_default())]
    GitFailed {
        command: &'static str,
        status: Option<i32>,
        message: String,
    },
    /// Reading a running `git`'s output failed.
    #[error("reading the output of `git {command}`: {source}")]
    GitOutput {
        command: &'static str,
        source: std::io::Error,
    },
    /// A bug in tix rather than a problem of the repository.
    #[error("internal error: {0}")]
    Internal(&'static str),
    #[error("{} exists: another git process seems to be running in this repository; nothing was written", .path.display())]
    IndexLocked { path: PathBuf },
    #[error("{} exists: another git process seems to be updating the branch; nothing was written", .path.display())]
    RefLocked { path: PathBuf },
    #[error(".git/index is damaged ({reason}); nothing was written")]
    IndexCorrupt { reason: String },
    #[error("{operation} is in progress; tix does not write until it is finished")]
    InProgress {
        operation: &'static str,
        finish: &'static str,
    },
    #[error("HEAD is detached (not on a branch), so a commit would belong to no branch")]
    Detached,
    #[error("{path} {reason}; tix writes ticket files only into real directories")]
    PathBlocked { path: String, reason: &'static str },
    #[error(
        "{path} is staged as an older version (or a deletion) while the file and HEAD agree: a stale index, written back by a git command that raced a tix write; `git reset -q -- {path}` takes HEAD's version back into the index"
    )]
    StaleIndex { path: String },
    #[error("{} already exists and is not tix's", .path.display())]
    HookExists { path: PathBuf },
    #[error("cannot sign the commit (commit.gpgsign is on): {0}; nothing was written")]
    Signing(String),
    #[error("no remote to sync with: this repository has no Git remote")]
    NoRemote,
    #[error("branch '{branch}' has no upstream, and there are several remotes to choose from")]
    NoUpstream { branch: String },
    #[error("cannot {action} {remote}: {reason}")]
    RemoteFailed {
        remote: String,
        action: &'static str,
        reason: String,
    },
    #[error("the {} needs a person: {} conflicted ({})", if *.rebase { "rebase" } else { "merge" }, if .files.len() == 1 { "1 file is".to_string() } else { format!("{} files are", .files.len()) }, .files.join(", "))]
    SyncConflict { files: Vec<String>, rebase: bool },
    #[error("the change was committed as {commit}, but the index could not be updated ({reason})")]
    Unfinished { commit: String, reason: String },
    #[error("this is a shallow clone: SLA clocks and reports need the whole history")]
    Shallow,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// A file under `tickets/` and what reading it as a ticket gave.
pub(crate) type ScannedFile = (String, Result<Ticket, StoreError>);

/// What `tix init` did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum InitOutcome {
    Created {
        git_initialised: bool,
    },
    /// A repository set up by an older tix: the merge driver's `.gitattributes` line was added.
    MergeDriverAdded,
    AlreadyInitialised,
}

/// An open ticket repository with its validated configuration.
pub struct Repo {
    git: Repository,
    workdir: PathBuf,
    config: Config,
    lock_timeout: Duration,
    allow_detached: bool,
    crash_at: Option<u32>,
    /// `TIX_SEED`: IDs from a seeded sequence instead of the system's randomness (tests).
    id_seed: Option<u64>,
    /// Where a seeded ID sequence goes on: an import draws thousands of IDs, and starting each
    /// from the first made the draws quadratic.
    next_seeded: std::cell::Cell<u64>,
    index_writer: IndexWriter,
    /// What was repaired (or could not be) from an interrupted write, for the caller to say.
    repairs: RefCell<Vec<String>>,
}

/// How long a writer waits for another tix process or a git command, unless told otherwise.
pub(crate) const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// What `git commit` would record under `tickets/` and in the config, parsed.
#[derive(Default)]
pub(crate) struct Staged {
    pub tickets: Vec<ScannedFile>,
    /// The staged config, when it is staged.
    pub config: Option<Result<Config, StoreError>>,
}

/// The config `tix init` writes: the commented default with the chosen prefix, listing whoever
/// sets up the desk as its first agent.
fn initial_config(prefix: Option<&str>, actor: &Actor) -> String {
    let text = match prefix {
        Some(prefix) => {
            DEFAULT_CONFIG.replacen("id_prefix: IT", &format!("id_prefix: {prefix}"), 1)
        }
        None => DEFAULT_CONFIG.to_string(),
    };
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut agent = format!("agents:\n  - name: {}\n", quote(&actor.name));
    if let Some(email) = &actor.email {
        agent.push_str(&format!("    email: {}\n", quote(email)));
    }
    text.replacen("agents: []\n", &agent, 1)
}

/// Every template under `.tix/templates/`, read and checked like the config: a broken one
/// stops tix with its file and line, as a broken config does.
fn load_templates(
    workdir: &Path,
    config: &Config,
) -> Result<std::collections::BTreeMap<String, crate::domain::template::Template>, StoreError> {
    use crate::config::template::{TEMPLATE_DIR, parse};
    let mut templates = std::collections::BTreeMap::new();
    for name in yaml_names(&workdir.join(TEMPLATE_DIR))? {
        let rel = format!("{TEMPLATE_DIR}/{name}.yaml");
        let text = read_text(&rel, &workdir.join(&rel))?;
        let template = parse(&text, &rel, config)?;
        templates.insert(template.name.clone(), template);
    }
    Ok(templates)
}

/// The names (without `.yaml`) of the YAML files directly in `dir`, sorted; none when `dir`
/// does not exist.
///
/// # Errors
/// The directory cannot be read.
pub(crate) fn yaml_names(dir: &Path) -> Result<Vec<String>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    Ok(names)
}

/// `Some(NotOwned)` when opening the repository above `start` failed on Git's ownership check.
fn not_owned(start: &Path, error: &git2::Error) -> Option<StoreError> {
    if error.code() != git2::ErrorCode::Owner {
        return None;
    }
    // safe.directory names the work tree: the nearest directory holding `.git`.
    let dir = start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf();
    Some(StoreError::NotOwned { dir })
}

/// Every ticket summary that could be read, and the files that could not.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub tickets: Vec<TicketSummary>,
    /// Tickets left out by [`Repo::list_where`]'s status filter, by ID alone.
    pub skipped: Vec<TicketId>,
    pub broken: Vec<StoreError>,
}

impl Repo {
    /// Opens the ticket repository that contains `start`.
    ///
    /// # Errors
    /// No Git repository or no `.tix/config.yaml` above `start`, a bare repository, or an
    /// invalid configuration.
    pub(crate) fn open(start: &Path) -> Result<Repo, StoreError> {
        let not_tix = || StoreError::NotATicketRepo {
            dir: start.to_path_buf(),
        };
        let git = Repository::discover(start)
            .map_err(|e| not_owned(start, &e).unwrap_or_else(not_tix))?;
        let workdir = git
            .workdir()
            .ok_or_else(|| StoreError::BareRepo(git.path().to_path_buf()))?
            .to_path_buf();
        // Before anything is read: a crashed write is finished or undone first.
        let repairs = match recovery::repair_if_interrupted(&git, &workdir) {
            Ok(report) => report.into_iter().collect(),
            Err(e) => vec![format!(
                "an interrupted tix write could not be repaired yet ({e}); a later tix command will retry"
            )],
        };
        let config_file = workdir.join(CONFIG_PATH);
        let text = match fs::read_to_string(&config_file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(not_tix()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: config_file,
                    source,
                });
            }
        };
        let mut config = Config::parse(&text, CONFIG_PATH)?;
        config.schema.templates = load_templates(&workdir, &config)?;
        merge::ensure_driver(&git, &workdir);
        Ok(Repo {
            git,
            workdir,
            config,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            allow_detached: false,
            crash_at: None,
            id_seed: None,
            next_seeded: std::cell::Cell::new(0),
            index_writer: IndexWriter::default(),
            repairs: RefCell::new(repairs),
        })
    }

    /// Makes `dir` a ticket repository: `git init` when needed, then a default config, committed.
    ///
    /// # Errors
    /// Git or file system failures.
    pub(crate) fn init(
        dir: &Path,
        prefix: Option<&str>,
        actor: &Actor,
        when: DateTime<FixedOffset>,
    ) -> Result<InitOutcome, StoreError> {
        // Nothing is written before the config is known to be valid: a bad prefix leaves no
        // `.git` behind.
        let text = initial_config(prefix, actor);
        let config = Config::parse(&text, CONFIG_PATH)?;
        let (git, git_initialised) = match Repository::discover(dir) {
            Ok(git) => (git, false),
            Err(e) => match not_owned(dir, &e) {
                Some(refused) => return Err(refused),
                None => (Repository::init(dir)?, true),
            },
        };
        let workdir = git
            .workdir()
            .ok_or_else(|| StoreError::BareRepo(git.path().to_path_buf()))?
            .to_path_buf();
        let attributes = workdir.join(".gitattributes");
        let attributes_text = match fs::read_to_string(&attributes) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(StoreError::Io {
                    path: attributes,
                    source,
                });
            }
        };
        let attributes_file = (
            ".gitattributes".to_string(),
            merge::attributes_with_driver(attributes_text.as_deref()).into_bytes(),
        );
        if workdir.join(CONFIG_PATH).exists() {
            drop(git);
            let repo = Repo::open(&workdir)?;
            if merge::attributes_ask(&workdir) {
                return Ok(InitOutcome::AlreadyInitialised);
            }
            let lock = repo.lock()?;
            let message = CommitMessage {
                subject: "tix init: merge ticket files field by field".into(),
                body: None,
                trailers: vec![("Tix-Action".into(), "init".into())],
            };
            commit::commit_files(
                &repo.git,
                &repo.workdir,
                lock,
                &[attributes_file],
                &message,
                actor,
                when,
            )?;
            merge::register_in(&repo.git)?;
            return Ok(InitOutcome::MergeDriverAdded);
        }
        let repo = Repo {
            git,
            workdir,
            config,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            allow_detached: false,
            crash_at: None,
            id_seed: None,
            next_seeded: std::cell::Cell::new(0),
            index_writer: IndexWriter::default(),
            repairs: RefCell::new(Vec::new()),
        };
        let lock = repo.lock()?;
        let message = CommitMessage::init();
        commit::commit_files(
            &repo.git,
            &repo.workdir,
            lock,
            &[
                (CONFIG_PATH.to_string(), text.into_bytes()),
                attributes_file,
            ],
            &message,
            actor,
            when,
        )?;
        merge::register_in(&repo.git)?;
        Ok(InitOutcome::Created { git_initialised })
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Hooks of the config whose program cannot run (missing, not executable), for `tix check`.
    pub(crate) fn hook_problems(&self) -> Vec<ConfigError> {
        let text = fs::read_to_string(self.workdir.join(CONFIG_PATH)).unwrap_or_default();
        self.config.hook_problems(&text, CONFIG_PATH, &self.workdir)
    }

    /// The ticket files and config staged for the next `git commit` (added, changed or renamed
    /// against HEAD), read from the index as they will be committed, for the pre-commit gate.
    ///
    /// # Errors
    /// Git failures reading the index.
    pub(crate) fn staged(&self) -> Result<Staged, StoreError> {
        let index = self.git.index()?;
        let head = match self.git.head() {
            Ok(head) => Some(head.peel_to_tree()?),
            Err(_) => None,
        };
        let mut options = git2::DiffOptions::new();
        options.pathspec(TICKETS_DIR).pathspec(CONFIG_PATH);
        let diff = self
            .git
            .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut options))?;
        let mut staged = Staged::default();
        for delta in diff.deltas() {
            let Some(rel) = delta
                .new_file()
                .path()
                .or_else(|| delta.old_file().path())
                .and_then(Path::to_str)
                .map(str::to_string)
            else {
                continue;
            };
            // The signature of a stale index written back by a racing git command (git commit
            // reads the index before it locks it): the index differs from HEAD while the file
            // still holds exactly HEAD's version. Committing it would revert or delete a ticket.
            let worktree = fs::read(self.workdir.join(&rel))
                .ok()
                .and_then(|b| Oid::hash_object(ObjectType::Blob, &b).ok());
            if worktree.is_some() && worktree == Some(delta.old_file().id()) {
                staged
                    .tickets
                    .push((rel.clone(), Err(StoreError::StaleIndex { path: rel })));
                continue;
            }
            if delta.status() == git2::Delta::Deleted {
                continue;
            }
            let file = delta.new_file();
            let blob = self.git.find_blob(file.id())?;
            let text = String::from_utf8(blob.content().to_vec())
                .map_err(|e| not_utf8(&rel, e.as_bytes(), e.utf8_error()));
            if rel == CONFIG_PATH {
                staged.config = Some(text.and_then(|t| {
                    Config::parse_at(&t, CONFIG_PATH, &self.workdir).map_err(StoreError::from)
                }));
            } else {
                let parsed = text.and_then(|t| parse_ticket(&rel, &t));
                staged.tickets.push((rel, parsed));
            }
        }
        Ok(staged)
    }

    /// The audit trail of tickets and config (see [`audit::entries`]).
    ///
    /// # Errors
    /// As [`audit::entries`].
    pub(crate) fn audit(
        &self,
        since: Option<&str>,
        until: Option<&str>,
        signatures: bool,
    ) -> Result<Vec<audit::AuditEntry>, StoreError> {
        audit::entries(&self.git, since, until, signatures)
    }

    /// Installs the pre-commit hook that runs `tix check --staged`.
    ///
    /// # Errors
    /// See [`githooks::install`].
    pub(crate) fn install_pre_commit(
        &self,
        force: bool,
    ) -> Result<githooks::HookInstall, StoreError> {
        githooks::install(&self.git, force)
    }

    /// Whether tickets merge field by field here: the committed `.gitattributes` line, and the
    /// driver in this clone's Git configuration.
    pub(crate) fn merge_driver(&self) -> (bool, bool) {
        (
            merge::attributes_ask(&self.workdir),
            merge::driver_registered(&self.git),
        )
    }

    pub(crate) fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The `.git` directory (caches and the notification queue live under `.git/tix/`).
    pub(crate) fn git_dir(&self) -> &Path {
        self.git.path()
    }

    /// Changes how long a writer waits for another one (tests and `TIX_LOCK_TIMEOUT`).
    pub(crate) fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
    }

    /// Allows commits on a detached HEAD (`--detached`).
    pub(crate) fn set_allow_detached(&mut self, allow: bool) {
        self.allow_detached = allow;
    }

    /// Test hook (`TIX_TEST_CRASH_AT`): kill the process at the Nth step of the next write.
    /// Draws new IDs from a sequence seeded with `seed` (the first free one of
    /// `mix(seed, 0), mix(seed, 1), ...`), so tests get the same IDs on every run.
    pub(crate) fn set_id_seed(&mut self, seed: Option<u64>) {
        self.id_seed = seed;
    }

    pub(crate) fn set_crash_at(&mut self, step: Option<u32>) {
        self.crash_at = step;
    }

    /// Benchmark hook (`TIX_INDEX_WRITER`): how the index is updated.
    pub(crate) fn set_index_writer(&mut self, writer: IndexWriter) {
        self.index_writer = writer;
    }

    /// What repairs of interrupted writes were made since the last call, to report them.
    pub(crate) fn take_repairs(&self) -> Vec<String> {
        std::mem::take(&mut *self.repairs.borrow_mut())
    }

    /// Takes the right to write; hold it from reading a ticket to committing it.
    ///
    /// In order: tix's write lock (kernel-held, so a crashed holder never wedges it), a repair of
    /// any interrupted write, the checks that Git is not mid-merge/rebase/... and HEAD is on a
    /// branch, then Git's `index.lock`, so no git command reads or writes the index until the
    /// commit is complete. Every wait honours the lock timeout.
    ///
    /// # Errors
    /// `Locked`, `IndexLocked` or `RefLocked` when a holder keeps its lock past the timeout (or
    /// left it behind), `InProgress`, `Detached`, file system failures.
    pub(crate) fn lock(&self) -> Result<WriteLock, StoreError> {
        let git_dir = self.git.path();
        let tix_dir = git_dir.join("tix");
        fs::create_dir_all(&tix_dir).map_err(|source| StoreError::Io {
            path: tix_dir.clone(),
            source,
        })?;
        let process =
            lock::ProcessLock::acquire(&recovery::write_lock_path(git_dir), self.lock_timeout)?;
        if let Some(report) = recovery::repair(&self.git, &self.workdir)? {
            self.repairs.borrow_mut().push(report);
        }
        state::check_writable(&self.git, self.allow_detached)?;
        let reference = commit::head_ref_name(&self.git)?;
        let ref_lock = commit::ref_lock_path(&self.git, &reference);
        let started = std::time::Instant::now();
        while ref_lock.exists() {
            if started.elapsed() >= self.lock_timeout {
                return Err(StoreError::RefLocked { path: ref_lock });
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let index = lock::IndexLock::acquire(git_dir, self.lock_timeout)?;
        Ok(WriteLock {
            process,
            index,
            reference,
            timeout: self.lock_timeout,
            index_writer: self.index_writer,
            faults: commit::Faults::new(self.crash_at),
        })
    }

    /// The repository-relative path of a ticket's file.
    pub fn ticket_path(id: &TicketId) -> String {
        format!("{TICKETS_DIR}/{}/{id}.yaml", id.shard())
    }

    /// A fresh random ID that no ticket in the working tree uses.
    ///
    /// # Errors
    /// The operating system's random source failing.
    pub(crate) fn new_id(&self) -> Result<TicketId, StoreError> {
        for attempt in self.next_seeded.get().. {
            let bits = match self.id_seed {
                Some(seed) => splitmix64(seed ^ splitmix64(attempt)),
                None => {
                    let mut bytes = [0u8; 8];
                    getrandom::fill(&mut bytes).map_err(|e| StoreError::Io {
                        path: PathBuf::from("<random>"),
                        source: std::io::Error::other(e.to_string()),
                    })?;
                    u64::from_le_bytes(bytes)
                }
            };
            let id = TicketId::from_entropy(&self.config.id_prefix, bits & 0xFF_FFFF_FFFF);
            if !self.workdir.join(Self::ticket_path(&id)).exists() {
                if self.id_seed.is_some() {
                    self.next_seeded.set(attempt + 1);
                }
                return Ok(id);
            }
        }
        Err(StoreError::Internal("the ID space is exhausted"))
    }

    /// Finds the one ticket whose ID starts with `query` (a full ID, a code prefix such as
    /// `7kq2`, or `IT-7KQ`). A query that names a prefix (`HR-7KQ`) only matches IDs with that
    /// prefix, ignoring case.
    ///
    /// # Errors
    /// `BadQuery`, `NotFound`, or `Ambiguous` listing the candidates.
    pub(crate) fn resolve(&self, query: &str) -> Result<TicketId, StoreError> {
        let code = id::normalize_query(query)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| StoreError::BadQuery {
                query: query.into(),
            })?;
        let shards: Vec<String> = if code.len() >= SHARD_LEN {
            vec![id::shard_of(&code)]
        } else {
            self.shard_names()?
                .into_iter()
                .filter(|s| s.replace('/', "").starts_with(&code))
                .collect()
        };
        let mut candidates = Vec::new();
        for shard in shards {
            let dir = self.workdir.join(TICKETS_DIR).join(&shard);
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".yaml")) else {
                    continue;
                };
                let Ok(id) = TicketId::parse(stem) else {
                    continue;
                };
                if id.code().starts_with(&code) && id.matches_query_prefix(query) {
                    candidates.push(id);
                }
            }
        }
        candidates.sort();
        match candidates.len() {
            0 => Err(StoreError::NotFound {
                query: query.into(),
            }),
            1 => Ok(candidates.remove(0)),
            _ => Err(StoreError::Ambiguous {
                query: query.into(),
                candidates: candidates.iter().map(ToString::to_string).collect(),
            }),
        }
    }

    /// The shard directories that exist (`7/K`, ...), sorted.
    fn shard_names(&self) -> Result<Vec<String>, StoreError> {
        let mut names = vec![String::new()];
        for _ in 0..SHARD_LEN {
            let mut deeper = Vec::new();
            for parent in names {
                let dir = self.workdir.join(TICKETS_DIR).join(&parent);
                let entries = match fs::read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(source) => return Err(StoreError::Io { path: dir, source }),
                };
                for entry in entries.flatten() {
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    let Some(name) = entry.file_name().to_str().map(String::from) else {
                        continue;
                    };
                    if is_dir && name.len() == 1 && !name.starts_with('.') {
                        deeper.push(if parent.is_empty() {
                            name
                        } else {
                            format!("{parent}/{name}")
                        });
                    }
                }
            }
            names = deeper;
        }
        names.sort();
        Ok(names)
    }

    /// Reads a ticket from the working tree.
    ///
    /// # Errors
    /// Missing file, or a file that is not a valid ticket (with its line).
    pub(crate) fn load(&self, id: &TicketId) -> Result<Ticket, StoreError> {
        let rel = Self::ticket_path(id);
        let path = self.workdir.join(&rel);
        let text = read_text(&rel, &path).map_err(|e| match e {
            StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                StoreError::NotFound {
                    query: id.to_string(),
                }
            }
            e => e,
        })?;
        parse_ticket(&rel, &text)
    }

    /// Reads a ticket that is about to be changed, refusing when its file holds uncommitted
    /// edits (tix would otherwise commit or overwrite someone's work in progress).
    ///
    /// # Errors
    /// As [`Repo::load`], plus `Dirty`.
    pub(crate) fn load_for_update(&self, id: &TicketId) -> Result<Ticket, StoreError> {
        let rel = Self::ticket_path(id);
        let path = self.workdir.join(&rel);
        let bytes = fs::read(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound {
                query: id.to_string(),
            },
            _ => StoreError::Io {
                path: path.clone(),
                source,
            },
        })?;
        let worktree_oid = Oid::hash_object(ObjectType::Blob, &bytes)?;
        if self.head_blob(&rel)? != Some(worktree_oid) {
            return Err(StoreError::Dirty { path: rel });
        }
        let text =
            String::from_utf8(bytes).map_err(|e| not_utf8(&rel, e.as_bytes(), e.utf8_error()))?;
        parse_ticket(&rel, &text)
    }

    /// The text of the repository file `rel` (an asset, an article), or `None` when there is
    /// none.
    ///
    /// # Errors
    /// A file that cannot be read or is not UTF-8.
    pub(crate) fn read_repo_file(&self, rel: &str) -> Result<Option<String>, StoreError> {
        let path = self.workdir.join(rel);
        match fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|e| not_utf8(rel, e.as_bytes(), e.utf8_error())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StoreError::Io { path, source }),
        }
    }

    /// Refuses to change `rel` while the working tree's file differs from HEAD's (a file
    /// neither tracked nor present is clean).
    ///
    /// # Errors
    /// `Dirty`, or Git and I/O failures.
    pub(crate) fn check_clean(&self, rel: &str) -> Result<(), StoreError> {
        let path = self.workdir.join(rel);
        let worktree = match fs::read(&path) {
            Ok(bytes) => Some(Oid::hash_object(ObjectType::Blob, &bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        if self.head_blob(rel)? == worktree {
            Ok(())
        } else {
            Err(StoreError::Dirty { path: rel.into() })
        }
    }

    fn head_blob(&self, rel: &str) -> Result<Option<Oid>, StoreError> {
        let head = match self.git.head() {
            Ok(head) => head,
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let tree = head.peel_to_tree()?;
        match tree.get_path(Path::new(rel)) {
            Ok(entry) => Ok(Some(entry.id())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Summaries of every ticket in the working tree, sorted by ID, and the files that could not
    /// be read (one broken file does not hide the others).
    ///
    /// # Errors
    /// I/O failures reading the directories.
    pub(crate) fn list(&self) -> Result<Listing, StoreError> {
        self.list_where(&|_| true)
    }

    /// As [`Repo::list`], with the summaries of only the tickets whose status is `wanted`; the
    /// others are in [`Listing::skipped`].
    ///
    /// # Errors
    /// As [`Repo::list`].
    pub(crate) fn list_where(&self, wanted: cache::Wanted<'_>) -> Result<Listing, StoreError> {
        self.search_where(wanted, None)
    }

    /// As [`Repo::list_where`], also leaving out (to [`Listing::skipped`]) the tickets whose
    /// text ([`search_text`](crate::domain::query::search_text)) `text` does not want; the
    /// text comes from the list cache, so a search reads only the files that changed.
    ///
    /// # Errors
    /// As [`Repo::list`].
    pub(crate) fn search_where(
        &self,
        wanted: cache::Wanted<'_>,
        text: cache::TextWanted<'_>,
    ) -> Result<Listing, StoreError> {
        cache::list(
            &self.workdir,
            self.git.path(),
            &self.shard_names()?,
            wanted,
            text,
        )
    }

    /// Every file under `tickets/`, parsed one by one so a checker can report each broken file.
    ///
    /// # Errors
    /// Only directory read failures; a bad file is returned as its `Err`.
    pub(crate) fn scan(&self) -> Result<Vec<ScannedFile>, StoreError> {
        let mut files = Vec::new();
        collect_files(&self.workdir.join(TICKETS_DIR), "", &mut files)?;
        files.sort();
        let mut out = Vec::new();
        for inner in files {
            let rel = format!("{TICKETS_DIR}/{inner}");
            let (shard, name) = inner.rsplit_once('/').unwrap_or(("", inner.as_str()));
            let in_shard = shard.split('/').count() == SHARD_LEN
                && shard.split('/').all(|part| part.chars().count() == 1);
            let bad = |message: String| StoreError::BadTicketFile {
                path: rel.clone(),
                line: None,
                column: None,
                message,
            };
            let parsed = if !name.ends_with(".yaml") {
                Err(bad("not a ticket file (expected <ID>.yaml)".into()))
            } else if !in_shard {
                let hint = TicketId::parse(name.trim_end_matches(".yaml")).map_or_else(
                    |_| "tickets/<c1>/<c2>/<ID>.yaml".to_string(),
                    |id| Self::ticket_path(&id),
                );
                Err(bad(format!(
                    "is not in a shard directory; move it to {hint}"
                )))
            } else {
                read_text(&rel, &self.workdir.join(&rel)).and_then(|text| parse_ticket(&rel, &text))
            };
            let parsed = parsed.and_then(|t| {
                if !in_shard || t.id.shard() == shard {
                    Ok(t)
                } else {
                    Err(bad(format!(
                        "is in shard '{shard}' but belongs in {}",
                        Self::ticket_path(&t.id)
                    )))
                }
            });
            out.push((rel, parsed));
        }
        Ok(out)
    }

    /// Writes the tickets and commits them as one commit by `actor` at `when`.
    ///
    /// # Errors
    /// Git or file system failures, or HEAD moved by another process meanwhile.
    pub(crate) fn commit(
        &self,
        lock: WriteLock,
        tickets: &[&Ticket],
        message: &CommitMessage,
        actor: &Actor,
        when: DateTime<FixedOffset>,
    ) -> Result<Oid, StoreError> {
        self.commit_with(lock, tickets, Vec::new(), message, actor, when)
    }

    /// Writes the tickets and `files` (repository-relative path, content: an asset, an article,
    /// an attachment) and commits them all as one commit, crash-safely as [`Repo::commit`].
    ///
    /// # Errors
    /// As [`Repo::commit`]; a path through a symbolic link or a file is refused.
    pub(crate) fn commit_with(
        &self,
        lock: WriteLock,
        tickets: &[&Ticket],
        mut files: Vec<(String, Vec<u8>)>,
        message: &CommitMessage,
        actor: &Actor,
        when: DateTime<FixedOffset>,
    ) -> Result<Oid, StoreError> {
        files.extend(
            tickets
                .iter()
                .map(|t| (Self::ticket_path(&t.id), yaml::render(t).into_bytes())),
        );
        let commit =
            commit::commit_files(&self.git, &self.workdir, lock, &files, message, actor, when)?;
        gc::after_write(&self.git);
        Ok(commit)
    }

    /// Commits `commits` in order on top of the branch, as one write: objects streamed into
    /// one new pack as they are built, the branch moved once (compare-and-swap from the head seen once the
    /// write lock is held), the working tree and index updated once for the final content of
    /// every touched file. Each commit's parent is the one before it, the first's the branch's
    /// head (none on an unborn branch); each is authored and committed by its `actor` at its
    /// `when`, signed when `commit.gpgsign` asks for it. `progress` hears the number of commits
    /// built so far; the files and the index are written after the last.
    ///
    /// Returns the last commit, or `None` (nothing done) for an empty chain.
    ///
    /// # Errors
    /// As [`Repo::lock`]; `Dirty` when a touched file holds uncommitted content (nothing is
    /// written); `HeadMoved` when the branch moved meanwhile (nothing is committed, the files are
    /// as before); Git and file system failures.
    pub(crate) fn commit_chain(
        &self,
        lock: WriteLock,
        commits: &[ChainCommit],
        progress: &mut dyn FnMut(usize),
    ) -> Result<Option<Oid>, StoreError> {
        if commits.is_empty() {
            return Ok(None);
        }
        let last = chain::commit_chain(&self.git, &self.workdir, lock, commits, progress)?;
        gc::after_write(&self.git);
        Ok(last)
    }

    /// The ticket's audit trail: every commit that changed its file, oldest first.
    ///
    /// # Errors
    /// Git failures.
    pub(crate) fn history(&self, id: &TicketId) -> Result<Vec<Revision>, StoreError> {
        history::revisions(&self.git, &Self::ticket_path(id))
    }

    /// Every ticket's timeline from Git history, keyed by ticket ID (tickets since deleted too).
    ///
    /// # Errors
    /// A shallow clone, no `git` command, or Git failures.
    pub(crate) fn timelines(
        &self,
    ) -> Result<std::collections::HashMap<String, crate::domain::event::Timeline>, StoreError> {
        timeline::all(&self.git, self.lock_timeout)
    }

    /// As [`Repo::timelines`], with the events of only the tickets `keep` selects by what the
    /// cache knows of them before decoding (see [`timeline::all_where`]).
    ///
    /// # Errors
    /// As [`Repo::timelines`].
    pub(crate) fn timelines_where(
        &self,
        keep: &dyn Fn(&Outline<'_>) -> bool,
    ) -> Result<Selection, StoreError> {
        timeline::all_where(&self.git, self.lock_timeout, keep)
    }

    /// When each ticket was created and last changed, in Unix seconds, from history (see
    /// [`timeline::dates`]).
    ///
    /// # Errors
    /// As [`Repo::timelines`].
    pub(crate) fn ticket_dates(&self) -> Result<HashMap<String, (i64, i64)>, StoreError> {
        timeline::dates(&self.git, self.lock_timeout)
    }

    /// One ticket's timeline from Git history.
    ///
    /// # Errors
    /// As [`Repo::timelines`].
    pub(crate) fn timeline(
        &self,
        id: &TicketId,
    ) -> Result<crate::domain::event::Timeline, StoreError> {
        timeline::one(&self.git, id.as_str(), self.lock_timeout)
    }

    /// Fetches, integrates the upstream branch (merge, or rebase) and pushes, retrying when the
    /// remote moved in between; with `dry_run`, only fetches and counts.
    ///
    /// # Errors
    /// See [`sync`]: no remote, authentication or rejection, a conflict a person must resolve.
    pub(crate) fn sync(
        &self,
        rebase: bool,
        dry_run: bool,
        progress: bool,
        actor_env: &[(String, String)],
    ) -> Result<(sync::Upstream, sync::SyncReport), StoreError> {
        state::check_writable(&self.git, false)?;
        let up = sync::upstream(&self.git)?;
        let mut report = sync::SyncReport::default();
        loop {
            sync::fetch(&self.workdir, &up, progress)?;
            let (ahead, behind) = sync::ahead_behind(&self.git, &up)?;
            if dry_run {
                report.pulled = behind;
                report.pushed = ahead;
                return Ok((up, report));
            }
            if behind > 0 {
                // tix's own writers wait while git merges (it holds index.lock meanwhile too).
                let _lock = lock::ProcessLock::acquire(
                    &recovery::write_lock_path(self.git.path()),
                    self.lock_timeout,
                )?;
                sync::integrate(&self.git, &self.workdir, &up, rebase, actor_env)?;
                report.pulled += behind;
            }
            let (ahead, _) = sync::ahead_behind(&self.git, &up)?;
            if ahead == 0 {
                return Ok((up, report));
            }
            if sync::push(&self.workdir, &up)? {
                report.pushed = ahead;
                return Ok((up, report));
            }
            report.retries += 1;
            if report.retries >= 5 {
                return Err(StoreError::RemoteFailed {
                    remote: up.remote.clone(),
                    action: "push to",
                    reason: "the remote kept moving; 5 attempts".into(),
                });
            }
        }
    }

    /// Whether this is a shallow clone (history before the boundary is missing).
    pub(crate) fn is_shallow(&self) -> bool {
        self.git.is_shallow()
    }

    /// A handle that orders ticket assignments by commit, for round-robin (its own handle on
    /// the repository, so it can be kept while the `Repo` is borrowed for a write).
    ///
    /// # Errors
    /// The repository cannot be opened again.
    pub(crate) fn commit_order(&self) -> Result<CommitOrder, StoreError> {
        Ok(CommitOrder(Repository::open(self.git.path())?))
    }
}

/// Every file below `dir` (hidden ones skipped), as paths relative to the starting directory.
fn collect_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect_files(&entry.path(), &rel, out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// The identity from Git's configuration for the repository at or above `dir`, or the global one.
pub(crate) fn git_identity_at(dir: &Path) -> Option<Actor> {
    match Repository::discover(dir) {
        Ok(repo) => git_identity(&repo),
        Err(_) => git2::Config::open_default()
            .ok()
            .and_then(|c| identity_from(&c)),
    }
}

fn git_identity(repo: &Repository) -> Option<Actor> {
    repo.config().ok().and_then(|c| identity_from(&c))
}

fn identity_from(config: &git2::Config) -> Option<Actor> {
    let name = config
        .get_string("user.name")
        .ok()
        .filter(|n| !n.trim().is_empty());
    let email = config
        .get_string("user.email")
        .ok()
        .filter(|e| !e.trim().is_empty());
    match (name, email) {
        (Some(name), email) => Some(Actor { name, email }),
        (None, Some(email)) => Some(Actor {
            name: email.clone(),
            email: Some(email),
        }),
        (None, None) => None,
    }
}

/// Reads a ticket file as text; a file that is not UTF-8 is a `BadTicketFile` naming the line.
pub(crate) fn read_text(rel: &str, path: &Path) -> Result<String, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Refused before reading, so a huge file costs a stat, not its size in memory.
    let len = fs::metadata(path).map_err(io)?.len();
    let limit = crate::yaml_guard::MAX_TICKET_FILE_BYTES;
    if let Some(message) =
        crate::yaml_guard::too_large(usize::try_from(len).unwrap_or(usize::MAX), limit)
    {
        return Err(StoreError::BadTicketFile {
            path: rel.into(),
            line: None,
            column: None,
            message,
        });
    }
    let bytes = fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(rel, e.as_bytes(), e.utf8_error()))
}

/// A file that is not UTF-8, named with the line of the first bad byte.
pub(crate) fn not_utf8(rel: &str, bytes: &[u8], error: std::str::Utf8Error) -> StoreError {
    let at = error.valid_up_to();
    let valid = bytes.get(..at).unwrap_or(bytes);
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    StoreError::BadTicketFile {
        path: rel.into(),
        line: Some(line),
        column: None,
        message: format!(
            "is not valid UTF-8 (byte {at}); ticket files are UTF-8 text, re-save it as UTF-8"
        ),
    }
}

/// The line of the first Git conflict marker, if the text has conflict markers.
fn conflict_marker(text: &str) -> Option<usize> {
    let mut start = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<< ") || line == "<<<<<<<" {
            start.get_or_insert(i + 1);
        } else if start.is_some() && (line.starts_with(">>>>>>> ") || line == ">>>>>>>") {
            return start;
        }
    }
    None
}

/// Orders ticket assignments by commit (see [`Repo::commit_order`]).
pub(crate) struct CommitOrder(Repository);

impl CommitOrder {
    /// Of the tickets `ids`, the one whose assignee was set by the newest commit (commit order,
    /// not dates), looking back to commits dated `since` (Unix seconds); `None` when history
    /// cannot tell.
    ///
    /// # Errors
    /// Git failures.
    pub(crate) fn newest_assignment(
        &self,
        ids: &[&TicketId],
        since: i64,
    ) -> Result<Option<TicketId>, StoreError> {
        let paths: Vec<String> = ids.iter().map(|id| Repo::ticket_path(id)).collect();
        let found = history::newest_assignment(&self.0, &paths, since)?;
        Ok(found.and_then(|rel| {
            paths
                .iter()
                .position(|p| *p == rel)
                .and_then(|i| ids.get(i))
                .map(|id| (*id).clone())
        }))
    }
}

pub(crate) fn parse_ticket(rel: &str, text: &str) -> Result<Ticket, StoreError> {
    let ticket = yaml::parse(text).map_err(|e| match conflict_marker(text) {
        Some(line) => StoreError::Conflicted {
            path: rel.into(),
            line,
        },
        None => StoreError::BadTicketFile {
            path: rel.into(),
            line: e.line,
            column: e.column,
            message: e.message,
        },
    })?;
    let expected = Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if ticket.id.as_str() != expected {
        return Err(StoreError::BadTicketFile {
            path: rel.into(),
            line: text
                .lines()
                .position(|l| l.starts_with("id:"))
                .map(|i| i + 1),
            column: None,
            message: format!(
                "id '{}' does not match the file name; it must be {expected}",
                ticket.id
            ),
        });
    }
    Ok(ticket)
}

/// A well-mixed 64-bit value from `x` (Steele, Lea, Flood: SplitMix64's finaliser).
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
