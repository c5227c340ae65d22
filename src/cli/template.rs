//! `tix new --template NAME` (a ticket and its child tasks from a template, in one commit) and
//! `tix template list|show`.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::new::NewArgs;
use crate::domain::link::{self, LinkKind};
use crate::domain::template::{Template, expand};
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::output::Format;
use crate::store::CommitMessage;

/// Request templates: defaults, typed custom fields and child tasks
///
/// A template is a file, .tix/templates/NAME.yaml, committed with the desk. `tix new --template
/// NAME --field KEY=VALUE...` opens a ticket from it, with a child task for each of its `tasks`
/// (one per team: account, hardware, access...), each with its own owner and SLA clocks, all in
/// one commit. The template's fields are typed (text, number, date, choice) and may be
/// required; every later write of the ticket is checked against them.
///
/// Example (.tix/templates/onboarding.yaml):
///   about: A new employee's first day
///   type: request
///   title: "Onboarding: {employee}"
///   fields:
///     employee: {type: text, required: true}
///     start_date: {type: date, required: true}
///     laptop: {type: choice, values: [mac, windows, linux], default: linux}
///   tasks:
///     - title: "Account for {employee}"
///       team: identity
///     - title: "{laptop} laptop for {employee}"
///       team: hardware
///
///   tix new --template onboarding --field employee="Bob Jones" --field start_date=2026-12-14
#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the templates
    List(FormatArgs),
    /// Show a template: its defaults, fields and child tasks
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub name: String,
    #[command(flatten)]
    pub format: FormatArgs,
}

pub fn run(ctx: &mut Context, args: &TemplateArgs) -> Result<(), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let templates = &repo.config().schema.templates;
    match &args.command {
        TemplateCommand::List(f) => match f.format {
            Format::Table => {
                if templates.is_empty() {
                    out.status("No templates: add one as .tix/templates/NAME.yaml (tix template --help shows an example).");
                }
                let width = templates.keys().map(String::len).max().unwrap_or(0);
                for t in templates.values() {
                    let tasks = match t.tasks.len() {
                        0 => String::new(),
                        n => format!(" (+{n} child tasks)"),
                    };
                    out.data(&format!(
                        "{:<width$}  {}{tasks}",
                        t.name,
                        t.about.as_deref().unwrap_or("-")
                    ));
                }
            }
            format => {
                #[derive(Serialize)]
                struct Doc<'a> {
                    templates: Vec<TemplateDto<'a>>,
                }
                let doc = Doc {
                    templates: templates.values().map(TemplateDto::from).collect(),
                };
                out.data(&super::render::document(format, doc)?);
            }
        },
        TemplateCommand::Show(s) => {
            let t = find(templates, &s.name)?;
            match s.format.format {
                Format::Table => out.data(&describe(t)),
                format => {
                    #[derive(Serialize)]
                    struct Doc<'a> {
                        template: TemplateDto<'a>,
                    }
                    let doc = Doc {
                        template: TemplateDto::from(t),
                    };
                    out.data(&super::render::document(format, doc)?);
                }
            }
        }
    }
    Ok(())
}

fn find<'a>(
    templates: &'a BTreeMap<String, Template>,
    name: &str,
) -> Result<&'a Template, CliError> {
    templates.get(name).ok_or_else(|| {
        let known: Vec<&str> = templates.keys().map(String::as_str).collect();
        let hint = if known.is_empty() {
            "this desk has none; add one as .tix/templates/NAME.yaml (tix template --help)"
                .to_string()
        } else {
            format!("templates: {}", known.join(", "))
        };
        CliError::input(format!(
            "no template '{name}' (no file .tix/templates/{name}.yaml)"
        ))
        .with_hint(hint)
    })
}

fn describe(t: &Template) -> String {
    let mut text = format!("{}  {}\n", t.name, t.about.as_deref().unwrap_or(""));
    let d = &t.defaults;
    for (key, value) in [
        ("title", &d.title),
        ("type", &d.ticket_type),
        ("priority", &d.priority),
        ("category", &d.category),
        ("team", &d.team),
        ("assignee", &d.assignee),
    ] {
        if let Some(value) = value {
            text.push_str(&format!("  {key:<9} {value}\n"));
        }
    }
    if !d.tags.is_empty() {
        text.push_str(&format!("  {:<9} {}\n", "tags", d.tags.join(", ")));
    }
    if !t.fields.is_empty() {
        text.push_str("\nFields (--field NAME=VALUE):\n");
        let width = t.fields.keys().map(String::len).max().unwrap_or(0);
        for (name, spec) in &t.fields {
            let mut line = format!("  {name:<width$}  {}", spec.kind.name());
            if let crate::domain::template::FieldType::Choice(values) = &spec.kind {
                line.push_str(&format!(" of {}", values.join(", ")));
            }
            if spec.required {
                line.push_str(", required");
            }
            if let Some(default) = &spec.default {
                line.push_str(&format!(", default {default}"));
            }
            if let Some(about) = &spec.about {
                line.push_str(&format!(": {about}"));
            }
            text.push_str(&line);
            text.push('\n');
        }
    }
    if !t.tasks.is_empty() {
        text.push_str("\nChild tasks:\n");
        for task in &t.tasks {
            let team = task
                .team
                .as_deref()
                .map(|t| format!(" (team {t})"))
                .unwrap_or_default();
            text.push_str(&format!(
                "  {}{team}\n",
                task.title.as_deref().unwrap_or("-")
            ));
        }
    }
    text.trim_end().to_string()
}

#[derive(Serialize)]
struct TemplateDto<'a> {
    name: &'a str,
    about: Option<&'a str>,
    title: Option<&'a str>,
    #[serde(rename = "type")]
    ticket_type: Option<&'a str>,
    priority: Option<&'a str>,
    category: Option<&'a str>,
    team: Option<&'a str>,
    tags: &'a [String],
    fields: Vec<FieldDto<'a>>,
    tasks: Vec<TaskDto<'a>>,
}

#[derive(Serialize)]
struct FieldDto<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    values: Option<&'a [String]>,
    required: bool,
    default: Option<&'a str>,
}

#[derive(Serialize)]
struct TaskDto<'a> {
    title: Option<&'a str>,
    team: Option<&'a str>,
    assignee: Option<&'a str>,
}

impl<'a> From<&'a Template> for TemplateDto<'a> {
    fn from(t: &'a Template) -> TemplateDto<'a> {
        let d = &t.defaults;
        TemplateDto {
            name: &t.name,
            about: t.about.as_deref(),
            title: d.title.as_deref(),
            ticket_type: d.ticket_type.as_deref(),
            priority: d.priority.as_deref(),
            category: d.category.as_deref(),
            team: d.team.as_deref(),
            tags: &d.tags,
            fields: t
                .fields
                .iter()
                .map(|(name, spec)| FieldDto {
                    name,
                    kind: spec.kind.name(),
                    values: match &spec.kind {
                        crate::domain::template::FieldType::Choice(v) => Some(v),
                        _ => None,
                    },
                    required: spec.required,
                    default: spec.default.as_deref(),
                })
                .collect(),
            tasks: t
                .tasks
                .iter()
                .map(|task| TaskDto {
                    title: task.title.as_deref(),
                    team: task.team.as_deref(),
                    assignee: task.assignee.as_deref(),
                })
                .collect(),
        }
    }
}

/// `tix new --template NAME`: the ticket from the template's defaults and the command line,
/// its child tasks, all checked and run through automation first, then one commit.
pub fn new_from(ctx: &mut Context, args: &NewArgs, name: &str) -> Result<(), CliError> {
    let description = super::new::description(args)?;
    if args.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
        return Err(CliError::input(
            "--message is empty; leave it out or write the comment",
        ));
    }
    let actor = ctx.actor()?;
    let when = ctx.clock.now();
    let today = ctx.clock.now_utc().date_naive();
    let (repo, out) = ctx.repo_and_out()?;
    let schema = &repo.config().schema;
    let template = find(&schema.templates, name)?;
    let given: BTreeMap<String, String> = args.fields.iter().cloned().collect();
    let fields = template.with_defaults(&given);
    template.check(&fields)?;
    let title = match (&args.title, &template.defaults.title) {
        (Some(title), _) => title.trim().to_string(),
        (None, Some(pattern)) => expand(pattern, "", &fields).trim().to_string(),
        (None, None) => {
            return Err(CliError::input(format!(
                "missing --title: the template '{name}' gives no title"
            )));
        }
    };
    let lock = repo.lock()?;
    let d = &template.defaults;
    let mut parent = Ticket::draft(schema, repo.new_id()?, title.clone());
    apply(&mut parent, d, &title, &fields);
    super::new::fill(&mut parent, args, description, fields.clone(), &actor);
    parent.template = Some(template.name.clone());
    let mut children = Vec::new();
    for task in &template.tasks {
        let task_title = expand(task.title.as_deref().unwrap_or_default(), &title, &fields);
        let mut child = Ticket::draft(schema, repo.new_id()?, task_title.trim().to_string());
        child.ticket_type.clone_from(&parent.ticket_type);
        child.priority.clone_from(&parent.priority);
        child.category.clone_from(&parent.category);
        child.requester.clone_from(&parent.requester);
        child.asset.clone_from(&parent.asset);
        apply(&mut child, task, &title, &fields);
        link::link(&mut parent, LinkKind::Children, &mut child)?;
        children.push(child);
    }
    // Every ticket is checked and automated before anything is written.
    let mut autos = vec![super::new::prepare(
        repo,
        &mut parent,
        args.priority.is_some(),
    )?];
    for (child, task) in children.iter_mut().zip(&template.tasks) {
        let explicit = task.priority.is_some() || args.priority.is_some();
        autos.push(super::new::prepare(repo, child, explicit).map_err(|e| {
            CliError::new(
                e.kind,
                format!("child task '{}': {}", child.title, e.message),
            )
        })?);
    }
    let all: Vec<&Ticket> = std::iter::once(&parent).chain(&children).collect();
    let mut message = if children.is_empty() {
        CommitMessage::for_ticket(parent.id.as_str(), "new", &parent.title)
    } else {
        let list: Vec<(&str, &str)> = all
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        CommitMessage::for_tickets("new", &list)
    };
    for auto in &autos {
        auto.decorate(&mut message);
    }
    repo.commit(lock, &all, &message, &actor, when)?;
    let printed = out.data_now(parent.id.as_str());
    for (auto, ticket) in autos.iter().zip(&all) {
        auto.report_and_notify(repo, out, ticket);
    }
    super::asset::warn_for_ticket(repo, out, &parent, today);
    if !children.is_empty() {
        let list: Vec<String> = children
            .iter()
            .map(|c| {
                let owner = c
                    .assignee
                    .as_deref()
                    .or(c.team.as_deref())
                    .unwrap_or("nobody yet");
                format!("{} {} ({owner})", c.id, c.title)
            })
            .collect();
        out.status(&format!(
            "Created {} from template {name} with {} child tasks:\n  {}",
            parent.id,
            children.len(),
            list.join("\n  ")
        ));
    }
    match printed {
        Err(reason) => Err(CliError::repository(format!(
            "cannot write to standard output: {reason}; the ticket was created as {}",
            parent.id
        ))),
        Ok(_) => Ok(()),
    }
}

/// A template's (or task's) defaults on a drafted ticket, placeholders filled in.
fn apply(
    t: &mut Ticket,
    d: &crate::domain::template::Defaults,
    title: &str,
    fields: &BTreeMap<String, String>,
) {
    if let Some(v) = &d.ticket_type {
        t.ticket_type.clone_from(v);
    }
    if let Some(v) = &d.priority {
        t.priority.clone_from(v);
    }
    for (slot, value) in [
        (&mut t.category, &d.category),
        (&mut t.team, &d.team),
        (&mut t.assignee, &d.assignee),
    ] {
        if value.is_some() {
            slot.clone_from(value);
        }
    }
    if let Some(description) = &d.description {
        t.description = Some(expand(description, title, fields));
    }
    for tag in &d.tags {
        t.add_tag(tag);
    }
}
