//! Links between tickets: what a ticket is part of, duplicates, blocks or is related to.
//!
//! Every link is written on both tickets (IT-1 `blocks` IT-2 and IT-2 `blocked_by` IT-1), so
//! either file alone says everything about it and `tix show` needs no search. [`link`] and
//! [`unlink`] change both sides together; the store commits both files in one commit.

use std::collections::BTreeMap;

use thiserror::Error;

use super::id::TicketId;
use super::ticket::Ticket;

/// One direction of a link, as a ticket's file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// The ticket this one is a part (a child task) of. At most one.
    Parent,
    Children,
    Related,
    /// The ticket this one repeats; it is closed as a duplicate of it. At most one.
    DuplicateOf,
    Duplicates,
    Blocks,
    BlockedBy,
}

impl LinkKind {
    /// Every kind, in the order files and `tix show` give them.
    pub const ALL: [LinkKind; 7] = [
        LinkKind::Parent,
        LinkKind::Children,
        LinkKind::Related,
        LinkKind::DuplicateOf,
        LinkKind::Duplicates,
        LinkKind::Blocks,
        LinkKind::BlockedBy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Parent => "parent",
            LinkKind::Children => "children",
            LinkKind::Related => "related",
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::Duplicates => "duplicates",
            LinkKind::Blocks => "blocks",
            LinkKind::BlockedBy => "blocked_by",
        }
    }

    /// The name changes and `tix log` give it: `links.parent`.
    pub fn path(self) -> &'static str {
        match self {
            LinkKind::Parent => "links.parent",
            LinkKind::Children => "links.children",
            LinkKind::Related => "links.related",
            LinkKind::DuplicateOf => "links.duplicate_of",
            LinkKind::Duplicates => "links.duplicates",
            LinkKind::Blocks => "links.blocks",
            LinkKind::BlockedBy => "links.blocked_by",
        }
    }

    /// The kind called `name`; `child` and `duplicate` are accepted for the plural forms.
    pub fn parse(name: &str) -> Option<LinkKind> {
        let name = name.replace('-', "_");
        match name.as_str() {
            "child" => Some(LinkKind::Children),
            "duplicate" => Some(LinkKind::Duplicates),
            _ => LinkKind::ALL.into_iter().find(|k| k.name() == name),
        }
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        LinkKind::ALL.into_iter().map(LinkKind::name)
    }

    /// What the other ticket records: `blocks` on one side is `blocked_by` on the other.
    pub fn inverse(self) -> LinkKind {
        match self {
            LinkKind::Parent => LinkKind::Children,
            LinkKind::Children => LinkKind::Parent,
            LinkKind::Related => LinkKind::Related,
            LinkKind::DuplicateOf => LinkKind::Duplicates,
            LinkKind::Duplicates => LinkKind::DuplicateOf,
            LinkKind::Blocks => LinkKind::BlockedBy,
            LinkKind::BlockedBy => LinkKind::Blocks,
        }
    }

    /// Kinds a ticket holds at most one of.
    pub fn is_single(self) -> bool {
        matches!(self, LinkKind::Parent | LinkKind::DuplicateOf)
    }

    /// How `tix show` words the link from this ticket's side.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Parent => "part of",
            LinkKind::Children => "child tasks",
            LinkKind::Related => "related to",
            LinkKind::DuplicateOf => "duplicate of",
            LinkKind::Duplicates => "duplicated by",
            LinkKind::Blocks => "blocks",
            LinkKind::BlockedBy => "blocked by",
        }
    }
}

/// A ticket's links, by kind; each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Links(BTreeMap<LinkKind, Vec<TicketId>>);

impl serde::Serialize for LinkKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for LinkKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LinkKind, D::Error> {
        let name = String::deserialize(d)?;
        LinkKind::parse(&name).ok_or_else(|| serde::de::Error::custom("unknown link kind"))
    }
}

impl Links {
    pub fn is_empty(&self) -> bool {
        self.0.values().all(Vec::is_empty)
    }

    /// The tickets linked as `kind`.
    pub fn get(&self, kind: LinkKind) -> &[TicketId] {
        self.0.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Every link, kinds in [`LinkKind::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (LinkKind, &TicketId)> {
        self.0
            .iter()
            .flat_map(|(kind, ids)| ids.iter().map(move |id| (*kind, id)))
    }

    /// Whether `other` is linked in any way.
    pub fn mentions(&self, other: &TicketId) -> bool {
        self.iter().any(|(_, id)| id == other)
    }

    /// Adds `id` as `kind`; true when it was not there.
    pub fn insert(&mut self, kind: LinkKind, id: TicketId) -> bool {
        let ids = self.0.entry(kind).or_default();
        match ids.binary_search(&id) {
            Ok(_) => false,
            Err(at) => {
                ids.insert(at, id);
                true
            }
        }
    }

    /// Removes `id` as `kind`; true when it was there.
    pub fn remove(&mut self, kind: LinkKind, id: &TicketId) -> bool {
        let Some(ids) = self.0.get_mut(&kind) else {
            return false;
        };
        let before = ids.len();
        ids.retain(|x| x != id);
        let removed = ids.len() != before;
        if ids.is_empty() {
            self.0.remove(&kind);
        }
        removed
    }

    /// Replaces the whole list of `kind` (sorted, repeats dropped); an empty list removes it.
    pub fn set(&mut self, kind: LinkKind, mut ids: Vec<TicketId>) {
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            self.0.remove(&kind);
        } else {
            self.0.insert(kind, ids);
        }
    }

    /// The first rule the links break on the ticket `own`.
    ///
    /// # Errors
    /// A link to itself, or two tickets where one (parent, duplicate_of) is allowed.
    pub fn validate(&self, own: &TicketId) -> Result<(), LinkError> {
        for (kind, ids) in &self.0 {
            if ids.contains(own) {
                return Err(LinkError::ToItself(own.clone()));
            }
            if kind.is_single()
                && let [existing, _, ..] = ids.as_slice()
            {
                return Err(LinkError::SecondSingle {
                    ticket: own.clone(),
                    kind: *kind,
                    existing: existing.clone(),
                });
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum LinkError {
    #[error("a ticket cannot be linked to itself ({0})")]
    ToItself(TicketId),
    #[error("{ticket} already has {} {existing}; unlink it first (tix unlink {ticket} {} {existing})", .kind.name(), .kind.name())]
    SecondSingle {
        ticket: TicketId,
        kind: LinkKind,
        existing: TicketId,
    },
    #[error("{a} and {b} cannot be each other's parent")]
    ParentCycle { a: TicketId, b: TicketId },
}

/// Records on `t` that it is linked to `other` as `kind`: one end of a link, for a store that
/// changes the two tickets one at a time. Returns false when it was already there.
///
/// # Errors
/// A link to itself, a second parent or duplicate_of, or a ticket as the parent of its parent.
pub fn attach(t: &mut Ticket, kind: LinkKind, other: &TicketId) -> Result<bool, LinkError> {
    if &t.id == other {
        return Err(LinkError::ToItself(t.id.clone()));
    }
    let family = [LinkKind::Parent, LinkKind::Children];
    if family.contains(&kind)
        && family
            .iter()
            .any(|k| *k != kind && t.links.get(*k).contains(other))
    {
        return Err(LinkError::ParentCycle {
            a: t.id.clone(),
            b: other.clone(),
        });
    }
    if kind.is_single()
        && let Some(existing) = t.links.get(kind).first()
        && existing != other
    {
        return Err(LinkError::SecondSingle {
            ticket: t.id.clone(),
            kind,
            existing: existing.clone(),
        });
    }
    Ok(t.links.insert(kind, other.clone()))
}

/// Links `a` to `b` as `kind` (and `b` to `a` as its inverse). Returns false when the link was
/// already there on both sides (nothing changed).
///
/// # Errors
/// As [`attach`], for either side; then neither is changed.
pub fn link(a: &mut Ticket, kind: LinkKind, b: &mut Ticket) -> Result<bool, LinkError> {
    let (mut a2, mut b2) = (a.clone(), b.clone());
    let added = attach(&mut a2, kind, &b.id)?;
    let back = attach(&mut b2, kind.inverse(), &a.id)?;
    (*a, *b) = (a2, b2);
    Ok(added || back)
}

/// Removes the link of `kind` between `a` and `b` from both sides. Returns false when neither
/// side had it.
pub fn unlink(a: &mut Ticket, kind: LinkKind, b: &mut Ticket) -> bool {
    let removed = a.links.remove(kind, &b.id);
    let back = b.links.remove(kind.inverse(), &a.id);
    removed || back
}

/// The child tasks of `parent` that are not finished, with their status, given each child's
/// status (`None`: the child is gone, which does not hold the parent back).
pub fn open_children(
    parent: &Ticket,
    finished: impl Fn(&str) -> bool,
    status_of: impl Fn(&TicketId) -> Option<String>,
) -> Vec<(&TicketId, String)> {
    parent
        .links
        .get(LinkKind::Children)
        .iter()
        .filter_map(|child| {
            let status = status_of(child)?;
            (!finished(&status)).then_some((child, status))
        })
        .collect()
}

/// A link recorded on one ticket only: a hand edit, or a merge that kept one side's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneSided {
    pub ticket: TicketId,
    pub kind: LinkKind,
    pub other: TicketId,
    /// Whether the other ticket exists at all.
    pub other_exists: bool,
}

impl std::fmt::Display for OneSided {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (t, k, o) = (&self.ticket, self.kind, &self.other);
        if self.other_exists {
            write!(
                f,
                "{t} links {} {o}, but {o} does not link {} {t}; run `tix link {t} {} {o}` to write both ends, or `tix unlink {t} {} {o}`",
                k.name(),
                k.inverse().name(),
                k.name(),
                k.name()
            )
        } else {
            write!(
                f,
                "{t} links {} {o}, which does not exist; `tix unlink {t} {} {o}` removes it",
                k.name(),
                k.name()
            )
        }
    }
}

/// Every link among `tickets` whose other end does not record its inverse.
pub fn one_sided<'a>(
    tickets: impl IntoIterator<Item = (&'a TicketId, &'a Links)>,
) -> Vec<OneSided> {
    let all: std::collections::HashMap<&TicketId, &Links> = tickets.into_iter().collect();
    let mut out = Vec::new();
    let mut sorted: Vec<(&TicketId, &Links)> = all.iter().map(|(id, l)| (*id, *l)).collect();
    sorted.sort_by_key(|(id, _)| *id);
    for (id, links) in sorted {
        for (kind, other) in links.iter() {
            let back = all.get(other);
            if back.is_none_or(|l| !l.get(kind.inverse()).contains(id)) {
                out.push(OneSided {
                    ticket: id.clone(),
                    kind,
                    other: other.clone(),
                    other_exists: back.is_some(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::sample_ticket;
    use proptest::prelude::*;

    fn ticket(n: u64) -> Ticket {
        let mut t = sample_ticket();
        t.id = TicketId::from_entropy("IT", n);
        t
    }

    #[test]
    fn a_link_is_written_on_both_sides() {
        let (mut a, mut b) = (ticket(1), ticket(2));
        assert_eq!(link(&mut a, LinkKind::Blocks, &mut b), Ok(true));
        assert_eq!(a.links.get(LinkKind::Blocks), [b.id.clone()]);
        assert_eq!(b.links.get(LinkKind::BlockedBy), [a.id.clone()]);
        assert_eq!(link(&mut a, LinkKind::Blocks, &mut b), Ok(false));
        assert!(unlink(&mut b, LinkKind::BlockedBy, &mut a));
        assert!(a.links.is_empty() && b.links.is_empty());
    }

    #[test]
    fn a_second_parent_and_a_parent_cycle_are_refused() {
        let (mut a, mut b, mut c) = (ticket(1), ticket(2), ticket(3));
        link(&mut a, LinkKind::Parent, &mut b).unwrap();
        let err = link(&mut a, LinkKind::Parent, &mut c).unwrap_err();
        assert!(matches!(err, LinkError::SecondSingle { .. }), "{err}");
        assert!(err.to_string().contains("unlink it first"), "{err}");
        let err = link(&mut a, LinkKind::Children, &mut b).unwrap_err();
        assert!(matches!(err, LinkError::ParentCycle { .. }));
        let mut same = a.clone();
        assert_eq!(
            link(&mut a, LinkKind::Related, &mut same),
            Err(LinkError::ToItself(same.id.clone()))
        );
    }

    #[test]
    fn a_link_on_one_side_only_is_found() {
        let (mut a, mut b) = (ticket(1), ticket(2));
        link(&mut a, LinkKind::Blocks, &mut b).unwrap();
        assert!(one_sided([(&a.id, &a.links), (&b.id, &b.links)]).is_empty());
        b.links = Links::default();
        let found = one_sided([(&a.id, &a.links), (&b.id, &b.links)]);
        assert_eq!(found.len(), 1);
        assert!(found[0].other_exists);
        assert!(
            found[0].to_string().contains("does not link blocked_by"),
            "{}",
            found[0]
        );
        let found = one_sided([(&a.id, &a.links)]);
        assert!(!found[0].other_exists);
    }

    #[test]
    fn names_round_trip_and_inverses_pair_up() {
        for kind in LinkKind::ALL {
            assert_eq!(LinkKind::parse(kind.name()), Some(kind));
            assert_eq!(kind.inverse().inverse(), kind);
        }
        assert_eq!(LinkKind::parse("blocked-by"), Some(LinkKind::BlockedBy));
        assert_eq!(LinkKind::parse("child"), Some(LinkKind::Children));
    }

    proptest! {
        /// Whatever sequence of links and unlinks is applied, every link on one ticket has its
        /// inverse on the other, and no ticket holds two parents.
        #[test]
        fn links_stay_symmetric(ops in proptest::collection::vec((0usize..5, 0usize..7, 0usize..5, any::<bool>()), 0..60)) {
            let mut tickets: Vec<Ticket> = (0..5).map(|n| ticket(n as u64 + 1)).collect();
            for (i, k, j, add) in ops {
                if i == j {
                    continue;
                }
                let kind = LinkKind::ALL[k];
                let (lo, hi) = (i.min(j), i.max(j));
                let (left, right) = tickets.split_at_mut(hi);
                let (x, y) = (&mut left[lo], &mut right[0]);
                let (a, b) = if i < j { (x, y) } else { (y, x) };
                if add {
                    let _ = link(a, kind, b);
                } else {
                    unlink(a, kind, b);
                }
            }
            for t in &tickets {
                prop_assert!(t.links.validate(&t.id).is_ok());
                for (kind, other) in t.links.iter() {
                    let o = tickets.iter().find(|x| &x.id == other).unwrap();
                    prop_assert!(o.links.get(kind.inverse()).contains(&t.id), "{} {} {}", t.id, kind.name(), other);
                }
            }
        }
    }
}
