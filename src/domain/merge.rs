//! Three-way merge of one ticket, field by field: what `git pull` needs when two people changed
//! the same ticket.
//!
//! Rules, per field, with `base` the common ancestor:
//! - a field changed on one side only takes that side; changed identically on both is fine;
//!   changed differently on both is a conflict (the only case a person must decide);
//! - `tags` and `escalations` merge as sets: what either side added is kept, what either side
//!   removed is gone;
//! - `comments` are a union: both sides' sequences merged (their common subsequence in order, the
//!   runs between in a fixed order, so every clone computes the same file); a comment is never
//!   lost or duplicated, and one deleted on a side (or edited, read as delete + add) stays gone;
//! - `status` is decided by the workflow, not by text: work in progress beats a resolution (one
//!   side resolved while the other kept working or reopened: the ticket stays open, nobody's work
//!   is closed behind their back); otherwise the status later in the workflow's list wins. The
//!   resolution follows the winning status.
//!
//! Both sides' commits stay in history, so SLA clocks see both moves in author-date order.
//! Pure: no files, no Git.

use std::collections::BTreeMap;

use super::field::Field;
use super::id::TicketId;
use super::link::{LinkKind, Links};
use super::ticket::{Comment, Ticket};
use super::workflow::Workflow;

/// The result of a merge: the merged ticket, and for each conflicting field both values.
///
/// `ours` and `theirs` are the merged ticket with each conflicting field taken from that side;
/// they are equal when there is no conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub ours: Ticket,
    pub theirs: Ticket,
    /// Names of the fields set to different values on both sides (`priority`, `fields.asset`).
    pub conflicts: Vec<String>,
}

/// Merges `ours` and `theirs` from their common ancestor `base` (`None` when both sides created
/// the file independently).
pub fn merge(base: Option<&Ticket>, ours: &Ticket, theirs: &Ticket, workflow: &Workflow) -> Merged {
    let mut conflicts = Vec::new();
    let mut a = ours.clone();
    let mut b = ours.clone();
    let (id_a, id_b) = three_way(
        base.map(|t| &t.id),
        &ours.id,
        &theirs.id,
        "id",
        &mut conflicts,
    );
    a.id = id_a;
    b.id = id_b;
    let sides = Sides { base, ours, theirs };
    // Status (and with it the resolution) follows the workflow; tags are a set.
    for field in Field::ALL {
        if !matches!(
            field,
            Field::Status | Field::Resolution | Field::Tags | Field::Kb
        ) {
            sides.scalar(field, &mut a, &mut b, &mut conflicts);
        }
    }

    let (status, resolution) = merge_status(base, ours, theirs, workflow, &mut conflicts);
    a.status = status.clone();
    b.status = status;
    match resolution {
        Some(resolution) => {
            a.resolution = resolution.clone();
            b.resolution = resolution;
        }
        None => sides.scalar(Field::Resolution, &mut a, &mut b, &mut conflicts),
    }

    a.tags = merge_set(base.map(|t| t.tags.as_slice()), &ours.tags, &theirs.tags);
    b.tags = a.tags.clone();
    a.escalations = merge_set(
        base.map(|t| t.escalations.as_slice()),
        &ours.escalations,
        &theirs.escalations,
    );
    b.escalations = a.escalations.clone();
    a.kb = merge_set(base.map(|t| t.kb.as_slice()), &ours.kb, &theirs.kb);
    b.kb = a.kb.clone();
    let (la, lb) = merge_links(
        base.map(|t| &t.links),
        &ours.links,
        &theirs.links,
        &mut conflicts,
    );
    a.links = la;
    b.links = lb;
    // A rating is one answer: both sides rating differently is a conflict for a person.
    let (rating_a, rating_b) = three_way(
        base.map(|t| &t.rating),
        &ours.rating,
        &theirs.rating,
        "rating",
        &mut conflicts,
    );
    a.rating = rating_a;
    b.rating = rating_b;

    let (fa, fb) = merge_fields(
        base.map(|t| &t.fields),
        &ours.fields,
        &theirs.fields,
        &mut conflicts,
    );
    a.fields = fa;
    b.fields = fb;

    a.comments = merge_comments(
        base.map(|t| t.comments.as_slice()),
        &ours.comments,
        &theirs.comments,
    );
    b.comments = a.comments.clone();

    conflicts.sort();
    conflicts.dedup();
    Merged {
        ours: a,
        theirs: b,
        conflicts,
    }
}

/// A plain three-way choice; on a conflict returns (ours, theirs) and records `name`.
/// The three versions of a ticket being merged.
struct Sides<'a> {
    base: Option<&'a Ticket>,
    ours: &'a Ticket,
    theirs: &'a Ticket,
}

impl Sides<'_> {
    /// Merges one single-valued field into `a` (our side of a conflict) and `b` (theirs).
    fn scalar(&self, field: Field, a: &mut Ticket, b: &mut Ticket, conflicts: &mut Vec<String>) {
        let text = |t: &Ticket| field.of(t).text().map(str::to_string);
        let (x, y) = three_way(
            self.base.map(text).as_ref(),
            &text(self.ours),
            &text(self.theirs),
            field.name(),
            conflicts,
        );
        field.set(a, x.as_deref().unwrap_or_default());
        field.set(b, y.as_deref().unwrap_or_default());
    }
}

fn three_way<T: Clone + PartialEq>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    name: &str,
    conflicts: &mut Vec<String>,
) -> (T, T) {
    if ours == theirs || base == Some(theirs) {
        (ours.clone(), ours.clone())
    } else if base == Some(ours) {
        (theirs.clone(), theirs.clone())
    } else {
        conflicts.push(name.to_string());
        (ours.clone(), theirs.clone())
    }
}

/// The merged status, and the resolution that goes with it when the workflow decided.
fn merge_status(
    base: Option<&Ticket>,
    ours: &Ticket,
    theirs: &Ticket,
    workflow: &Workflow,
    conflicts: &mut Vec<String>,
) -> (String, Option<Option<String>>) {
    let base_status = base.map(|t| &t.status);
    if ours.status == theirs.status || base_status == Some(&theirs.status) {
        return (ours.status.clone(), None);
    }
    if base_status == Some(&ours.status) {
        return (theirs.status.clone(), None);
    }
    let (o_done, t_done) = (
        workflow.is_done(&ours.status),
        workflow.is_done(&theirs.status),
    );
    let position = |s: &str| workflow.statuses.iter().position(|x| x == s);
    let ours_wins = match (o_done, t_done) {
        (false, true) => true,
        (true, false) => false,
        _ => match (position(&ours.status), position(&theirs.status)) {
            (Some(o), Some(t)) => o > t,
            // Statuses the workflow does not know: no rule applies, a person decides.
            _ => {
                conflicts.push("status".into());
                return (ours.status.clone(), None);
            }
        },
    };
    let winner = if ours_wins { ours } else { theirs };
    (winner.status.clone(), Some(winner.resolution.clone()))
}

/// Additions from either side kept, removals from either side applied; base order first, then
/// the additions sorted (the same on every clone).
fn merge_set(base: Option<&[String]>, ours: &[String], theirs: &[String]) -> Vec<String> {
    if ours == theirs || base == Some(theirs) {
        return ours.to_vec();
    }
    if base == Some(ours) {
        return theirs.to_vec();
    }
    let base = base.unwrap_or_default();
    let mut out: Vec<String> = base
        .iter()
        .filter(|x| ours.contains(x) && theirs.contains(x))
        .cloned()
        .collect();
    let mut added: Vec<String> = ours
        .iter()
        .chain(theirs)
        .filter(|x| !base.contains(x))
        .cloned()
        .collect();
    added.sort();
    added.dedup();
    for x in added {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Links merge as sets per kind, except the kinds a ticket has one of (parent, duplicate_of),
/// which are a plain three-way choice: two different parents are for a person to decide.
fn merge_links(
    base: Option<&Links>,
    ours: &Links,
    theirs: &Links,
    conflicts: &mut Vec<String>,
) -> (Links, Links) {
    let (mut a, mut b) = (Links::default(), Links::default());
    let strings = |ids: &[TicketId]| ids.iter().map(ToString::to_string).collect::<Vec<_>>();
    let ids = |names: Vec<String>| {
        names
            .iter()
            .filter_map(|n| TicketId::parse(n).ok())
            .collect::<Vec<_>>()
    };
    for kind in LinkKind::ALL {
        if kind.is_single() {
            let (x, y) = three_way(
                base.map(|l| l.get(kind)).as_ref(),
                &ours.get(kind),
                &theirs.get(kind),
                &format!("links.{}", kind.name()),
                conflicts,
            );
            a.set(kind, x.to_vec());
            b.set(kind, y.to_vec());
        } else {
            let merged = merge_set(
                base.map(|l| strings(l.get(kind))).as_deref(),
                &strings(ours.get(kind)),
                &strings(theirs.get(kind)),
            );
            a.set(kind, ids(merged.clone()));
            b.set(kind, ids(merged));
        }
    }
    (a, b)
}

type Fields = BTreeMap<String, String>;

fn merge_fields(
    base: Option<&Fields>,
    ours: &Fields,
    theirs: &Fields,
    conflicts: &mut Vec<String>,
) -> (Fields, Fields) {
    let mut keys: Vec<&String> = ours.keys().chain(theirs.keys()).collect();
    if let Some(base) = base {
        keys.extend(base.keys());
    }
    keys.sort();
    keys.dedup();
    let (mut a, mut b) = (Fields::new(), Fields::new());
    for key in keys {
        let base_value = base.map(|f| f.get(key));
        let (x, y) = three_way(
            base_value.as_ref(),
            &ours.get(key),
            &theirs.get(key),
            &format!("fields.{key}"),
            conflicts,
        );
        if let Some(x) = x {
            a.insert(key.clone(), x.clone());
        }
        if let Some(y) = y {
            b.insert(key.clone(), y.clone());
        }
    }
    (a, b)
}

/// The union of both sides' comments, each once, in an order both sides agree with.
///
/// A comment of the common version that one side no longer has was deleted (or edited, which
/// reads as delete + add) and stays gone. The rest is a merge of the two sequences: their longest
/// common subsequence keeps its order, and between two common comments the two sides' new runs
/// follow in a fixed order, so the result does not depend on which side is "ours" and every
/// clone computes the same file. This also absorbs an earlier merge's ordering, so repeated
/// merges between several clones converge instead of conflicting.
fn merge_comments(base: Option<&[Comment]>, ours: &[Comment], theirs: &[Comment]) -> Vec<Comment> {
    let base = base.unwrap_or_default();
    let kept = |side: &[Comment], other: &[Comment]| -> Vec<Comment> {
        side.iter()
            .filter(|c| !base.contains(c) || other.contains(c))
            .cloned()
            .collect()
    };
    let (a, b) = (kept(ours, theirs), kept(theirs, ours));
    let key = |c: &Comment| (c.author.clone(), c.body.clone(), c.internal, c.automated);
    let (n, m) = (a.len(), b.len());
    let lcs = Lcs::new(&a, &b);
    let mut out: Vec<Comment> = Vec::with_capacity(n.max(m));
    let (mut run_a, mut run_b): (Vec<Comment>, Vec<Comment>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<Comment>, ra: &mut Vec<Comment>, rb: &mut Vec<Comment>| {
        let mut runs = [std::mem::take(ra), std::mem::take(rb)];
        runs.sort_by_key(|run| run.iter().map(key).collect::<Vec<_>>());
        for run in runs {
            out.extend(run);
        }
    };
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {
                flush(&mut out, &mut run_a, &mut run_b);
                out.push(x.clone());
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) => {
                // Which side to step: the longer common subsequence; on a tie, by content, so
                // that swapping the sides makes the same choices.
                let (down, right) = (lcs.get(i + 1, j), lcs.get(i, j + 1));
                if down > right || (down == right && key(x) < key(y)) {
                    run_a.push(x.clone());
                    i += 1;
                } else {
                    run_b.push(y.clone());
                    j += 1;
                }
            }
            (Some(x), None) => {
                run_a.push(x.clone());
                i += 1;
            }
            (None, Some(y)) => {
                run_b.push(y.clone());
                j += 1;
            }
        }
    }
    flush(&mut out, &mut run_a, &mut run_b);
    // A comment both sides have but in different places appears twice: keep the first, as many
    // times as the side that has it most often.
    let mut seen: Vec<(Comment, usize)> = Vec::new();
    out.retain(|c| {
        let allowed = a
            .iter()
            .filter(|x| *x == c)
            .count()
            .max(b.iter().filter(|x| *x == c).count());
        match seen.iter_mut().find(|(x, _)| x == c) {
            Some((_, count)) if *count >= allowed => false,
            Some((_, count)) => {
                *count += 1;
                true
            }
            None => {
                seen.push((c.clone(), 1));
                true
            }
        }
    });
    out
}

/// Lengths of the longest common subsequences of every pair of suffixes of two sequences: the
/// table a line or list merge walks (`get(i, j)` for `a[i..]` and `b[j..]`).
pub struct Lcs {
    width: usize,
    table: Vec<u32>,
}

impl Lcs {
    pub fn new<T: PartialEq>(a: &[T], b: &[T]) -> Lcs {
        let (n, m) = (a.len(), b.len());
        let width = m + 1;
        let mut table = vec![0u32; (n + 1) * width];
        // Row `i` (for `a[i..]`) is filled from row `i + 1`, bottom up; the last row stays 0.
        let mut rows = table.chunks_exact_mut(width).rev();
        if let Some(mut below) = rows.next() {
            for (row, x) in rows.zip(a.iter().rev()) {
                // `row[j + 1]`, already filled: 0 past the end of `b`.
                let mut right = 0;
                let pairs = below.iter().zip(below.iter().skip(1));
                for ((cell, (&down, &diagonal)), y) in row.iter_mut().zip(pairs).zip(b).rev() {
                    *cell = if x == y {
                        diagonal + 1
                    } else {
                        down.max(right)
                    };
                    right = *cell;
                }
                below = row;
            }
        }
        Lcs { width, table }
    }

    /// The length for `a[i..]` and `b[j..]`; 0 past the end of either.
    pub fn get(&self, i: usize, j: usize) -> u32 {
        if j >= self.width {
            return 0;
        }
        self.table.get(i * self.width + j).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id::TicketId;
    use proptest::prelude::*;

    fn workflow() -> Workflow {
        crate::domain::workflow::sample()
    }

    fn ticket() -> Ticket {
        Ticket {
            id: TicketId::parse("IT-7KQ2M4X1").unwrap(),
            title: "Printer jams".into(),
            ticket_type: "incident".into(),
            status: "open".into(),
            priority: "P3".into(),
            impact: None,
            urgency: None,
            category: Some("hardware".into()),
            requester: None,
            assignee: None,
            team: None,
            tags: vec!["printer".into()],
            due: None,
            asset: None,
            template: None,
            kb: vec![],
            links: Default::default(),
            description: Some("Paper stuck".into()),
            comments: vec![comment("dana", "It jams")],
            resolution: None,
            fields: BTreeMap::new(),
            escalations: vec![],
            rating: None,
        }
    }

    fn comment(author: &str, body: &str) -> Comment {
        Comment {
            author: author.into(),
            body: body.into(),
            internal: false,
            automated: false,
        }
    }

    #[test]
    fn different_fields_on_each_side_both_land() {
        let base = ticket();
        let mut ours = base.clone();
        ours.priority = "P1".into();
        let mut theirs = base.clone();
        theirs.category = Some("network".into());
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.priority, "P1");
        assert_eq!(m.ours.category.as_deref(), Some("network"));
        assert_eq!(m.ours, m.theirs);
    }

    #[test]
    fn same_field_to_different_values_is_the_only_conflict() {
        let base = ticket();
        let mut ours = base.clone();
        ours.priority = "P1".into();
        ours.title = "Printer on fire".into();
        let mut theirs = base.clone();
        theirs.priority = "P2".into();
        theirs.title = "Printer on fire".into();
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert_eq!(m.conflicts, vec!["priority"]);
        assert_eq!(
            (m.ours.priority.as_str(), m.theirs.priority.as_str()),
            ("P1", "P2")
        );
        assert_eq!(m.ours.title, "Printer on fire");
    }

    #[test]
    fn both_comment_and_every_comment_is_kept_once() {
        let base = ticket();
        let mut ours = base.clone();
        ours.comments.push(comment("alice", "On my way"));
        let mut theirs = base.clone();
        theirs.comments.push(comment("bob", "Toner ordered"));
        theirs.comments.push(comment("bob", "Toner here"));
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        let bodies: Vec<&str> = m.ours.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(
            bodies,
            ["It jams", "On my way", "Toner ordered", "Toner here"]
        );
        let swapped = merge(Some(&base), &theirs, &ours, &workflow());
        assert_eq!(
            swapped.ours.comments, m.ours.comments,
            "the same file on every clone"
        );
    }

    #[test]
    fn resolving_against_reassigning_keeps_both_and_resolution_follows_status() {
        let base = ticket();
        let mut ours = base.clone();
        ours.status = "resolved".into();
        ours.resolution = Some("Cleared the jam".into());
        let mut theirs = base.clone();
        theirs.assignee = Some("bob".into());
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.status, "resolved");
        assert_eq!(m.ours.assignee.as_deref(), Some("bob"));
        assert_eq!(m.ours.resolution.as_deref(), Some("Cleared the jam"));
    }

    #[test]
    fn work_in_progress_beats_a_resolution_made_meanwhile() {
        let base = ticket();
        let mut ours = base.clone();
        ours.status = "resolved".into();
        ours.resolution = Some("Cleared the jam".into());
        let mut theirs = base.clone();
        theirs.status = "pending".into();
        for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
            let m = merge(Some(&base), a, b, &workflow());
            assert!(m.conflicts.is_empty());
            assert_eq!(m.ours.status, "pending");
            assert_eq!(
                m.ours.resolution, None,
                "the resolution goes with its status"
            );
        }
    }

    #[test]
    fn comments_reordered_by_an_earlier_merge_do_not_conflict_or_double() {
        // Found by three clones syncing in rounds: one side holds an earlier merge's order.
        let mut base = ticket();
        base.comments.push(comment("a", "r8"));
        base.comments.push(comment("a", "r9"));
        let mut ours = ticket();
        ours.comments.extend([
            comment("a", "r8"),
            comment("a", "r9"),
            comment("a", "r10 c2"),
        ]);
        let mut theirs = ticket();
        theirs.comments.extend([
            comment("a", "r8"),
            comment("a", "r10 c0"),
            comment("a", "r9"),
        ]);
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert!(m.conflicts.is_empty());
        let bodies: Vec<&str> = m.ours.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["It jams", "r8", "r10 c0", "r9", "r10 c2"]);
        let swapped = merge(Some(&base), &theirs, &ours, &workflow());
        assert_eq!(swapped.ours.comments, m.ours.comments);
    }

    #[test]
    fn a_comment_deleted_on_one_side_stays_deleted() {
        let base = ticket();
        let mut ours = base.clone();
        ours.comments.clear();
        let mut theirs = base.clone();
        theirs.comments.push(comment("bob", "New"));
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        let bodies: Vec<&str> = m.ours.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["New"]);
    }

    #[test]
    fn links_merge_as_sets_and_two_parents_conflict() {
        let base = ticket();
        let (x, y, z) = (
            TicketId::from_entropy("IT", 7),
            TicketId::from_entropy("IT", 8),
            TicketId::from_entropy("IT", 9),
        );
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.links.insert(LinkKind::Related, x.clone());
        theirs.links.insert(LinkKind::Related, y.clone());
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert!(m.conflicts.is_empty());
        assert_eq!(m.ours.links.get(LinkKind::Related), [x.clone(), y.clone()]);
        ours.links.insert(LinkKind::Parent, x);
        theirs.links.insert(LinkKind::Parent, z);
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert_eq!(m.conflicts, ["links.parent"]);
    }

    #[test]
    fn tags_merge_as_sets() {
        let base = ticket();
        let mut ours = base.clone();
        ours.tags = vec!["printer".into(), "urgent".into()];
        let mut theirs = base.clone();
        theirs.tags = vec!["floor-2".into()];
        let m = merge(Some(&base), &ours, &theirs, &workflow());
        assert_eq!(m.ours.tags, ["floor-2", "urgent"]);
    }

    fn arb_comment() -> impl Strategy<Value = Comment> {
        ("[a-c]", "[a-d]{1,3}", any::<bool>()).prop_map(|(author, body, internal)| Comment {
            author,
            body,
            internal,
            automated: false,
        })
    }

    fn arb_side(base: Ticket) -> impl Strategy<Value = Ticket> {
        (
            prop::option::of("P[1-4]"),
            prop::option::of(prop::option::of("[a-c]")),
            prop::collection::vec(arb_comment(), 0..4),
            prop::collection::vec("[a-e]", 0..4),
            prop::option::of(prop::sample::select(workflow().statuses)),
        )
            .prop_map(move |(priority, assignee, comments, tags, status)| {
                let mut t = base.clone();
                if let Some(p) = priority {
                    t.priority = p;
                }
                if let Some(a) = assignee {
                    t.assignee = a;
                }
                t.comments.extend(comments);
                t.tags = tags;
                if let Some(s) = status {
                    t.status = s;
                }
                t
            })
    }

    proptest! {
        #[test]
        fn merge_properties(ours in arb_side(ticket()), theirs in arb_side(ticket())) {
            let base = ticket();
            let wf = workflow();
            // An unchanged side returns the other side.
            prop_assert_eq!(&merge(Some(&base), &base, &theirs, &wf).ours, &theirs);
            prop_assert_eq!(&merge(Some(&base), &ours, &base, &wf).ours, &ours);
            // Symmetric, up to which side a conflict shows first.
            let m = merge(Some(&base), &ours, &theirs, &wf);
            let s = merge(Some(&base), &theirs, &ours, &wf);
            prop_assert_eq!(&m.conflicts, &s.conflicts);
            prop_assert_eq!(&m.ours, &s.theirs);
            prop_assert_eq!(&m.theirs, &s.ours);
            // Every comment of either side is there, and none twice more than it was written.
            for side in [&ours, &theirs] {
                for c in &side.comments[base.comments.len()..] {
                    let written = ours.comments[base.comments.len()..].iter().filter(|x| *x == c).count()
                        .max(theirs.comments[base.comments.len()..].iter().filter(|x| *x == c).count());
                    let merged = m.ours.comments.iter().filter(|x| *x == c).count();
                    prop_assert!(merged >= written, "{:?} lost", c);
                }
            }
            let added = (ours.comments.len() - base.comments.len()) + (theirs.comments.len() - base.comments.len());
            prop_assert!(m.ours.comments.len() <= base.comments.len() + added);
        }
    }
}
