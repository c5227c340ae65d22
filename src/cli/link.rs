//! `tix link` and `tix unlink`: relate tickets, writing both ends in one commit.

use clap::Args;

use super::Context;
use crate::domain::id::TicketId;
use crate::domain::lifecycle::{self, Action};
use crate::domain::link::{self, LinkKind, Links};
use crate::domain::ticket::{Schema, Ticket};
use crate::error::CliError;

const KINDS_HELP: &str = "KIND is one of: parent, children (or child), related, duplicate_of \
(or duplicate-of), duplicates, blocks, blocked_by (or blocked-by), read as \"ID is KIND OTHER\": \
`tix link IT-2 parent IT-1` makes IT-2 a child task of IT-1.";

/// Link a ticket to others: parent/children, related, duplicates, blocks/blocked_by
///
/// Each link is written on both tickets (IT-1 `blocks` IT-2 and IT-2 `blocked_by` IT-1), in one
/// commit, so `tix show` on either shows it. Linking a ticket as `duplicate_of` another also
/// resolves it, with the resolution "Duplicate of OTHER", unless it is already finished. A parent
/// cannot be resolved or closed while a child task is open (unless `--force`).
///
/// Examples:
///   tix link IT-2 parent IT-1          IT-2 is a child task of IT-1
///   tix link IT-1 children IT-2 IT-3   the same, for two children at once
///   tix link IT-5 blocks IT-6
///   tix link IT-9 duplicate-of IT-4    and IT-9 is resolved as a duplicate
///
/// Find linked tickets with `tix list parent:IT-1`, `tix list has:blocked_by` (`tix help query`).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_help = KINDS_HELP)]
pub struct LinkArgs {
    /// The ticket whose link this is (an ID or a unique prefix)
    pub id: String,

    /// How ID relates to OTHER
    #[arg(value_parser = kind)]
    pub kind: LinkKind,

    /// The other tickets; each gets the inverse link (children get `parent`, and so on)
    #[arg(required = true, value_name = "OTHER")]
    pub others: Vec<String>,
}

/// Remove links between tickets, from both ends
///
/// The same words as `tix link`: `tix unlink IT-2 parent IT-1` removes IT-2's parent IT-1 and
/// IT-1's child IT-2, in one commit. A ticket resolved as a duplicate stays resolved.
///
/// Examples:
///   tix unlink IT-2 parent IT-1        IT-2 is no longer a child task of IT-1
///   tix unlink IT-5 blocks IT-6 IT-7
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, after_help = KINDS_HELP)]
pub struct UnlinkArgs {
    /// The ticket whose link this is (an ID or a unique prefix)
    pub id: String,

    /// How ID relates to OTHER
    #[arg(value_parser = kind)]
    pub kind: LinkKind,

    /// The other tickets
    #[arg(required = true, value_name = "OTHER")]
    pub others: Vec<String>,
}

fn kind(text: &str) -> Result<LinkKind, String> {
    LinkKind::parse(text).ok_or_else(|| {
        format!(
            "unknown link kind; use one of: {}",
            LinkKind::names().collect::<Vec<_>>().join(", ")
        )
    })
}

pub fn link(ctx: &mut Context, args: &LinkArgs) -> Result<(), CliError> {
    let (id, others) = resolve(ctx, &args.id, &args.others)?;
    let kind = args.kind;
    refuse_early(ctx.repo()?, &id, kind, &others)?;
    let outcome = change(ctx, &id, &others, "link", |t, schema| {
        if t.id == id {
            for other in &others {
                link::attach(t, kind, other)?;
            }
            if kind == LinkKind::DuplicateOf {
                close_as_duplicate(t, schema, &others)?;
            }
        } else {
            link::attach(t, kind.inverse(), &id)?;
            if kind == LinkKind::Duplicates {
                close_as_duplicate(t, schema, std::slice::from_ref(&id))?;
            }
        }
        Ok(())
    })?;
    if !outcome {
        ctx.out.status(&format!(
            "No changes: {id} is already {} {}.",
            kind.label(),
            joined(&others)
        ));
    }
    Ok(())
}

pub fn unlink(ctx: &mut Context, args: &UnlinkArgs) -> Result<(), CliError> {
    let (id, others) = resolve(ctx, &args.id, &args.others)?;
    let kind = args.kind;
    let outcome = change(ctx, &id, &others, "unlink", |t, _| {
        if t.id == id {
            for other in &others {
                t.links.remove(kind, other);
            }
        } else {
            t.links.remove(kind.inverse(), &id);
        }
        Ok(())
    })?;
    if !outcome {
        return Err(CliError::input(format!(
            "{id} has no link '{}' to {}",
            kind.name(),
            joined(&others)
        ))
        .with_hint(format!("tix show {id} lists its links")));
    }
    Ok(())
}

fn joined(ids: &[TicketId]) -> String {
    ids.iter()
        .map(TicketId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a link that cannot be made (a second parent, a parent cycle) with its one reason.
/// Both ends of a link are changed as tickets of one bulk change, which would report the
/// same problem once per ticket and then count them; the change under the lock checks again.
fn refuse_early(
    repo: &crate::store::Repo,
    id: &TicketId,
    kind: LinkKind,
    others: &[TicketId],
) -> Result<(), CliError> {
    let mut ticket = repo.load(id)?;
    for other in others {
        let mut other = repo.load(other)?;
        link::link(&mut ticket, kind, &mut other)?;
    }
    Ok(())
}

/// The full IDs, refusing a ticket linked to itself before anything is loaded for writing.
fn resolve(
    ctx: &mut Context,
    id: &str,
    others: &[String],
) -> Result<(TicketId, Vec<TicketId>), CliError> {
    let repo = ctx.repo()?;
    let id = repo.resolve(id)?;
    let mut resolved = Vec::new();
    for other in others {
        let other = repo.resolve(other)?;
        if other == id {
            return Err(CliError::input(format!(
                "a ticket cannot be linked to itself ({id})"
            )));
        }
        if !resolved.contains(&other) {
            resolved.push(other);
        }
    }
    Ok((id, resolved))
}

/// Changes `id` and `others` in one commit and reports each changed ticket; false when none
/// changed.
fn change(
    ctx: &mut Context,
    id: &TicketId,
    others: &[TicketId],
    action: &str,
    change: impl FnMut(&mut Ticket, &Schema) -> Result<(), CliError>,
) -> Result<bool, CliError> {
    let ids: Vec<String> = std::iter::once(id)
        .chain(others)
        .map(ToString::to_string)
        .collect();
    let outcome = ctx.update_many(&ids, None, action, false, change)?;
    for (before, after) in &outcome.changed {
        if after.links == before.links {
            continue;
        }
        let added = described(&after.links, &before.links);
        let removed = described(&before.links, &after.links);
        let mut line = if removed.is_empty() {
            format!("Linked {}: {added}", after.id)
        } else {
            format!("Unlinked {} ({removed})", after.id)
        };
        if after.status != before.status {
            line.push_str(&format!(" (now {})", after.status));
        }
        ctx.out.status(&line);
    }
    Ok(!outcome.changed.is_empty())
}

/// The links in `links` that `other` lacks, by kind: "child tasks IT-1, IT-2; blocks IT-3".
fn described(links: &Links, other: &Links) -> String {
    LinkKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let ids: Vec<&str> = links
                .get(kind)
                .iter()
                .filter(|id| !other.get(kind).contains(id))
                .map(TicketId::as_str)
                .collect();
            (!ids.is_empty()).then(|| format!("{} {}", kind.label(), ids.join(", ")))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Resolves `t` as a duplicate of `of` unless it is finished already.
fn close_as_duplicate(t: &mut Ticket, schema: &Schema, of: &[TicketId]) -> Result<(), CliError> {
    if schema.workflow.is_done(&t.status) {
        return Ok(());
    }
    let names: Vec<&str> = of.iter().map(TicketId::as_str).collect();
    let resolution = format!("Duplicate of {}", names.join(", "));
    lifecycle::apply(t, &schema.workflow, &Action::Resolve { resolution }, None)
        .map_err(CliError::from)
}
