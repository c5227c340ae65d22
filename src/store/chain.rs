//! Landing many commits at once: the histories `tix import` replays, each event its own commit
//! with its own author, date and message.
//!
//! One commit per event through [`commit::commit_files`] would cost a lock, an intent, a file
//! rename, an index write and a branch move each, and leave every object loose. Here every object
//! of the chain is hashed and streamed into one new pack as it is made ([`super::pack`]): the
//! trees are rebuilt along the written paths only, as one commit does ([`commit::write_tree`]),
//! from the current version of each touched directory (read from the repository the first time
//! the chain writes into it), each version a delta against the one before; only those versions,
//! the object IDs and their offsets stay in memory. Then the chain lands as one write through the
//! protocol of [`commit::Landing`]: one intent (the branch's old head, the chain's last commit,
//! every touched file with its blob before the chain and its final one), the final content of
//! each file written once, the index written once, the branch moved once by compare-and-swap. A
//! crash leaves the repository before the chain or after it, as the next tix run repairs it
//! ([`super::recovery`]); a crash before the intent leaves only an unreferenced pack.
//!
//! Why not libgit2 (a mempack and its pack builder, as this did before): it held every object
//! unpacked until the end, then searched deltas over all of them and re-read the pack to index
//! it, 8 of the 11 seconds and most of the 1 GB of importing 10,000 tickets with 50,000 events.
//! The objects here are known as they are made, and so is what each is a new version of.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid, Repository};

use super::StoreError;
use super::commit::{self, CommitMessage, Landing, Planned, WriteLock};
use super::index::TreeChange;
use super::pack::{Kind, PackWriter, RawOid, Version, hex};
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
    progress: &mut dyn FnMut(usize),
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
    let built = build(git, start_id, commits, &finals, progress)?;
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

/// The mode of a file tix writes, and of a directory, in a tree.
const FILE_MODE: i32 = 0o100_644;
const DIR_MODE: i32 = 0o040_000;

/// Builds every object of the chain and writes them into one new pack of `git` (see
/// [`super::pack`]); `progress` hears the number of commits built so far.
fn build<'a>(
    git: &Repository,
    start: Option<Oid>,
    commits: &[ChainCommit],
    finals: &BTreeMap<&'a str, &[u8]>,
    progress: &mut dyn FnMut(usize),
) -> Result<Built<'a>, StoreError> {
    let pack_dir = git.commondir().join("objects").join("pack");
    let io = |source| StoreError::Io {
        path: pack_dir.clone(),
        source,
    };
    let mut pack = PackWriter::create(&pack_dir).map_err(io)?;
    match build_into(&mut pack, git, start, commits, finals, progress) {
        Ok(built) => {
            pack.finish().map_err(io)?;
            Ok(built)
        }
        Err(e) => {
            pack.abandon();
            Err(e)
        }
    }
}

fn build_into<'a>(
    pack: &mut PackWriter,
    git: &Repository,
    start: Option<Oid>,
    commits: &[ChainCommit],
    finals: &BTreeMap<&'a str, &[u8]>,
    progress: &mut dyn FnMut(usize),
) -> Result<Built<'a>, StoreError> {
    let temp = pack.temp_path().to_path_buf();
    let io = |source| StoreError::Io {
        path: temp.clone(),
        source,
    };
    let signer = super::signing::Signer::of(git)?;
    let start_tree = start.map(|id| git.find_commit(id)).transpose()?;
    let mut trees = Trees::new(git, start_tree.map(|c| c.tree_id()));
    trees.load("")?;
    // Each touched file's blob and last version, to delta the next against.
    let mut files: HashMap<&str, (RawOid, Option<Version>)> = HashMap::new();
    let mut parent = start.map(raw);
    for (n, chained) in commits.iter().enumerate() {
        let mut dirty = vec![String::new()];
        for (path, content) in &chained.files {
            let slot = files.entry(path.as_str()).or_default();
            slot.0 = pack
                .put(Kind::Blob, content, Some(&mut slot.1))
                .map_err(io)?;
            trees.set_file(path, slot.0)?;
            dirty.extend(ancestors(path));
        }
        let tree = trees.write(pack, dirty)?;
        let signature = commit::signature(&chained.actor, chained.when)?;
        let text = commit_text(
            &tree,
            parent.as_ref(),
            &signature,
            &chained.message.render(),
        )?;
        let text = match signer.sign(&text, &signature)? {
            Some(signed) => with_signature(&text, &signed),
            None => text,
        };
        parent = Some(pack.put(Kind::Commit, text.as_bytes(), None).map_err(io)?);
        progress(n + 1);
    }
    let last = parent.ok_or(StoreError::Internal("an empty chain was built"))?;
    let mut blobs = Vec::with_capacity(finals.len());
    for path in finals.keys() {
        let blob = files
            .get(path)
            .ok_or(StoreError::Internal("a final file was never written"))?;
        blobs.push((*path, Oid::from_bytes(&blob.0)?));
    }
    Ok(Built {
        last: Oid::from_bytes(&last)?,
        blobs,
        tree_changes: trees.changes()?,
    })
}

fn raw(oid: Oid) -> RawOid {
    let mut out = [0; 20];
    out.copy_from_slice(oid.as_bytes());
    out
}

/// The directories holding `path`, innermost first, the root (`""`) left out.
fn ancestors(path: &str) -> impl Iterator<Item = String> + '_ {
    let mut dir = path;
    std::iter::from_fn(move || {
        let (parent, _) = dir.rsplit_once('/')?;
        dir = parent;
        Some(parent.to_string())
    })
}

/// A commit object as libgit2's `git_commit_create_buffer` writes it, byte for byte, so the
/// chain's commits have the IDs `tix` would give them one by one.
fn commit_text(
    tree: &RawOid,
    parent: Option<&RawOid>,
    signature: &git2::Signature,
    message: &str,
) -> Result<String, StoreError> {
    let who = signature_line(signature)?;
    let mut text = String::with_capacity(200 + message.len());
    text.push_str("tree ");
    text.push_str(&hex(tree));
    text.push('\n');
    if let Some(parent) = parent {
        text.push_str("parent ");
        text.push_str(&hex(parent));
        text.push('\n');
    }
    for header in ["author ", "committer "] {
        text.push_str(header);
        text.push_str(&who);
    }
    text.push('\n');
    text.push_str(message);
    Ok(text)
}

/// `Name <email> 1772442000 +0100\n`, as `git_signature__writebuf` formats it.
fn signature_line(signature: &git2::Signature) -> Result<String, StoreError> {
    let name = signature.name()?;
    let email = signature.email()?;
    let when = signature.when();
    let offset = when.offset_minutes();
    let sign = if offset < 0 || when.sign() == '-' {
        '-'
    } else {
        '+'
    };
    let offset = offset.unsigned_abs();
    // libgit2 prints the time as a C `unsigned`: the same truncation keeps the same IDs.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = when.seconds() as u32;
    Ok(format!(
        "{name} <{email}> {seconds} {sign}{:02}{:02}\n",
        offset / 60,
        offset % 60
    ))
}

/// The commit `text` with its `gpgsig` header, as libgit2's `git_commit_create_with_signature`
/// adds it: after the last header line, continuation lines indented by one space.
fn with_signature(text: &str, signed: &str) -> String {
    let (header, message) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut out = String::with_capacity(text.len() + signed.len() + 64);
    out.push_str(header);
    out.push_str("\ngpgsig ");
    out.push_str(&signed.replace('\n', "\n "));
    out.push_str("\n\n");
    out.push_str(message);
    out
}

/// One directory's tree as the chain has made it so far.
struct Dir {
    /// Name to mode and ID, keyed so the map's order is Git's tree order: Git sorts a
    /// directory as if its name ended in `/`, so here it does.
    entries: BTreeMap<Vec<u8>, (i32, RawOid)>,
    /// The directory's tree in the start commit.
    start: Option<Oid>,
    /// Its tree now; `None` until the chain has written it.
    now: Option<RawOid>,
    version: Option<Version>,
}

/// The trees of the chain's head along the paths it touched, each directory read from the
/// repository the first time the chain writes into it.
struct Trees<'g> {
    git: &'g Repository,
    root: Option<Oid>,
    dirs: HashMap<String, Dir>,
    scratch: Vec<u8>,
}

fn sort_key(name: &[u8], mode: i32) -> Vec<u8> {
    let mut key = name.to_vec();
    if mode & 0o170_000 == DIR_MODE {
        key.push(b'/');
    }
    key
}

impl<'g> Trees<'g> {
    fn new(git: &'g Repository, root: Option<Oid>) -> Trees<'g> {
        Trees {
            git,
            root,
            dirs: HashMap::new(),
            scratch: Vec::new(),
        }
    }

    /// Reads `dir` (and the directories above it) from the start commit if not yet done.
    fn load(&mut self, dir: &str) -> Result<(), StoreError> {
        if self.dirs.contains_key(dir) {
            return Ok(());
        }
        let start = match dir.rsplit_once('/') {
            None if dir.is_empty() => self.root,
            split => {
                let (parent, name) = split.unwrap_or(("", dir));
                self.load(parent)?;
                self.subtree(parent, name, dir)?
            }
        };
        let mut entries = BTreeMap::new();
        if let Some(id) = start {
            let tree = self.git.find_tree(id)?;
            for entry in &tree {
                let mode = entry.filemode_raw();
                entries.insert(sort_key(entry.name_bytes(), mode), (mode, raw(entry.id())));
            }
        }
        let loaded = Dir {
            entries,
            start,
            now: None,
            version: None,
        };
        self.dirs.insert(dir.to_string(), loaded);
        Ok(())
    }

    /// The tree `parent` has at `name`; a file or link there blocks the path.
    fn subtree(&self, parent: &str, name: &str, dir: &str) -> Result<Option<Oid>, StoreError> {
        let entries = &self
            .dirs
            .get(parent)
            .ok_or(StoreError::Internal("a parent directory was not read"))?
            .entries;
        let as_dir = sort_key(name.as_bytes(), DIR_MODE);
        if let Some((_, id)) = entries.get(&as_dir) {
            return Ok(Some(Oid::from_bytes(id)?));
        }
        match entries.get(name.as_bytes()) {
            // Replacing a committed symlink or file by a directory would split the repository:
            // the old entry vanishes from the tree while the working tree still has it.
            Some((mode, _)) => Err(StoreError::PathBlocked {
                path: dir.to_string(),
                reason: if *mode == i32::from(git2::FileMode::Link) {
                    "is a symbolic link in the last commit"
                } else {
                    "is a file in the last commit, not a directory"
                },
            }),
            None => Ok(None),
        }
    }

    fn set_file(&mut self, path: &str, blob: RawOid) -> Result<(), StoreError> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.load(dir)?;
        let entries = self
            .dirs
            .get_mut(dir)
            .map(|d| &mut d.entries)
            .ok_or(StoreError::Internal("a loaded directory is missing"))?;
        entries.remove(&sort_key(name.as_bytes(), DIR_MODE));
        entries.insert(name.as_bytes().to_vec(), (FILE_MODE, blob));
        Ok(())
    }

    /// Writes the `dirty` directories' trees, deepest first so each parent lists its
    /// children's new IDs; returns the root tree.
    fn write(
        &mut self,
        pack: &mut PackWriter,
        mut dirty: Vec<String>,
    ) -> Result<RawOid, StoreError> {
        dirty.sort_unstable_by(|a, b| depth(b).cmp(&depth(a)).then_with(|| a.cmp(b)));
        dirty.dedup();
        let mut root = None;
        for path in &dirty {
            let dir = self
                .dirs
                .get_mut(path.as_str())
                .ok_or(StoreError::Internal("a directory to write was never read"))?;
            self.scratch.clear();
            for (key, (mode, id)) in &dir.entries {
                let name = if *mode & 0o170_000 == DIR_MODE {
                    key.strip_suffix(b"/").unwrap_or(key)
                } else {
                    key
                };
                self.scratch
                    .extend_from_slice(format!("{mode:o} ").as_bytes());
                self.scratch.extend_from_slice(name);
                self.scratch.push(0);
                self.scratch.extend_from_slice(id);
            }
            let id = pack
                .put(Kind::Tree, &self.scratch, Some(&mut dir.version))
                .map_err(|source| StoreError::Io {
                    path: pack.temp_path().to_path_buf(),
                    source,
                })?;
            dir.now = Some(id);
            match path.rsplit_once('/') {
                None if path.is_empty() => root = Some(id),
                split => {
                    let (parent, name) = split.unwrap_or(("", path.as_str()));
                    if let Some(parent) = self.dirs.get_mut(parent) {
                        let key = sort_key(name.as_bytes(), DIR_MODE);
                        parent.entries.insert(key, (DIR_MODE, id));
                    }
                }
            }
        }
        root.ok_or(StoreError::Internal("the root tree was not written"))
    }

    /// Every directory the chain rewrote, from the start commit's tree to the last one, in the
    /// order [`commit::write_tree`] lists them (each directory after those inside it).
    fn changes(&self) -> Result<Vec<TreeChange>, StoreError> {
        let mut dirs: Vec<(&String, &Dir)> = self.dirs.iter().collect();
        dirs.sort_by(|(a, _), (b, _)| post_order(a, b));
        let mut changes = Vec::with_capacity(dirs.len());
        for (path, dir) in dirs {
            let Some(now) = dir.now else { continue };
            changes.push(TreeChange {
                dir: path.clone(),
                old: dir.start,
                new: Oid::from_bytes(&now)?,
            });
        }
        Ok(changes)
    }
}

fn depth(dir: &str) -> usize {
    if dir.is_empty() {
        0
    } else {
        dir.matches('/').count() + 1
    }
}

/// Component by component, a directory after everything inside it.
fn post_order(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |p: &str| -> Vec<String> {
        if p.is_empty() {
            Vec::new()
        } else {
            p.split('/').map(str::to_string).collect()
        }
    };
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        if x != y {
            return x.cmp(y);
        }
    }
    pb.len().cmp(&pa.len())
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
            .commit_chain(repo.lock().unwrap(), &chain, &mut |_| {})
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
        git(
            dir.path(),
            &["fsck", "--strict", "--no-progress", "--no-dangling"],
        );
        let loose = git(dir.path(), &["count-objects", "-v"]);
        assert!(loose.contains("garbage: 0"), "{loose}");
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
    fn commits_are_byte_for_byte_what_libgit2_makes() {
        let (_dir, repo) = desk();
        let head = repo.git.head().unwrap().peel_to_commit().unwrap();
        let tree = head.tree().unwrap();
        let message = CommitMessage::for_ticket("IT-1", "new", "A title").render();
        for (who, when) in [
            ("Ann <ann@example.com>", "2026-03-02T09:00:00+05:30"),
            (
                "  Bob Smith  <bob@example.com> ",
                "2025-11-03T17:45:12-08:00",
            ),
            ("Zoë <zoe@example.com>", "2026-03-02T09:00:00+00:00"),
        ] {
            let actor = Actor::parse(who).unwrap();
            let when = DateTime::parse_from_rfc3339(when).unwrap();
            let signature = commit::signature(&actor, when).unwrap();
            let expected = repo
                .git
                .commit_create_buffer(&signature, &signature, &message, &tree, &[&head])
                .unwrap();
            let text =
                commit_text(&raw(tree.id()), Some(&raw(head.id())), &signature, &message).unwrap();
            assert_eq!(text.as_bytes(), &*expected, "{who}");
            let signed = "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n";
            let id = repo.git.commit_signed(&text, signed, None).unwrap();
            let ours = with_signature(&text, signed);
            assert_eq!(
                hex(&super::super::pack::hash_object(
                    Kind::Commit,
                    ours.as_bytes()
                )),
                id.to_string()
            );
        }
    }

    #[test]
    fn a_second_chain_rewrites_the_trees_the_first_one_left() {
        let (dir, repo) = desk();
        let (chain, mut finals) = history();
        repo.commit_chain(repo.lock().unwrap(), &chain, &mut |_| {})
            .unwrap();
        // Opened anew: the trees of the first chain are read from its pack.
        let repo = Repo::open(dir.path()).unwrap();
        let mut third = ticket(3);
        // The same shard as the first ticket's, so that tree is read and extended.
        let shard = finals[0].id.shard();
        for n in 3.. {
            third = ticket(n);
            if third.id.shard() == shard {
                break;
            }
        }
        finals[1].status = "closed".into();
        let second = vec![
            event(&finals[1], "close", "Bob <bob@example.com>", START - 40_000),
            event(&third, "new", "Rita <rita@example.com>", START - 30_000),
        ];
        let mut seen = Vec::new();
        let last = repo
            .commit_chain(repo.lock().unwrap(), &second, &mut |n| seen.push(n))
            .unwrap()
            .unwrap();
        assert_eq!(seen, [1, 2]);
        git(
            dir.path(),
            &["fsck", "--strict", "--no-progress", "--no-dangling"],
        );
        assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
        let files = git(
            dir.path(),
            &["ls-tree", "-r", "--name-only", &last.to_string()],
        );
        for t in [&finals[0], &finals[1], &third] {
            let rel = Repo::ticket_path(&t.id);
            assert!(files.lines().any(|l| l == rel), "{rel} in\n{files}");
            let shown = git(dir.path(), &["cat-file", "blob", &format!("{last}:{rel}")]);
            assert_eq!(shown, yaml::render(t));
        }
        assert!(files.lines().any(|l| l == ".tix/config.yaml"), "{files}");
        let packs = fs::read_dir(dir.path().join(".git/objects/pack"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("idx".as_ref()))
            .count();
        assert_eq!(packs, 2, "a pack per chain");
    }

    #[test]
    fn a_file_where_the_chain_needs_a_directory_blocks_it_and_leaves_no_pack() {
        let (dir, repo) = desk();
        let (chain, finals) = history();
        let rel = Repo::ticket_path(&finals[0].id);
        let (shard_dir, _) = rel.rsplit_once('/').unwrap();
        fs::create_dir_all(dir.path().join(shard_dir).parent().unwrap()).unwrap();
        fs::write(dir.path().join(shard_dir), "not a directory\n").unwrap();
        git(dir.path(), &["add", shard_dir]);
        git(dir.path(), &["commit", "-qm", "a file in the way"]);
        // Deleted from the working tree only: the last commit still has it.
        fs::remove_file(dir.path().join(shard_dir)).unwrap();
        let result = repo.commit_chain(repo.lock().unwrap(), &chain, &mut |_| {});
        assert!(
            matches!(result, Err(StoreError::PathBlocked { .. })),
            "{result:?}"
        );
        let pack_dir = dir.path().join(".git/objects/pack");
        let left = fs::read_dir(&pack_dir).map_or(0, Iterator::count);
        assert_eq!(left, 0, "nothing in {}", pack_dir.display());
    }

    #[test]
    fn timelines_read_the_chain_at_its_author_dates() {
        let (_dir, repo) = desk();
        let (chain, finals) = history();
        repo.commit_chain(repo.lock().unwrap(), &chain, &mut |_| {})
            .unwrap();
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
        assert_eq!(
            repo.commit_chain(repo.lock().unwrap(), &[], &mut |_| {})
                .unwrap(),
            None
        );
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
            .commit_chain(repo.lock().unwrap(), &chain, &mut |_| {})
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
        let built = build(&repo.git, Some(start), &chain, &finals_map, &mut |_| {}).unwrap();
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
        let result = repo.commit_chain(repo.lock().unwrap(), &chain, &mut |_| {});
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
        repo.commit_chain(repo.lock().unwrap(), &history().0, &mut |_| {})
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
        repo.commit_chain(repo.lock().unwrap(), &chain, &mut |_| {})
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
