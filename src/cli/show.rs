//! `tix show`: one ticket in full.

use clap::Args;
use serde::Serialize;

use super::Context;
use super::render::{self, TicketDto};
use crate::error::CliError;
use crate::output::Format;

/// Show one ticket with its description, comments and resolution
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// Output format (csv is not available for a single ticket)
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Serialize)]
struct ShowDoc<'a> {
    ticket: TicketDto<'a>,
}

pub fn run(ctx: &mut Context, args: &ShowArgs) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let id = repo.resolve(&args.id)?;
    let ticket = repo.load(&id)?;
    let text = match args.format {
        Format::Table => render::ticket_text(&ticket),
        Format::Json | Format::Yaml => render::document(
            args.format,
            ShowDoc {
                ticket: TicketDto::from(&ticket),
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
