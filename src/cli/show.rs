//! `tix show`: one ticket in full, with its SLA clocks.

use clap::Args;
use serde::Serialize;

use super::Context;
use super::render::{self, TicketDto};
use crate::error::CliError;
use crate::output::Format;
use crate::report::sla::{ClockDto, local_time, remaining_label, state_label};
use crate::sla::{TicketSla, evaluate, format_secs};

/// Show one ticket with its description, comments, resolution and SLA clocks
///
/// The clocks are computed from the ticket's Git history as of now; `tix log ID` shows the
/// history itself.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

#[derive(Serialize)]
struct ShowDoc<'a> {
    ticket: TicketDto<'a>,
    sla: Option<SlaDto>,
}

#[derive(Serialize)]
struct SlaDto {
    policy: Option<String>,
    clocks: Vec<ClockDto>,
}

pub fn run(ctx: &mut Context, args: &ShowArgs) -> Result<(), CliError> {
    let now = ctx.clock.now_utc();
    let (repo, out) = ctx.repo_and_out()?;
    let id = repo.resolve(&args.id)?;
    let ticket = repo.load(&id)?;
    // The ticket itself is readable even where history is not (a shallow clone): warn, go on.
    let sla = match repo.timeline(&id) {
        Ok(mut timeline) => {
            super::sla::clamp_future(out, [&mut timeline], now);
            Some(evaluate(
                &timeline,
                &repo.config().sla,
                &repo.config().engine_context(),
                now,
            ))
        }
        Err(e) => {
            out.warn(&format!("SLA clocks unavailable: {e}"));
            None
        }
    };
    let text = match args.format {
        Format::Table => {
            let matrix = ctx
                .repo()?
                .config()
                .priority_matrix
                .as_ref()
                .and_then(|m| m.for_values(ticket.impact.as_deref(), ticket.urgency.as_deref()))
                .map(String::from);
            render::ticket_text_with(&ticket, matrix.as_deref())
                + &sla.as_ref().map_or_else(String::new, clocks_text)
        }
        Format::Json | Format::Yaml => render::document(
            args.format,
            ShowDoc {
                ticket: TicketDto::from(&ticket),
                sla: sla.map(|s| SlaDto {
                    policy: s.policy.clone(),
                    clocks: s.clocks.iter().map(ClockDto::from).collect(),
                }),
            },
        )?,
        Format::Csv => {
            return Err(CliError::input(
                "--format csv is for lists; use `tix list --format csv` or --format json",
            ));
        }
    };
    ctx.out.data(&text);
    Ok(())
}

fn clocks_text(sla: &TicketSla) -> String {
    let Some(policy) = &sla.policy else {
        return if sla.clocks.is_empty() {
            "\nSLA: no policy applies\n".to_string()
        } else {
            String::new()
        };
    };
    let mut out = format!("\nSLA ({policy}):\n");
    let name = |c: &crate::sla::ClockStatus| {
        if c.cycle > 1 {
            format!("{} #{}", c.kind, c.cycle)
        } else {
            c.kind.to_string()
        }
    };
    let width = sla.clocks.iter().map(|c| name(c).len()).max().unwrap_or(0);
    for c in &sla.clocks {
        let due = c.due.map_or_else(|| "-".into(), local_time);
        out.push_str(&format!(
            "  {:<width$}  {:<20}  target {:<7}  due {due}  {}\n",
            name(c),
            state_label(c),
            format_secs(c.target_secs),
            remaining_label(c)
        ));
    }
    out
}
