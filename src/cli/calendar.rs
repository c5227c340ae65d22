//! `tix calendar`: the business-time arithmetic of the config, for scripts and for checking a
//! calendar before it goes live.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::{Context, render};
use crate::error::CliError;
use crate::output::Format;
use crate::report::sla::instant as rfc3339;
use crate::sla::{Calendar, SlaDuration, format_secs};

/// Compute with a business-hours calendar of the config
///
/// NAME is a calendar under `calendars:` in .tix/config.yaml, or 24x7. Exactly one question:
/// --add START DURATION gives the instant when DURATION of open time has passed since START
/// (`1d` is one business day of that calendar); --between A B the open time from A to B;
/// --is-open T whether the calendar is open at T, and when it next opens. Times are RFC 3339
/// (2026-03-02T09:00:00Z or with an offset); answers are shown in UTC and in the calendar's zone.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The calendar's name
    pub name: String,

    /// START DURATION: when DURATION of open time has passed since START
    #[arg(long, num_args = 2, value_names = ["START", "DURATION"], group = "question")]
    pub add: Option<Vec<String>>,

    /// A B: the open time between A and B
    #[arg(long, num_args = 2, value_names = ["A", "B"], group = "question")]
    pub between: Option<Vec<String>>,

    /// T: whether the calendar is open at T
    #[arg(long, value_name = "T", group = "question")]
    pub is_open: Option<String>,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

#[derive(Serialize)]
struct Answer {
    calendar: String,
    timezone: String,
    question: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_secs: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result_local: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_open: Option<String>,
}

fn instant(flag: &str, text: &str) -> Result<DateTime<Utc>, CliError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            CliError::input(format!(
                "{flag} '{text}' is not an RFC 3339 time such as 2026-03-02T09:00:00Z"
            ))
        })
}

/// An instant in the calendar's zone, as RFC 3339 with its offset.
fn local(calendar: &Calendar, t: DateTime<Utc>) -> String {
    t.with_timezone(&calendar.zone())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `--add START DURATION`.
fn add_question(
    calendar: &Calendar,
    start: &str,
    duration: &str,
    answer: &mut Answer,
) -> Result<String, CliError> {
    let start = instant("--add", start)?;
    let duration: SlaDuration = duration
        .parse()
        .map_err(|e| CliError::input(format!("--add duration '{duration}': {e}")))?;
    let secs = duration.resolve(calendar);
    let due = calendar.add(start, secs);
    answer.question = "add";
    answer.start = Some(rfc3339(start));
    answer.duration_secs = Some(secs);
    answer.result = Some(rfc3339(due));
    answer.result_local = Some(local(calendar, due));
    Ok(format!(
        "{} + {} of open time = {} ({})\n",
        rfc3339(start),
        format_secs(secs),
        rfc3339(due),
        local(calendar, due)
    ))
}

/// `--between A B`.
fn between_question(
    calendar: &Calendar,
    a: &str,
    b: &str,
    answer: &mut Answer,
) -> Result<String, CliError> {
    let (a, b) = (instant("--between", a)?, instant("--between", b)?);
    if b < a {
        return Err(CliError::input("--between A B: B is before A"));
    }
    let secs = calendar.working(a, b);
    answer.question = "between";
    answer.start = Some(rfc3339(a));
    answer.end = Some(rfc3339(b));
    answer.duration_secs = Some(secs);
    Ok(format!(
        "{} of open time from {} to {} ({} seconds)\n",
        format_secs(secs),
        rfc3339(a),
        rfc3339(b),
        secs
    ))
}

/// `--is-open T`.
fn is_open_question(calendar: &Calendar, t: &str, answer: &mut Answer) -> Result<String, CliError> {
    let t = instant("--is-open", t)?;
    let open = calendar.is_open(t);
    let next = calendar.next_open(t);
    answer.question = "is_open";
    answer.start = Some(rfc3339(t));
    answer.open = Some(open);
    answer.next_open = Some(rfc3339(next));
    Ok(if open {
        format!("open at {} ({})\n", rfc3339(t), local(calendar, t))
    } else {
        format!(
            "closed at {} ({}); opens {} ({})\n",
            rfc3339(t),
            local(calendar, t),
            rfc3339(next),
            local(calendar, next)
        )
    })
}

pub fn run(ctx: &mut Context, args: &CalendarArgs) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let calendars = &repo.config().sla.calendars;
    let calendar: &Calendar = calendars.get(&args.name).ok_or_else(|| {
        let known: Vec<&str> = calendars.names().collect();
        CliError::input(format!(
            "no calendar '{}' in .tix/config.yaml; known: {}",
            args.name,
            std::iter::once("24x7")
                .chain(known)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let mut answer = Answer {
        calendar: args.name.clone(),
        timezone: calendar.zone().name().to_string(),
        question: "",
        start: None,
        end: None,
        duration_secs: None,
        result: None,
        result_local: None,
        open: None,
        next_open: None,
    };
    // clap gives --add and --between exactly two values each.
    let text = match (args.add.as_deref(), args.between.as_deref(), &args.is_open) {
        (Some([start, duration]), _, _) => add_question(calendar, start, duration, &mut answer)?,
        (_, Some([a, b]), _) => between_question(calendar, a, b, &mut answer)?,
        (_, _, Some(t)) => is_open_question(calendar, t, &mut answer)?,
        _ => {
            return Err(CliError::input(
                "ask one question: --add START DURATION, --between A B or --is-open T",
            ));
        }
    };
    let output = match args.format {
        Format::Json | Format::Yaml => render::document(args.format, answer)?,
        _ => text,
    };
    ctx.out.data(&output);
    Ok(())
}
