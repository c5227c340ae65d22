//! Landing many commits at once: the histories `tix import` replays, each event its own commit
//! with its own author, date and message.
//!
//! One commit per event through [`commit::commit_files`] would cost a lock, an intent, a file
//! rename, an index write and a branch move each, and leave every object loose. Here every object
//! of the chain is built in memory (libgit2's mempack backend, the only object database of a
//! repository handle of its own, see [`build`]), the trees
//! rebuilt along the written paths only, exactly as one commit does ([`commit::write_tree`]); the
//! new objects go into one pack; then the chain lands as one write through the protocol of
//! [`commit::Landing`]: one intent (the branch's old head, the chain's last commit, every touched
//! file with its blob before the chain and its final one), the final content of each file written
//! once, the index written once, the branch moved once by compare-and-swap. A crash leaves the
//! repository before the chain or after it, as the next tix run repairs it
//! ([`super::recovery`]); a crash before the intent leaves only an unreferenced pack.
//!
//! Why not `Mempack::dump`: libgit2 builds that pack from the commits it holds, inserting each
//! commit's whole tree recursively, so the pack would also carry every ticket already in the
//! repository, and the walk would visit the whole tree once per commit (50,000 walks of 100,000
//! entries for a large import). The objects this write creates are known as they are made, so
//! they are what goes into the pack builder instead.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid, Repository};

use super::StoreError;
use super::commit::{self, CommitMessage, Landing, Planned, WriteLock};
use super::index::TreeChange;
use crate::domain::actor::Actor;

/// One commit of a chain.
#[derive(Debug, Clone)]
pub(crate) struct ChainCommit {
    /// Repository-relative path (`tickets/a/b/ID.yaml`) and the file's full new content.
    pub files: Vec<(String, Vec<u8>)>,
    pub message: CommitMessage,
    /// The author, and the committer too, as for every tix commit.
    pub actor: Actor,
    /// The author date (the original event's time); the committer date too.
    pub when: DateTime<FixedOffset>,
}

/// What was built in memory and packed: the last commit, the final blob of every touched path
/// (sorted by path), and the directories the whole chain rewrote from the starting tree.
struct Built<'a> {
    last: Oid,
    blobs: Vec<(&'a str, Oid)>,
    tree_changes: Vec<TreeChange>,
}

/// Commits `commits` in order on top of the branch as one write; `None` for an empty chain.
///
/// # Errors
/// `Dirty` when a touched path holds something other than what the branch has there (an
/// uncommitted edit or an untracked file; nothing is written then), `PathBlocked`, `HeadMoved`
/// when the branch moved between the start and the landing (undone), Git and file system
/// failures.
pub(crate) fn commit_chain(
    git: &Repository,
    workdir: &Path,
    lock: WriteLock,
    commits: &[ChainCommit],
) -> Result<Option<Oid>, StoreError> {
    let Some(last) = commits.last() else {
        return Ok(None);
    };
    let landing = Landing::new(git, workdir, lock);
    let mut finals: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for commit in commits {
        for (path, content) in &commit.files {
            finals.insert(path.as_str(), content.as_slice());
        }
    }
    for path in finals.keys() {
        commit::check_worktree_path(workdir, path)?;
    }
    let start = commit::branch_commit(git, &landing.reference)?;
    let start_id = start.as_ref().map(git2::Commit::id);
    let start_tree = start.as_ref().map(git2::Commit::tree).transpose()?;
    let paths: Vec<(&str, Oid)> = finals.keys().map(|p| (*p, Oid::ZERO_SHA1)).collect();
    let old_blobs = commit::blobs_at(start_tree.as_ref(), &paths);
    for ((path, _), old) in paths.iter().zip(&old_blobs) {
        check_clean(workdir, path, *old)?;
    }
    let built = build(git, start_id, commits, &finals)?;
    landing.faults.step();
    let contents: Vec<(&str, &[u8])> = finals.into_iter().collect();
    let subject = match commits.len() {
        1 => last.message.subject.clone(),
        n => format!("{n} commits, the last {}", last.message.subject),
    };
    let write = Planned {
        files: &contents,
        blobs: &built.blobs,
        old_blobs: &old_blobs,
        tree_changes: &built.tree_changes,
        parent: start_id,
        commit: built.last,
        subject: &subject,
    };
    let record = landing.record(&write)?;
    let mut files_written = false;
    match landing.land(&write, &record, &mut files_written) {
        Ok(applied) => {
            landing.finish(applied, built.last)?;
            Ok(Some(built.last))
        }
        // Unlike one commit, a chain is not rebuilt on top of whatever moved the branch.
        Err(StoreError::HeadMoved) => {
            commit::undo(git, workdir, &record);
            Err(StoreError::HeadMoved)
        }
        Err(e) => Err(e),
    }
}

/// Refuses to overwrite a file that holds something the branch does not: a person's work.
fn check_clean(workdir: &Path, rel: &str, committed: Option<Oid>) -> Result<(), StoreError> {
    let have = match fs::read(workdir.join(rel)) {
        Ok(bytes) => Some(Oid::hash_object(ObjectType::Blob, &bytes)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(StoreError::Io {
                path: workdir.join(rel),
                source,
            });
        }
    };
    if have == committed {
        Ok(())
    } else {
        Err(StoreError::Dirty { path: rel.into() })
    }
}

/// Builds every object of the chain in memory and writes the new ones into one pack of `git`.
///
/// The objects are made in a repository whose object database is a mempack alone, seeded with
/// the start commit and the trees along the touched paths: libgit2 looks every object it writes
/// up first, and a miss in a repository's own database rereads its pack directory each time
/// (five times a commit). The mempack is freed with that repository, so `git` sees only the pack.
fn build<'a>(
    git: &Repository,
    start: Option<Oid>,
    commits: &[ChainCommit],
    finals: &BTreeMap<&'a str, &[u8]>,
) -> Result<Built<'a>, StoreError> {
    let memory = Repository::from_odb(git2::Odb::new()?)?;
    let odb = memory.odb()?;
    let mempack = odb.add_new_mempack_backend(1000)?;
    let result = seed(git, &odb, start, finals.keys().copied())
        .and_then(|()| build_in(git, &memory, start, commits, finals));
    let reset = mempack.reset();
    let built = result?;
    reset?;
    Ok(built)
}

/// Copies into `memory` the start commit and the trees of its directories the chain writes into.
fn seed<'p>(
    git: &Repository,
    memory: &git2::Odb,
    start: Option<Oid>,
    paths: impl Iterator<Item = &'p str>,
) -> Result<(), StoreError> {
    let Some(start) = start else { return Ok(()) };
    let commit = git.find_commit(start)?;
    let root = commit.tree()?;
    let objects = git.odb()?;
    let copy = |id: Oid| -> Result<(), StoreError> {
        let object = objects.read(id)?;
        memory.write(object.kind(), object.data())?;
        Ok(())
    };
    copy(start)?;
    copy(root.id())?;
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let mut dir = path;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            dir = parent;
            if !seen.insert(dir) {
                break;
            }
            match root.get_path(Path::new(dir)) {
                Ok(entry) if entry.kind() == Some(ObjectType::Tree) => copy(entry.id())?,
                // A new directory, or one write_tree refuses to replace.
                _ => {}
            }
        }
    }
    Ok(())
}

fn build_in<'a>(
    git: &Repository,
    memory: &Repository,
    start: Option<Oid>,
    commits: &[ChainCommit],
    finals: &BTreeMap<&'a str, &[u8]>,
) -> Result<Built<'a>, StoreError> {
    // Every object made, with the path it is at (the pack builder pairs objects of one path for
    // its deltas: one tree's versions differ by an entry or two).
    let mut made: Vec<(Oid, Option<String>)> = Vec::new();
    let signer = super::signing::Signer::of(git)?;
    let mut parent = start.map(|id| memory.find_commit(id)).transpose()?;
    let start_tree = parent.as_ref().map(git2::Commit::tree).transpose()?;
    for chained in commits {
        let mut blobs = Vec::with_capacity(chained.files.len());
        for (path, content) in &chained.files {
            let blob = memory.blob(content)?;
            made.push((blob, Some(path.clone())));
            blobs.push((path.as_str(), blob));
        }
        let base = parent.as_ref().map(git2::Commit::tree).transpose()?;
        let mut changes = Vec::new();
        let tree_id = commit::write_tree(memory, base.as_ref(), &blobs, "", &mut changes)?;
        made.extend(changes.into_iter().map(|c| (c.new, Some(c.dir))));
        let tree = memory.find_tree(tree_id)?;
        let signature = commit::signature(&chained.actor, chained.when)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let id = signer.create_commit(
            memory,
            &signature,
            &chained.message.render(),
            &tree,
            &parents,
        )?;
        made.push((id, None));
        parent = Some(memory.find_commit(id)?);
    }
    let last = parent.ok_or(StoreError::Internal("an empty chain was built"))?;
    // The whole chain's change from the starting tree at once: the same final tree, and the
    // directories it rewrote, which keep the index's cache tree valid.
    let mut blobs = Vec::with_capacity(finals.len());
    for (path, content) in finals {
        blobs.push((*path, Oid::hash_object(ObjectType::Blob, content)?));
    }
    let mut tree_changes = Vec::new();
    let root = commit::write_tree(memory, start_tree.as_ref(), &blobs, "", &mut tree_changes)?;
    if root != last.tree_id() {
        return Err(StoreError::Internal(
            "the chain's last tree differs from its files applied at once",
        ));
    }
    let mut builder = memory.packbuilder()?;
    builder.set_threads(0);
    for (id, path) in &made {
        builder.insert_object(*id, path.as_deref())?;
    }
    drop(made);
    let mut pack = git2::Buf::new();
    builder.write_buf(&mut pack)?;
    drop(builder);
    let odb = git.odb()?;
    let mut writer = odb.packwriter()?;
    writer.write_all(&pack).map_err(|source| StoreError::Io {
        path: git.path().join("objects").join("pack"),
        source,
    })?;
    writer.commit()?;
    Ok(Built {
        last: last.id(),
        blobs,
        tree_changes,
    })
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::event::EventKind;
    use crate::domain::id::TicketId;
    use crate::domain::ticket::{Ticket, sample_ticket};
    use crate::store::{Repo, yaml};

    const START: i64 = 1_772_442_000; // 2026-03-02 09:00 UTC

    fn time(secs: i64) -> DateTime<FixedOffset> {
        Utc.timestamp_opt(secs, 0).unwrap().fixed_offset()
    }

    fn desk() -> (tempfile::TempDir, Repo) {
        let dir = tempfile::tempdir().unwrap();
        // Its own repository, even when TMPDIR lies inside another one's working tree.
        Repository::init(dir.path()).unwrap();
        let actor = Actor::parse("Ann <ann@example.com>").unwrap();
        Repo::init(dir.path(), Some("IT"), &actor, time(START)).unwrap();
        let repo = Repo::open(dir.path()).unwrap();
        (dir, repo)
    }

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn ticket(n: u64) -> Ticket {
        Ticket {
            id: TicketId::from_entropy("IT", 0x10_0000 + n * 7919),
            title: format!("Imported {n}"),
            ..sample_ticket()
        }
    }

    fn event(ticket: &Ticket, action: &str, who: &str, at: i64) -> ChainCommit {
        ChainCommit {
            files: vec![(
                Repo::ticket_path(&ticket.id),
                yaml::render(ticket).into_bytes(),
            )],
            message: CommitMessage::for_ticket(ticket.id.as_str(), action, &ticket.title),
            actor: Actor::parse(who).unwrap(),
            when: time(at),
        }
    }

    /// Two tickets: created, one started, the other resolved, then the first resolved; 5 commits.
    fn history() -> (Vec<ChainCommit>, Vec<Ticket>) {
        let (mut a, mut b) = (ticket(1), ticket(2));
        let mut chain = vec![
            event(&a, "new", "Rita <rita@example.com>", START - 86_400),
            event(&b, "new", "Sam <sam@example.com>", START - 80_000),
        ];
        a.status = "in_progress".into();
        chain.push(event(&a, "start", "Ann <ann@example.com>", START - 70_000));
        b.status = "resolved".into();
        b.resolution = Some("fixed".into());
        chain.push(event(
            &b,
            "resolve",
            "Bob <bob@example.com>",
            START - 60_000,
        ));
        a.status = "resolved".into();
        a.resolution = Some("done".into());
        chain.push(event(
            &a,
            "resolve",
            "Ann <ann@example.com>",
            START - 50_000,
        ));
        (chain, vec![a, b])
    }

    #[test]
    fn lands_every_commit_in_order_with_its_author_date_and_message() {
        let (dir, repo) = desk();
        let before = git(dir.path(), &["rev-parse", "HEAD"]);
        let (chain, finals) = history();
        let last = repo
            .commit_chain(repo.lock().unwrap(), &chain)
            .unwrap()
            .unwrap();
        assert_eq!(
            git(dir.path(), &["rev-parse", "HEAD"]).trim(),
            last.to_string()
        );
        let log = git(
            dir.path(),
            &[
                "log",
                "--reverse",
                "--format=%an <%ae>|%at|%cn|%s",
                &format!("{}..", before.trim()),
            ],
        );
        let expected: Vec<String> = chain
            .iter()
            .map(|c| {
                format!(
                    "{}|{}|{}|{}",
                    c.actor,
                    c.when.timestamp(),
                    c.actor.name,
                    c.message.subject
                )
            })
            .collect();
        assert_eq!(log.lines().collect::<Vec<_>>(), expected);
        // One pack, no loose objects, and the history is whole.
        git(dir.path(), &["fsck", "--no-progress", "--no-dangling"]);
        assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
        for t in &finals {
            let rel = Repo::ticket_path(&t.id);
            assert_eq!(
                fs::read_to_string(dir.path().join(&rel)).unwrap(),
                yaml::render(t)
            );
            assert_eq!(
                git(dir.path(), &["show", &format!(":{rel}")]),
                yaml::render(t),
                "the index holds the final content"
            );
        }
        assert!(!crate::store::intent::path(&dir.path().join(".git")).exists());
        // The Repo's own handle sees the packed objects.
        assert_eq!(repo.load(&finals[0].id).unwrap(), finals[0]);
    }

    #[test]
    fn timelines_read_the_chain_at_its_author_dates() {
        let (_dir, repo) = desk();
        let (chain, finals) = history();
        repo.commit_chain(repo.lock().unwrap(), &chain).unwrap();
        let timelines = repo.timelines().unwrap();
        let a = &timelines[finals[0].id.as_str()];
        let at: Vec<i64> = a.events.iter().map(|e| e.at.timestamp()).collect();
        assert_eq!(at.first(), Some(&(START - 86_400)));
        assert!(at.contains(&(START - 70_000)) && at.contains(&(START - 50_000)));
        assert!(matches!(a.events[0].kind, EventKind::Created(_)));
        assert_eq!(&*a.events[0].actor, "Rita <rita@example.com>");
        let b = &timelines[finals[1].id.as_str()];
        assert!(b.events.iter().any(|e| e.at.timestamp() == START - 60_000
            && matches!(&e.kind, EventKind::StatusChanged { to, .. } if &**to == "resolved")));
    }

    #[test]
    fn an_empty_chain_does_nothing() {
        let (dir, repo) = desk();
        let head = git(dir.path(), &["rev-parse", "HEAD"]);
        assert_eq!(repo.commit_chain(repo.lock().unwrap(), &[]).unwrap(), None);
        assert_eq!(git(dir.path(), &["rev-parse", "HEAD"]), head);
        assert!(!dir.path().join(".git/tix/write.lock").exists() || repo.lock().is_ok());
    }

    #[test]
    fn a_chain_on_an_unborn_branch_starts_the_history() {
        let dir = tempfile::tempdir().unwrap();
        Repository::init(dir.path()).unwrap();
        let actor = Actor::parse("Ann <ann@example.com>").unwrap();
        Repo::init(dir.path(), Some("IT"), &actor, time(START)).unwrap();
        // An orphan branch: the same repository, nothing committed on it yet.
        git(dir.path(), &["checkout", "-q", "--orphan", "fresh"]);
        let repo = Repo::open(dir.path()).unwrap();
        let (chain, _) = history();
        let last = repo
            .commit_chain(repo.lock().unwrap(), &chain)
            .unwrap()
            .unwrap();
        let count = git(dir.path(), &["rev-list", "--count", &last.to_string()]);
        assert_eq!(count.trim(), "5", "the first commit has no parent");
    }

    #[test]
    fn a_branch_moved_meanwhile_is_head_moved_and_nothing_changes() {
        let (dir, repo) = desk();
        let head = git(dir.path(), &["rev-parse", "HEAD"]);
        let (chain, finals) = history();
        let lock = repo.lock().unwrap();
        // A git command that ignores index.lock (`git update-ref`) moves the branch between the
        // start, where the chain read the head, and the landing: the chain is built on the head
        // read before the move, as commit_chain does, and landed after it.
        let moved = git(
            dir.path(),
            &["commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "moved"],
        );
        git(dir.path(), &["update-ref", "HEAD", moved.trim()]);
        let landing = Landing::new(&repo.git, &repo.workdir, lock);
        let finals_map: BTreeMap<&str, &[u8]> = chain
            .iter()
            .flat_map(|c| c.files.iter())
            .map(|(p, c)| (p.as_str(), c.as_slice()))
            .collect();
        let start = Oid::from_str(head.trim()).unwrap();
        let built = build(&repo.git, Some(start), &chain, &finals_map).unwrap();
        let contents: Vec<(&str, &[u8])> = finals_map.into_iter().collect();
        let old = vec![None; contents.len()];
        let write = Planned {
            files: &contents,
            blobs: &built.blobs,
            old_blobs: &old,
            tree_changes: &built.tree_changes,
            parent: Some(start),
            commit: built.last,
            subject: "chain",
        };
        let record = landing.record(&write).unwrap();
        let result = landing.land(&write, &record, &mut false);
        assert!(matches!(result, Err(StoreError::HeadMoved)), "{result:?}");
        commit::undo(&repo.git, &repo.workdir, &record);
        drop(landing);
        assert_eq!(git(dir.path(), &["rev-parse", "HEAD"]).trim(), moved.trim());
        assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
        for t in &finals {
            assert!(!dir.path().join(Repo::ticket_path(&t.id)).exists());
        }
    }

    #[test]
    fn an_untracked_file_at_a_path_of_the_chain_is_never_overwritten() {
        let (dir, repo) = desk();
        let (chain, finals) = history();
        let rel = Repo::ticket_path(&finals[1].id);
        fs::create_dir_all(dir.path().join(&rel).parent().unwrap()).unwrap();
        fs::write(dir.path().join(&rel), "mine\n").unwrap();
        let head = git(dir.path(), &["rev-parse", "HEAD"]);
        let result = repo.commit_chain(repo.lock().unwrap(), &chain);
        assert!(
            matches!(result, Err(StoreError::Dirty { .. })),
            "{result:?}"
        );
        assert_eq!(git(dir.path(), &["rev-parse", "HEAD"]), head);
        assert_eq!(fs::read_to_string(dir.path().join(&rel)).unwrap(), "mine\n");
        assert!(!dir.path().join(Repo::ticket_path(&finals[0].id)).exists());
    }

    /// The child half of the kill test: run by the test binary itself, killed at a step.
    #[test]
    fn crash_child() {
        let (Ok(dir), Ok(step)) = (
            std::env::var("TIX_CHAIN_CRASH_DIR"),
            std::env::var("TIX_CHAIN_CRASH_STEP"),
        ) else {
            return;
        };
        let mut repo = Repo::open(Path::new(&dir)).unwrap();
        repo.set_crash_at(Some(step.parse().unwrap()));
        repo.commit_chain(repo.lock().unwrap(), &history().0)
            .unwrap();
    }

    #[test]
    fn killed_at_every_step_the_next_open_leaves_it_before_or_after() {
        let (chain, finals) = history();
        let test = concat!(module_path!(), "::crash_child");
        let test = test.split_once("::").map_or(test, |(_, rest)| rest);
        let mut outcomes = Vec::new();
        for step in 1.. {
            assert!(step < 20, "the chain never completed");
            let (dir, repo) = desk();
            drop(repo);
            let start = git(dir.path(), &["rev-parse", "HEAD"]);
            let out = Command::new(std::env::current_exe().unwrap())
                .args(["--exact", test, "--test-threads=1"])
                .env("TIX_CHAIN_CRASH_DIR", dir.path())
                .env("TIX_CHAIN_CRASH_STEP", step.to_string())
                .output()
                .unwrap();
            let context = format!("killed at step {step}");
            let repo = Repo::open(dir.path()).unwrap();
            let repairs = repo.take_repairs();
            let landed = git(dir.path(), &["rev-parse", "HEAD"]) != start;
            assert_eq!(git(dir.path(), &["status", "--porcelain"]), "", "{context}");
            git(dir.path(), &["fsck", "--no-progress", "--no-dangling"]);
            assert!(!dir.path().join(".git/index.lock").exists(), "{context}");
            assert!(
                !dir.path().join(".git/tix/intent.json").exists(),
                "{context}"
            );
            for t in &finals {
                let file = dir.path().join(Repo::ticket_path(&t.id));
                if landed {
                    assert_eq!(
                        fs::read_to_string(&file).unwrap(),
                        yaml::render(t),
                        "{context}"
                    );
                } else {
                    assert!(!file.exists(), "{context}: a file without its commit");
                }
            }
            if landed {
                let range = format!("{}..", start.trim());
                let count = git(dir.path(), &["rev-list", "--count", &range]);
                assert_eq!(count.trim(), chain.len().to_string(), "{context}");
            }
            if out.status.success() {
                assert!(landed && repairs.is_empty(), "{context}: {out:?}");
                break;
            }
            outcomes.push((landed, repairs.len()));
        }
        // Objects, intent, staged files, two renames and the index before the branch moves;
        // the index and the intent after it.
        let before = outcomes.iter().take_while(|(landed, _)| !landed).count();
        assert_eq!(before, 6, "{outcomes:?}");
        assert_eq!(outcomes.len(), 8, "{outcomes:?}");
        assert!(
            outcomes.iter().skip(1).all(|(_, repairs)| *repairs == 1),
            "{outcomes:?}"
        );
    }

    /// `bench/import-chain.sh`: 10,000 new tickets with 5 events each (50,000 commits, in time
    /// order across tickets) into a fresh desk, or into a copy of a repository given by
    /// `TIX_CHAIN_BENCH_REPO`; prints how long building the chain and committing it took.
    #[test]
    #[ignore = "a benchmark: bench/import-chain.sh runs it in release mode"]
    fn bench_import_chain() {
        let tickets: u64 =
            std::env::var("TIX_CHAIN_BENCH_TICKETS").map_or(10_000, |n| n.parse().unwrap());
        let fresh;
        let dir = match std::env::var("TIX_CHAIN_BENCH_REPO") {
            Ok(dir) => std::path::PathBuf::from(dir),
            Err(_) => {
                fresh = desk().0;
                fresh.path().to_path_buf()
            }
        };
        let repo = Repo::open(&dir).unwrap();
        let started = std::time::Instant::now();
        let mut open: Vec<Ticket> = (0..tickets)
            .map(|n| Ticket {
                // Spread over the shards as random IDs are.
                id: TicketId::from_entropy("IT", crate::store::splitmix64(n) & 0xFF_FFFF_FFFF),
                title: format!("Imported ticket {n}: the VPN drops every few minutes"),
                description: Some("Since Monday the VPN client disconnects.\n".repeat(4)),
                ..sample_ticket()
            })
            .collect();
        let mut chain = Vec::with_capacity(open.len() * 5);
        let steps = ["new", "start", "comment", "resolve", "close"];
        let mut at = START - 90 * 86_400;
        for (round, action) in steps.iter().enumerate() {
            for t in &mut open {
                match round {
                    1 => t.status = "in_progress".into(),
                    2 => t.comments.push(crate::domain::ticket::Comment {
                        author: "Ann <ann@example.com>".into(),
                        body: "Reinstalled the client; please try again.".into(),
                        internal: false,
                        automated: false,
                    }),
                    3 => {
                        t.status = "resolved".into();
                        t.resolution = Some("fixed".into());
                    }
                    4 => t.status = "closed".into(),
                    _ => {}
                }
                at += 30;
                chain.push(event(t, action, "Ann <ann@example.com>", at));
            }
        }
        let built = started.elapsed();
        let started = std::time::Instant::now();
        repo.commit_chain(repo.lock().unwrap(), &chain)
            .unwrap()
            .unwrap();
        let committed = started.elapsed();
        eprintln!(
            "chain of {} commits over {} files: inputs {:.2} s, commit_chain {:.2} s",
            chain.len(),
            open.len(),
            built.as_secs_f64(),
            committed.as_secs_f64()
        );
        assert_eq!(
            git(&dir, &["status", "--porcelain", "--untracked-files=no"]),
            ""
        );
    }
}
