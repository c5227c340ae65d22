//! `tix show`: one ticket in full, with its SLA clocks.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::Context;
use super::render::{self, TicketDto};
use crate::domain::event::Timeline;
use crate::domain::ticket::Ticket;
use crate::domain::transfer::{Step, history};
use crate::error::CliError;
use crate::output::Format;
use crate::output::Styled;
use crate::report::sla::{ClockDto, clock_table};
use crate::sla::{TicketSla, evaluate};

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
    /// The linked tickets with their titles and statuses.
    linked: &'a [render::Linked],
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
    let timeline = match repo.timeline(&id) {
        Ok(mut timeline) => {
            super::sla::clamp_future(out, [&mut timeline], now);
            Some(timeline)
        }
        Err(e) => {
            out.warn(&format!("SLA clocks unavailable: {e}"));
            None
        }
    };
    let linked: Vec<render::Linked> = ticket
        .links
        .iter()
        .map(|(kind, other)| {
            let found = repo.load(other).ok();
            render::Linked {
                kind,
                id: other.to_string(),
                title: found.as_ref().map(|t| t.title.clone()),
                status: found.map(|t| t.status),
            }
        })
        .collect();
    let config = repo.config();
    let sla = timeline
        .as_ref()
        .map(|t| evaluate(t, &config.sla, &config.engine_context(), now));
    let text = match args.format {
        Format::Table => {
            let matrix = config
                .priority_matrix
                .as_ref()
                .and_then(|m| m.for_values(ticket.impact.as_deref(), ticket.urgency.as_deref()));
            let comment_times = timeline
                .as_ref()
                .map(|t| comment_times(&ticket, t))
                .unwrap_or_default();
            let mut text = render::ticket_text(
                &ticket,
                &render::TicketContext {
                    schema: &config.schema,
                    matrix,
                    comment_times: &comment_times,
                    linked: &linked,
                },
            );
            if let Some(sla) = &sla {
                text.append(clocks_text(sla, out.width));
            }
            out.display(&text);
            return Ok(());
        }
        Format::Json | Format::Yaml => render::document(
            args.format,
            ShowDoc {
                ticket: TicketDto::from(&ticket),
                sla: sla.map(|s| SlaDto {
                    policy: s.policy.clone(),
                    clocks: s.clocks.iter().map(ClockDto::from).collect(),
                }),
                linked: &linked,
            },
        )?,
        Format::Csv => {
            return Err(CliError::input(
                "--format csv is for lists; use `tix list --format csv` or --format json",
            ));
        }
    };
    out.data(&text);
    Ok(())
}

/// When each of the ticket's comments was added, from its history: tix only appends comments,
/// so the n-th comment event is the file's n-th comment (as `tix export` pairs them).
fn comment_times(ticket: &Ticket, timeline: &Timeline) -> Vec<Option<DateTime<Utc>>> {
    let mut times = vec![None; ticket.comments.len()];
    for entry in history(ticket, timeline) {
        if let Step::Comment {
            comment: Some(c), ..
        } = entry.change
            && let Some(i) = ticket.comments.iter().position(|x| std::ptr::eq(x, c))
            && let Some(slot) = times.get_mut(i)
        {
            *slot = Some(entry.at);
        }
    }
    times
}

fn clocks_text(sla: &TicketSla, width: Option<u16>) -> Styled {
    let mut out = Styled::new();
    let Some(policy) = &sla.policy else {
        if sla.clocks.is_empty() {
            out.plain("\nSLA: no policy applies\n");
        }
        return out;
    };
    out.plain(&format!("\nSLA ({policy}):\n"));
    out.append(clock_table(&sla.clocks, width));
    out
}
