//! The tickets a changing command acts on: IDs, a query, or both, changed in one commit.

use clap::Args;

use super::Context;
use super::context::BulkOutcome;
use crate::domain::change;
use crate::domain::ticket::{Schema, Ticket};
use crate::error::CliError;

/// Which tickets to change. Several are changed in one commit, all or nothing.
#[derive(Debug, Args)]
pub struct Targets {
    /// Ticket IDs or unique prefixes of them (e.g. 7KQ2); several are changed in one commit
    #[arg(value_name = "ID", required_unless_present = "query")]
    pub ids: Vec<String>,

    /// Also every ticket this query selects, in the language of `tix list` (`tix help query`)
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,

    /// Print what would change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl Targets {
    /// Applies `change` to every target (see [`Context::update_many`]) and reports each
    /// changed ticket with `done` (nothing for an empty line), or with --dry-run what would
    /// change.
    ///
    /// # Errors
    /// As [`Context::update_many`], and a query that cannot be read.
    pub fn apply(
        &self,
        ctx: &mut Context,
        action: &str,
        done: impl Fn(&Ticket) -> String,
        change: impl FnMut(&mut Ticket, &Schema) -> Result<(), CliError>,
    ) -> Result<BulkOutcome, CliError> {
        let query = match &self.query {
            Some(text) => {
                ctx.repo()?;
                Some(super::list::parse_query(ctx, ctx.repo_ref()?, text)?)
            }
            None => None,
        };
        let outcome = ctx.update_many(&self.ids, query.as_ref(), action, self.dry_run, change)?;
        for (before, after) in &outcome.changed {
            if self.dry_run {
                let what: Vec<String> = change::diff(Some(before), Some(after))
                    .iter()
                    .map(change::Change::describe)
                    .collect();
                ctx.out
                    .data(&format!("would {action} {}: {}", after.id, what.join("; ")));
            } else {
                let line = done(after);
                if !line.is_empty() {
                    ctx.out.status(&line);
                }
            }
        }
        for id in &outcome.unchanged {
            ctx.out
                .status(&format!("No changes to {id}: it already is that way."));
        }
        if self.dry_run {
            ctx.out.status(&format!(
                "Dry run: {} ticket(s) would change, {} would not; nothing was written.",
                outcome.changed.len(),
                outcome.unchanged.len()
            ));
        }
        Ok(outcome)
    }
}
