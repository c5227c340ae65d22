//! `tix intake`: one email (RFC 5322, MIME) becomes a ticket, or a requester's comment on the
//! ticket its subject names. mail-parser decodes the message here; what it means for the desk
//! (title, text, requester, attachment names) is decided in `domain::intake`; the ticket goes
//! through the same creation path as `tix new` and the comment through the same change as
//! `tix comment`, in one commit with its attachments and its intake record.

use std::io::{IsTerminal, Read};

use clap::Args;
use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use serde::Serialize;

use super::Context;
use super::render::document;
use crate::domain::actor::Actor;
use crate::domain::id::TicketId;
use crate::domain::intake::{self, Part, Planned};
use crate::domain::ticket::{Comment, Ticket};
use crate::error::CliError;
use crate::output::Format;
use crate::store::intake::{ATTACHMENTS_DIR, IntakeRecord, record_path, render_record};
use crate::store::{CommitMessage, Repo};

/// Turn an email into a ticket, or into a comment on the ticket its subject names
///
/// Reads one message (RFC 5322 with MIME: multipart, quoted-printable, base64, encoded
/// headers, ISO-8859-x and other charsets) from FILE or standard input, as a mail delivery pipe
/// (procmail, fetchmail, a Postfix or sendmail alias) hands it over. The sender (From:) becomes
/// the requester and the author of the commit (--actor is not used).
///
/// When the subject holds the full ID of an existing ticket (`Re: [IT-7KQ2M4X1] Printer`), or
/// the message answers one that made a ticket (In-Reply-To/References), it becomes a public
/// comment by the sender on that ticket, without the quoted text of the earlier message.
/// Otherwise it opens a new ticket as `tix new` does (matrix, rules, auto-assignment, hooks):
/// the subject without Re:/Fwd:/[tags] is the title, the text part (or the HTML part's text)
/// the description. Attachments are saved under attachments/ID/ in the same commit and listed
/// in the text; one over intake.max_attachment_size is left out and named as such. A message
/// delivered again (same Message-ID) changes nothing and exits 0. The ticket's ID is printed
/// alone on stdout, what happened on stderr.
///
/// Exits 2 when the input is not a mail, has no sender address, or is larger than
/// intake.max_message_size: nothing is written, and the delivering program bounces or retries.
///
/// Examples:
///   tix intake message.eml
///   tix -C /srv/desk intake < message.eml
///   tix intake --format json < message.eml
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct IntakeArgs {
    /// The message file; standard input when left out or `-`
    pub file: Option<String>,

    /// Output format (json and yaml documented in README "Email intake")
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

/// What a message is, decoded.
struct Mail<'m> {
    message_id: Option<String>,
    requester: String,
    sender: Actor,
    subject: Option<String>,
    text: String,
    /// RFC 3834 `Auto-Submitted` (or a vacation responder's marks): never an SLA message.
    automated: bool,
    /// Message-IDs this one answers (In-Reply-To, References), nearest first.
    answers: Vec<String>,
    parts: Vec<(Option<String>, String, &'m [u8])>,
}

/// The JSON document.
#[derive(Serialize)]
struct Report<'a> {
    action: &'a str,
    ticket: &'a str,
    message_id: Option<&'a str>,
    requester: &'a str,
    attachments: Vec<AttachmentReport>,
}

#[derive(Serialize)]
struct AttachmentReport {
    name: String,
    bytes: u64,
    saved: bool,
    /// Repository path of the saved file.
    path: Option<String>,
}

pub fn run(ctx: &mut Context, args: &IntakeArgs) -> Result<(), CliError> {
    let limits = ctx.repo()?.config().intake;
    // Errors name the file when there is one: a script feeding a queue of files is told which.
    let file = args.file.as_deref().filter(|f| *f != "-");
    let raw = read_message(file, limits.max_message_size)?;
    let message = MessageParser::default()
        .parse(&raw)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| not_a_mail(file))?;
    let mail = decode(&message, file)?;
    let record_rel = record_path(mail.message_id.as_deref(), &raw);
    let when = ctx.clock.now();
    let (repo, out) = ctx.repo_and_out()?;
    let lock = repo.lock()?;
    let report = |action: &str, ticket: &str, attachments: Vec<AttachmentReport>| {
        let body = Report {
            action,
            ticket,
            message_id: mail.message_id.as_deref(),
            requester: &mail.requester,
            attachments,
        };
        if args.format != Format::Table {
            out.data(&document(args.format, body)?);
        } else {
            out.data(ticket);
        }
        Ok::<(), CliError>(())
    };
    if let Some(record) = repo.intake_record(&record_rel)? {
        let shown = mail.message_id.as_deref().map_or_else(
            || "the same message".into(),
            |id| format!("Message-ID <{id}>"),
        );
        out.status(&format!(
            "Already received as {} ({shown}); nothing changed.",
            record.ticket
        ));
        return report("duplicate", &record.ticket, vec![]);
    }
    let existing = target(repo, &mail)?;
    let id = match &existing {
        Some(id) => id.clone(),
        None => repo.new_id()?,
    };
    let taken = repo.attachment_names(id.as_str())?;
    let parts: Vec<Part<'_>> = mail
        .parts
        .iter()
        .map(|(name, content_type, bytes)| Part {
            name: name.as_deref(),
            content_type,
            bytes: bytes.len() as u64,
        })
        .collect();
    let planned = intake::plan_attachments(&parts, limits.max_attachment_size, &|n| {
        taken.iter().any(|t| t.eq_ignore_ascii_case(n))
    });
    for p in planned.iter().filter(|p| !p.saved) {
        out.warn(&format!(
            "attachment {} ({}) is larger than intake.max_attachment_size ({}); not saved",
            crate::domain::text::quote_for_message(&p.name),
            intake::format_size(p.bytes),
            intake::format_size(limits.max_attachment_size)
        ));
    }
    let note = intake::attachment_note(&id, &planned, limits.max_attachment_size);
    let mut files = attachment_files(&id, &planned, &mail);
    let action = if existing.is_some() {
        "commented"
    } else {
        "created"
    };
    files.push((
        record_rel,
        render_record(&IntakeRecord {
            message_id: mail.message_id.clone(),
            ticket: id.to_string(),
            action: action.into(),
            received: when.to_rfc3339(),
        }),
    ));
    let attachments = attachment_reports(&id, &planned);
    match existing {
        None => {
            let title = intake::clean_title(mail.subject.as_deref());
            let mut ticket = Ticket::draft(&repo.config().schema, id, title);
            ticket.requester = Some(mail.requester.clone());
            ticket.description =
                Some(intake::compose_text(&mail.text, &note, "")).filter(|d| !d.is_empty());
            let auto =
                super::new::commit_new(repo, lock, &mut ticket, false, files, &mail.sender, when)?;
            out.status(&format!(
                "Created {} from mail by {}",
                ticket.id, mail.requester
            ));
            report(action, ticket.id.as_str(), attachments)?;
            auto.report_and_notify(repo, out, &ticket);
        }
        Some(id) => {
            let body = intake::compose_text(
                intake::strip_quoted_reply(&mail.text),
                &note,
                intake::NO_TEXT,
            );
            let comment = Comment {
                author: mail.requester.clone(),
                body,
                internal: false,
                automated: mail.automated,
            };
            let mut add = |t: &mut crate::domain::ticket::Ticket,
                           _: &crate::domain::ticket::Schema| {
                t.comments.push(comment.clone());
                Ok(())
            };
            let Some((_, ticket, auto)) = super::context::change_one(repo, &id, &mut add)? else {
                return Err(CliError::internal(
                    "adding a comment left the ticket as it was",
                ));
            };
            let mut message = CommitMessage::for_ticket(id.as_str(), "comment", &ticket.title);
            auto.decorate(&mut message);
            repo.commit_with(lock, &[&ticket], files, &message, &mail.sender, when)?;
            out.status(&format!(
                "Added a comment to {} from mail by {}",
                ticket.id, mail.requester
            ));
            report(action, ticket.id.as_str(), attachments)?;
            auto.report_and_notify(repo, out, &ticket);
        }
    }
    Ok(())
}

/// "FILE" or "the input".
fn input_name(file: Option<&str>) -> String {
    file.map_or_else(|| "the input".to_string(), str::to_string)
}

fn not_a_mail(file: Option<&str>) -> CliError {
    CliError::input(format!(
        "{} is not an email message: it has no header fields (RFC 5322)",
        input_name(file)
    ))
    .with_hint("give tix intake one whole message, headers first, as a mail system delivers it")
}

/// The raw message, refused when larger than `limit` bytes (read no further than that).
fn read_message(file: Option<&str>, limit: u64) -> Result<Vec<u8>, CliError> {
    let (reader, source): (Box<dyn Read>, String) = match file {
        None => {
            if std::io::stdin().is_terminal() {
                return Err(CliError::input(
                    "tix intake reads a message from standard input, which is a terminal",
                )
                .with_hint("pipe one in (tix intake < message.eml) or name the file"));
            }
            (Box::new(std::io::stdin()), "standard input".into())
        }
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| CliError::input(format!("cannot read {path}: {e}")))?;
            (Box::new(file), path.to_string())
        }
    };
    let mut raw = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| CliError::input(format!("cannot read {source}: {e}")))?;
    if raw.len() as u64 > limit {
        return Err(CliError::input(format!(
            "the message on {source} is larger than intake.max_message_size ({}); nothing was written",
            intake::format_size(limit)
        ))
        .with_hint("raise intake.max_message_size in .tix/config.yaml, or ask the sender to share large files another way"));
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(CliError::input(format!(
            "{} is empty: there is no message to take in",
            input_name(file)
        ))
        .with_hint(
            "give tix intake one whole message, headers first, as a mail system delivers it",
        ));
    }
    Ok(raw)
}

/// The parts of a message the desk uses.
fn decode<'m>(message: &'m Message<'m>, file: Option<&str>) -> Result<Mail<'m>, CliError> {
    let within = file.map(|f| format!(" in {f}")).unwrap_or_default();
    let from = message.from().and_then(|a| a.first());
    let address = from.and_then(|a| a.address()).ok_or_else(|| {
        CliError::input(format!(
            "the message{within} has no sender: its From: header is missing or holds no address"
        ))
        .with_hint("tix intake needs the sender, who becomes the requester")
    })?;
    let requester = intake::requester(from.and_then(|a| a.name()), address).ok_or_else(|| {
        CliError::input(format!(
            "the sender {} of the message{within} is not an email address",
            crate::domain::text::quote_for_message(address)
        ))
    })?;
    let sender = Actor::parse(&requester)
        .ok_or_else(|| CliError::internal(format!("{requester} is not an author")))?;
    let text = message
        .body_text(0)
        .map(|t| intake::clean_text(&t))
        .unwrap_or_default();
    let header_text = |name: &str| {
        message
            .header(name)
            .and_then(HeaderValue::as_text)
            .map(str::trim)
            .map(str::to_ascii_lowercase)
    };
    let automated = header_text("Auto-Submitted").is_some_and(|v| v != "no")
        || message.header("X-Autoreply").is_some()
        || message.header("X-Autorespond").is_some()
        || header_text("Precedence").is_some_and(|v| v == "auto_reply");
    let mut answers = ids_of(message.in_reply_to());
    answers.extend(ids_of(message.references()).into_iter().rev());
    let parts = message
        .attachments()
        .filter(|p| !matches!(p.body, PartType::Multipart(_)))
        .map(|p| {
            let content_type = p.content_type().map_or_else(
                || "application/octet-stream".to_string(),
                |ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("octet-stream")),
            );
            (
                p.attachment_name().map(str::to_string),
                content_type,
                p.contents(),
            )
        })
        .collect();
    Ok(Mail {
        message_id: message
            .message_id()
            .map(|id| intake::clean_text(id).replace('\n', " "))
            .filter(|id| !id.is_empty()),
        requester,
        sender,
        subject: message.subject().map(str::to_string),
        text,
        automated,
        answers,
        parts,
    })
}

/// Message-IDs in an In-Reply-To or References header.
fn ids_of(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.to_string()],
        HeaderValue::TextList(ids) => ids.iter().map(ToString::to_string).collect(),
        _ => vec![],
    }
}

/// The existing ticket a message answers: the first full ID of this desk in its subject whose
/// ticket exists, else the ticket of the first message it replies to that tix received.
fn target(repo: &Repo, mail: &Mail<'_>) -> Result<Option<TicketId>, CliError> {
    let prefix = &repo.config().id_prefix;
    for id in intake::subject_ids(mail.subject.as_deref().unwrap_or_default(), prefix) {
        if repo.workdir().join(Repo::ticket_path(&id)).is_file() {
            return Ok(Some(id));
        }
    }
    for answered in &mail.answers {
        if let Some(record) = repo.intake_record(&record_path(Some(answered), b""))?
            && let Ok(id) = TicketId::parse(&record.ticket)
            && repo.workdir().join(Repo::ticket_path(&id)).is_file()
        {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// The saved attachments as repository files.
fn attachment_files(id: &TicketId, planned: &[Planned], mail: &Mail<'_>) -> Vec<(String, Vec<u8>)> {
    planned
        .iter()
        .zip(&mail.parts)
        .filter(|(p, _)| p.saved)
        .map(|(p, (_, _, bytes))| (format!("{ATTACHMENTS_DIR}/{id}/{}", p.name), bytes.to_vec()))
        .collect()
}

fn attachment_reports(id: &TicketId, planned: &[Planned]) -> Vec<AttachmentReport> {
    planned
        .iter()
        .map(|p| AttachmentReport {
            name: p.name.clone(),
            bytes: p.bytes,
            saved: p.saved,
            path: p
                .saved
                .then(|| format!("{ATTACHMENTS_DIR}/{id}/{}", p.name)),
        })
        .collect()
}
