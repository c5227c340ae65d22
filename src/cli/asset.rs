//! `tix asset new|list|show|edit`: the hardware tickets are about, one file each under assets/.

use std::borrow::Cow;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::render;
use crate::domain::asset::{Asset, Warranty, parse_date};
use crate::domain::id::ShortIds;
use crate::domain::text::escape_controls;
use crate::error::CliError;
use crate::output::{Format, Style, Styled};
use crate::report::table::{self, Cell, Column, Fit};
use crate::store::{self, CommitMessage};

/// Keep track of assets (laptops, printers, phones) and their tickets
///
/// Each asset is a file, assets/NAME.yaml, named as on its label (LT-042), holding its type,
/// model, serial, owner, location, purchase date and warranty end. A ticket names its asset
/// (`tix new --asset LT-042`, `tix edit ID --set asset=LT-042`); `tix asset show` lists the
/// asset's tickets and warns when its warranty has ended; `tix report --by asset` groups the
/// service figures by asset.
///
/// Examples:
///   tix asset new LT-042 --type laptop --model "ThinkPad T14" --serial PF3X9 \
///       --owner "Dana <dana@example.com>" --purchased 2023-05-02 --warranty-end 2026-05-01
///   tix asset list --warranty ended
///   tix asset show LT-042
///   tix asset edit LT-042 --set location="Berlin 4.12" --set owner=bob@example.com
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AssetArgs {
    #[command(subcommand)]
    pub command: AssetCommand,
}

#[derive(Debug, Subcommand)]
pub enum AssetCommand {
    New(NewArgs),
    List(ListArgs),
    Show(ShowArgs),
    Edit(EditArgs),
}

/// Record a new asset (one commit)
///
/// Writes assets/NAME.yaml and prints NAME. Every field but the name is optional and can be
/// added later with tix asset edit. A name already taken, a date that is not YYYY-MM-DD or a
/// warranty ending before the purchase is refused, and nothing is written.
///
/// Examples:
///   tix asset new LT-042 --type laptop --model "ThinkPad T14" --serial PF3X9 \
///       --owner "Dana <dana@example.com>" --purchased 2023-05-02 --warranty-end 2026-05-01
///   tix asset new PR-2 --type printer --location "Berlin 2.01"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewArgs {
    /// The asset's name, as on its label: letters, digits, '.', '_' or '-' (LT-042)
    pub name: String,
    /// What it is: laptop, printer, phone...
    #[arg(long = "type", value_name = "TYPE")]
    pub asset_type: Option<String>,
    /// Make and model, as the vendor names it ("ThinkPad T14")
    #[arg(long)]
    pub model: Option<String>,
    /// The vendor's serial number
    #[arg(long)]
    pub serial: Option<String>,
    /// Who has it: "Name <email>", a name or an email
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,
    /// Where it is: building, room, desk
    #[arg(long)]
    pub location: Option<String>,
    /// Purchase date, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub purchased: Option<NaiveDate>,
    /// Last day of the warranty, YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub warranty_end: Option<NaiveDate>,
    /// Free text: repairs, accessories, anything worth knowing
    #[arg(long)]
    pub notes: Option<String>,
}

/// List assets
///
/// One line per asset, by name, with its warranty as of today. A broken hand-edited file is
/// named with its line on stderr and the others still list.
///
/// Examples:
///   tix asset list --type laptop
///   tix asset list --owner dana@example.com --warranty ended
///   tix asset list --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Only assets of this type
    #[arg(long = "type", value_name = "TYPE")]
    pub asset_type: Option<String>,
    /// Only assets whose owner is this person (a name or email matches "Name <email>")
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,
    /// Only assets whose warranty has ended, or is still running
    #[arg(long, value_name = "STATE", value_parser = ["ended", "active"])]
    pub warranty: Option<String>,
    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

/// Show an asset, its warranty and every ticket about it
///
/// The tickets are those whose `asset` names it, newest first. A warning on stderr says when
/// the warranty has ended, so repairs are not sent to the vendor by mistake.
///
/// Examples:
///   tix asset show LT-042
///   tix asset show LT-042 --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The asset's name (its file assets/NAME.yaml)
    pub name: String,
    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

/// Change an asset's fields (one commit)
///
/// Refused while assets/NAME.yaml holds edits not committed yet; an unknown field or a bad
/// date is refused and nothing is written.
///
/// Examples:
///   tix asset edit LT-042 --set location="Berlin 4.12" --set owner=bob@example.com
///   tix asset edit LT-042 --set warranty_end=2027-05-01
///   tix asset edit LT-042 --set notes=             (an empty value clears a field)
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EditArgs {
    /// The asset's name (its file assets/NAME.yaml)
    pub name: String,
    /// FIELD=VALUE, repeatable; an empty value clears the field. Fields: type, model, serial,
    /// owner, location, purchased, warranty_end, notes
    #[arg(long, value_name = "FIELD=VALUE", required = true, value_parser = super::values::assignment)]
    pub set: Vec<(String, String)>,
}

fn date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date("date", text).map_err(|_| "not a date; use YYYY-MM-DD".to_string())
}

pub fn run(ctx: &mut Context, args: &AssetArgs) -> Result<(), CliError> {
    match &args.command {
        AssetCommand::New(args) => new(ctx, args),
        AssetCommand::List(args) => list(ctx, args),
        AssetCommand::Show(args) => show(ctx, args),
        AssetCommand::Edit(args) => edit(ctx, args),
    }
}

fn new(ctx: &mut Context, args: &NewArgs) -> Result<(), CliError> {
    let asset = Asset {
        name: args.name.clone(),
        asset_type: args.asset_type.clone(),
        model: args.model.clone(),
        serial: args.serial.clone(),
        owner: args.owner.clone(),
        location: args.location.clone(),
        purchased: args.purchased,
        warranty_end: args.warranty_end,
        notes: args.notes.clone(),
    };
    asset.validate().map_err(CliError::from)?;
    let what = [&asset.asset_type, &asset.model]
        .iter()
        .filter_map(|v| v.as_deref())
        .collect::<Vec<_>>()
        .join(" ");
    write(ctx, &asset, "new", &what, |repo, name| {
        match repo.asset_for_update(name)? {
            Some(_) => Err(
                CliError::input(format!("asset {name} exists already")).with_hint(format!(
                    "change it with tix asset edit {name} --set FIELD=VALUE"
                )),
            ),
            None => Ok(()),
        }
    })?;
    ctx.out.data(&asset.name);
    Ok(())
}

fn edit(ctx: &mut Context, args: &EditArgs) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let Some(mut asset) = repo.asset_for_update(&args.name)? else {
        return Err(unknown(repo, &args.name));
    };
    let before = asset.clone();
    for (field, value) in &args.set {
        asset.set(field, value).map_err(CliError::from)?;
    }
    asset.validate().map_err(CliError::from)?;
    if asset == before {
        ctx.out.status(&format!(
            "No changes to asset {}: it already is that way.",
            asset.name
        ));
        return Ok(());
    }
    let fields: Vec<&str> = args.set.iter().map(|(f, _)| f.as_str()).collect();
    write(ctx, &asset, "edit", &fields.join(", "), |repo, name| {
        // Re-read under the lock: a change made meanwhile is not overwritten.
        if repo.asset_for_update(name)?.as_ref() != Some(&before) {
            return Err(CliError::repository(format!(
                "asset {name} changed meanwhile; run the command again"
            )));
        }
        Ok(())
    })?;
    ctx.out.status(&format!("Updated asset {}", asset.name));
    Ok(())
}

/// Commits the asset's file, after `check` under the write lock.
fn write(
    ctx: &mut Context,
    asset: &Asset,
    action: &str,
    what: &str,
    check: impl FnOnce(&store::Repo, &str) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let actor = ctx.actor()?;
    let when = ctx.clock.now();
    let repo = ctx.repo()?;
    let lock = repo.lock()?;
    check(repo, &asset.name)?;
    let message = CommitMessage::for_asset(&asset.name, action, what);
    let file = (
        store::asset::path(&asset.name),
        store::asset::render(asset).into_bytes(),
    );
    repo.commit_with(lock, &[], vec![file], &message, &actor, when)?;
    Ok(())
}

/// "no asset NAME", with the nearest names.
fn unknown(repo: &store::Repo, name: &str) -> CliError {
    let names: Vec<String> = repo
        .assets()
        .map(|(assets, _)| assets.into_iter().map(|a| a.name).collect())
        .unwrap_or_default();
    let near: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.to_lowercase().contains(&name.to_lowercase())
                || name.to_lowercase().contains(&n.to_lowercase())
        })
        .take(5)
        .collect();
    let hint = if near.is_empty() {
        "tix asset list shows them; tix asset new NAME records one".to_string()
    } else {
        format!(
            "did you mean {}?",
            near.iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    CliError::input(format!(
        "no asset {name} (no file {})",
        store::asset::path(name)
    ))
    .with_hint(hint)
}

/// Refuses a ticket naming an asset that has no file, when the asset is new to the ticket
/// (tickets from before a desk kept asset files keep theirs).
///
/// # Errors
/// The asset is unknown.
pub fn check_named(
    repo: &store::Repo,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), CliError> {
    match after {
        Some(name) if before != Some(name) => match repo.asset(name)? {
            Some(_) => Ok(()),
            None => Err(unknown(repo, name)),
        },
        _ => Ok(()),
    }
}

/// Warns when `asset`'s warranty has ended by `today`: whoever works on it should know repairs
/// are not covered.
fn warn_if_ended(out: &crate::output::Output, asset: &Asset, today: NaiveDate) {
    if let Warranty::Ended { days_ago } = asset.warranty(today)
        && let Some(end) = asset.warranty_end
    {
        out.warn(&format!(
            "the warranty of {} ended on {end}, {days_ago} days ago: repairs are not covered",
            asset.name
        ));
    }
}

/// As `tix asset show` does, warns when a new ticket's asset is out of warranty.
pub fn warn_for_ticket(
    repo: &store::Repo,
    out: &crate::output::Output,
    ticket: &crate::domain::ticket::Ticket,
    today: NaiveDate,
) {
    if let Some(name) = &ticket.asset
        && let Ok(Some(asset)) = repo.asset(name)
    {
        warn_if_ended(out, &asset, today);
    }
}

#[derive(Serialize)]
struct AssetDto<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    asset_type: Option<&'a str>,
    model: Option<&'a str>,
    serial: Option<&'a str>,
    owner: Option<&'a str>,
    location: Option<&'a str>,
    purchased: Option<String>,
    warranty_end: Option<String>,
    notes: Option<&'a str>,
    /// `active`, `ended` or `unknown`, as of today.
    warranty: &'static str,
}

impl<'a> AssetDto<'a> {
    fn new(a: &'a Asset, today: NaiveDate) -> AssetDto<'a> {
        AssetDto {
            name: &a.name,
            asset_type: a.asset_type.as_deref(),
            model: a.model.as_deref(),
            serial: a.serial.as_deref(),
            owner: a.owner.as_deref(),
            location: a.location.as_deref(),
            purchased: a.purchased.map(|d| d.to_string()),
            warranty_end: a.warranty_end.map(|d| d.to_string()),
            notes: a.notes.as_deref(),
            warranty: match a.warranty(today) {
                Warranty::Unknown => "unknown",
                Warranty::Active { .. } => "active",
                Warranty::Ended { .. } => "ended",
            },
        }
    }
}

fn warranty_text(a: &Asset, today: NaiveDate) -> (String, Style) {
    match (a.warranty(today), a.warranty_end) {
        (Warranty::Active { days_left }, Some(end)) => {
            (format!("until {end} ({days_left}d left)"), Style::Plain)
        }
        (Warranty::Ended { days_ago }, Some(end)) => {
            (format!("ended {end} ({days_ago}d ago)"), Style::Bad)
        }
        _ => ("-".to_string(), Style::Dim),
    }
}

fn list(ctx: &mut Context, args: &ListArgs) -> Result<(), CliError> {
    let today = ctx.clock.now_utc().date_naive();
    let (repo, out) = ctx.repo_and_out()?;
    let (assets, broken) = repo.assets()?;
    for e in &broken {
        out.warn(&e.to_string());
    }
    let shown: Vec<&Asset> = assets
        .iter()
        .filter(|a| {
            args.asset_type
                .as_ref()
                .is_none_or(|t| a.asset_type.as_ref() == Some(t))
        })
        .filter(|a| {
            args.owner.as_ref().is_none_or(|o| {
                a.owner
                    .as_deref()
                    .is_some_and(|owner| crate::domain::actor::same_person(o, owner))
            })
        })
        .filter(|a| match args.warranty.as_deref() {
            Some("ended") => matches!(a.warranty(today), Warranty::Ended { .. }),
            Some(_) => matches!(a.warranty(today), Warranty::Active { .. }),
            None => true,
        })
        .collect();
    match args.format {
        Format::Table => {
            if shown.is_empty() {
                out.status("No assets match.");
                return Ok(());
            }
            let columns = [
                Column {
                    header: "NAME",
                    fit: Fit::Keep,
                },
                Column {
                    header: "TYPE",
                    fit: Fit::Drop(3),
                },
                Column {
                    header: "MODEL",
                    fit: Fit::Shrink,
                },
                Column {
                    header: "OWNER",
                    fit: Fit::Drop(2),
                },
                Column {
                    header: "LOCATION",
                    fit: Fit::Drop(1),
                },
                Column {
                    header: "WARRANTY",
                    fit: Fit::Keep,
                },
            ];
            let opt = |v: &Option<String>| Cell::plain(v.clone().unwrap_or_else(|| "-".into()));
            let rows: Vec<Vec<Cell<'_>>> = shown
                .iter()
                .map(|a| {
                    let (warranty, style) = warranty_text(a, today);
                    vec![
                        Cell::plain(Cow::Borrowed(a.name.as_str())),
                        opt(&a.asset_type),
                        opt(&a.model),
                        opt(&a.owner),
                        opt(&a.location),
                        Cell::new(warranty, style),
                    ]
                })
                .collect();
            out.display(&table::layout(&columns, &rows, out.width));
        }
        _ => {
            #[derive(Serialize)]
            struct Doc<'a> {
                assets: Vec<AssetDto<'a>>,
            }
            let doc = Doc {
                assets: shown.iter().map(|a| AssetDto::new(a, today)).collect(),
            };
            out.data(&render::document(args.format, doc)?);
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct TicketRow<'a> {
    id: &'a str,
    title: &'a str,
    status: &'a str,
    /// When the ticket was created (RFC 3339, from history), `null` where history cannot tell.
    created: Option<String>,
}

fn show(ctx: &mut Context, args: &ShowArgs) -> Result<(), CliError> {
    let now = ctx.clock.now_utc();
    let today = now.date_naive();
    let (repo, out) = ctx.repo_and_out()?;
    let Some(asset) = repo.asset(&args.name)? else {
        return Err(unknown(repo, &args.name));
    };
    let listing = repo.list()?;
    let mut tickets: Vec<_> = listing
        .tickets
        .iter()
        .filter(|t| t.asset.as_deref() == Some(asset.name.as_str()))
        .collect();
    let dates = repo.ticket_dates().unwrap_or_default();
    let created = |id: &str| dates.get(id).map(|(created, _)| *created);
    // Newest first: the history of a device reads from its latest trouble back.
    tickets.sort_by_key(|t| std::cmp::Reverse((created(t.id.as_str()), t.id.clone())));
    warn_if_ended(out, &asset, today);
    let at = |secs: Option<i64>| {
        secs.and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    match args.format {
        Format::Table => {
            let mut text = Styled::new();
            text.push(Style::Heading, &asset.name);
            text.plain("\n");
            let (warranty, style) = warranty_text(&asset, today);
            let rows = [
                ("type", asset.asset_type.clone()),
                ("model", asset.model.clone()),
                ("serial", asset.serial.clone()),
                ("owner", asset.owner.clone()),
                ("location", asset.location.clone()),
                ("purchased", asset.purchased.map(|d| d.to_string())),
            ];
            for (key, value) in rows {
                text.plain(&format!(
                    "  {key:<9}  {}\n",
                    escape_controls(&value.unwrap_or_else(|| "-".into()), false)
                ));
            }
            text.plain("  warranty   ");
            text.push(style, &warranty);
            text.plain("\n");
            if let Some(notes) = &asset.notes {
                text.plain("\nNotes:\n");
                for line in notes.lines() {
                    text.plain(&format!("  {}\n", escape_controls(line, true)));
                }
            }
            if tickets.is_empty() {
                text.plain("\nTickets: none\n");
            } else {
                text.plain(&format!("\nTickets ({}):\n", tickets.len()));
            }
            let every_id = listing.tickets.iter().map(|t| &t.id);
            let short = ShortIds::new(every_id.chain(&listing.skipped).collect());
            for t in &tickets {
                let date = created(t.id.as_str())
                    .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                    .map_or_else(|| "-".into(), |d| d.date_naive().to_string());
                text.plain(&format!("  {}  {date}  ", short.get(&t.id)));
                text.push(
                    render::status_style(&repo.config().schema, &t.status),
                    &t.status,
                );
                text.plain(&format!("  {}\n", escape_controls(&t.title, false)));
            }
            out.display(&text);
        }
        _ => {
            #[derive(Serialize)]
            struct Doc<'a> {
                asset: AssetDto<'a>,
                tickets: Vec<TicketRow<'a>>,
            }
            let doc = Doc {
                asset: AssetDto::new(&asset, today),
                tickets: tickets
                    .iter()
                    .map(|t| TicketRow {
                        id: t.id.as_str(),
                        title: &t.title,
                        status: &t.status,
                        created: at(created(t.id.as_str())),
                    })
                    .collect(),
            };
            out.data(&render::document(args.format, doc)?);
        }
    }
    Ok(())
}
