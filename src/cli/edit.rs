//! `tix edit`: change fields by name, or edit the whole ticket in $EDITOR.

use clap::Args;

use super::Context;
use super::targets::Targets;
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::store::{self, yaml};

/// Change a ticket's fields
///
/// With --set, change fields by name: title, type, status, priority, impact, urgency, category,
/// requester, assignee, team, tags (comma-separated), due, description, resolution, or
/// fields.NAME for a custom field. An empty value clears an optional field. A status change must
/// be allowed by the workflow, and a move to a done status (resolved, closed) needs a resolution,
/// in the ticket or set in the same edit; leaving a done status clears the resolution. The same
/// rules apply to an $EDITOR edit.
///
/// Without --set, the ticket's YAML opens in $VISUAL or $EDITOR; when you save and quit, the
/// result is validated and committed, or rejected with the line of the mistake (your text is kept
/// under .git/tix/ so nothing is lost). An editor that exits with a non-zero status (vim's :cq)
/// or is killed aborts the edit: nothing is committed, your text is kept, and tix exits with 2.
///
/// With --set, several IDs (or --query) are edited in one commit, all or nothing:
///   tix edit 7KQ2 9XT4 --set priority=P2 --set team=network
///   tix edit --query 'tag:outage-42' --set priority=P1 --dry-run
#[derive(Debug, Args)]
pub struct EditArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// Set a field, repeatable: --set priority=P1 --set tags=vpn,remote
    #[arg(short, long = "set", value_name = "FIELD=VALUE", value_parser = super::values::assignment,
        long_help = super::values::set_help())]
    pub set: Vec<(String, String)>,
}

pub fn run(ctx: &mut Context, args: &EditArgs) -> Result<(), CliError> {
    let sets = &args.set;
    if !sets.is_empty() {
        let done = |t: &Ticket| format!("Updated {}", t.id);
        args.targets.apply(ctx, "edit", done, |ticket, _| {
            for (field, value) in sets {
                ticket.set_field(field, value)?;
            }
            Ok(())
        })?;
        return Ok(());
    }
    let id = match (args.targets.ids.as_slice(), &args.targets.query) {
        ([id], None) => id,
        _ => {
            return Err(CliError::input(
                "the editor opens one ticket; to edit several (or --query), pass --set FIELD=VALUE",
            ));
        }
    };
    if args.targets.dry_run {
        return Err(CliError::input(
            "--dry-run needs --set: an edit in the editor is checked when you save",
        ));
    }
    match edit_in_editor(ctx, id)? {
        Some(ticket) => ctx.out.status(&format!("Updated {}", ticket.id)),
        None => ctx.out.status("No changes."),
    }
    Ok(())
}

fn edit_in_editor(ctx: &mut Context, query: &str) -> Result<Option<Ticket>, CliError> {
    if ctx.no_input() {
        return Err(CliError::input(
            "--no-input: tix edit without --set would open an editor; pass --set FIELD=VALUE",
        ));
    }
    if std::env::var_os("VISUAL").is_none()
        && std::env::var_os("EDITOR").is_none()
        && !ctx.interactive()
    {
        return Err(CliError::input(
            "nothing to do: pass --set FIELD=VALUE, or set $EDITOR to edit the ticket's YAML",
        ));
    }
    let repo = ctx.repo()?;
    let id = repo.resolve(query)?;
    let original = repo.load_for_update(&id)?;
    let rel = store::Repo::ticket_path(&id);
    // The person edits a file under the repository's own git dir (right with -C and in linked
    // worktrees), which stays there until the edit is committed, so a rejected edit is not lost.
    let dir = repo.git_dir().join("tix");
    let name = format!("edit-{id}.yaml");
    let Some((text, scratch)) = crate::prompt::edit_scratch(&dir, &name, &yaml::render(&original))?
    else {
        return Ok(None);
    };
    let kept = scratch.kept.clone();
    let discard = || scratch.discard();
    let edited = match store::parse_ticket(&rel, &text) {
        Ok(t) => t,
        Err(e) => return Err(CliError::from(e).with_hint(kept)),
    };
    let result = ctx.update(query, "edit", |ticket, _| {
        if *ticket != original {
            return Err(CliError::repository(format!(
                "{id} changed while you were editing; run tix edit again"
            )));
        }
        *ticket = edited;
        Ok(())
    });
    match result {
        Ok(updated) => {
            discard();
            Ok(updated)
        }
        Err(e) => Err(e.with_hint(kept)),
    }
}
