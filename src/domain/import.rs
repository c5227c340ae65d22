//! `tix import`: records (from JSON, JSON Lines or CSV) checked against the desk and turned into
//! the ticket versions to commit, each with its original time and author.
//!
//! Everything is checked before anything is written: [`plan`] returns every bad record (its
//! record number, line where known, and what is wrong) or the whole plan. A record is the
//! shape `tix export` writes (README "Export"): the fields of `tix show --format json`, maybe
//! `created_at` / `created_by`, maybe `history` (replayed entry by entry, entries of one
//! instant and actor as one commit), or the flat CSV recipe's `created_at`, `resolved_at` and
//! `closed_at` columns. A record without a time becomes a ticket created now, by the importer.
//!
//! Imported histories are not held to today's workflow transitions: they happened under
//! another desk's rules. Every version must still be a valid ticket under this desk's schema.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::event::TicketSnapshot;
use super::field::{Field, Shape};
use super::id::TicketId;
use super::ticket::{Comment, Rating, Schema, Ticket};

/// The custom field that holds a record's external key (`--key`).
pub const EXTERNAL_ID: &str = "external_id";

/// One input record: its position and its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based position in the input.
    pub number: usize,
    /// The line it starts on (CSV, JSON Lines); `None` inside a JSON array.
    pub line: Option<usize>,
    pub values: Map<String, Value>,
}

/// What is wrong with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub number: usize,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line} (record {}): {}", self.number, self.message),
            None => write!(f, "record {}: {}", self.number, self.message),
        }
    }
}

/// Reads JSON: a `{"version": 1, "tickets": [...]}` document, an array of records, or JSON
/// Lines (one record per line).
///
/// # Errors
/// Malformed JSON, with its line; a record that is not an object.
pub fn read_json(text: &str) -> Result<Vec<Record>, RecordError> {
    let text = text.trim_start_matches('\u{feff}');
    let whole: Result<Value, _> = serde_json::from_str(text);
    let bad = |number, line, message: String| RecordError {
        number,
        line,
        message,
    };
    let items: Vec<(Option<usize>, Value)> = match whole {
        Ok(Value::Array(items)) => items.into_iter().map(|v| (None, v)).collect(),
        Ok(Value::Object(mut doc)) if doc.contains_key("tickets") => match doc.remove("tickets") {
            Some(Value::Array(items)) => items.into_iter().map(|v| (None, v)).collect(),
            _ => return Err(bad(0, None, "\"tickets\" is not a list of records".into())),
        },
        Ok(other) => vec![(Some(1), other)],
        Err(_) => {
            // JSON Lines: one record per non-empty line.
            let mut items = Vec::new();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let value: Value = serde_json::from_str(line).map_err(|e| {
                    bad(
                        items.len() + 1,
                        Some(i + 1),
                        format!(
                            "not JSON: {e} (the input is neither one JSON document nor JSON Lines)"
                        ),
                    )
                })?;
                items.push((Some(i + 1), value));
            }
            items
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, (line, value))| match value {
            Value::Object(values) => Ok(Record {
                number: i + 1,
                line,
                values,
            }),
            _ => Err(bad(i + 1, line, "a record must be a JSON object".into())),
        })
        .collect()
}

/// Reads CSV with a header row (UTF-8, BOM allowed, quoted commas and line breaks), renaming
/// columns by `map` (`column=field`). Empty cells are absent values.
///
/// # Errors
/// Malformed CSV, with its line.
pub fn read_csv(text: &str, map: &[(String, String)]) -> Result<Vec<Record>, RecordError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let bad = |number, line: Option<u64>, message: String| RecordError {
        number,
        line: line.and_then(|l| usize::try_from(l).ok()),
        message,
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(0, Some(1), format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| {
            let h = h.trim();
            map.iter()
                .find(|(from, _)| from == h)
                .map_or_else(|| h.to_string(), |(_, to)| to.clone())
        })
        .collect();
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| {
            bad(
                i + 1,
                e.position().map(csv::Position::line),
                format!("not valid CSV: {e}"),
            )
        })?;
        let line = row.position().map(csv::Position::line);
        let mut values = Map::new();
        for (header, cell) in headers.iter().zip(row.iter()) {
            if !cell.is_empty() {
                values.insert(header.clone(), Value::String(cell.to_string()));
            }
        }
        out.push(Record {
            number: i + 1,
            line: line.and_then(|l| usize::try_from(l).ok()),
            values,
        });
    }
    Ok(out)
}

/// One version of a ticket to commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub ticket: Ticket,
}

/// What an import does to one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new ticket, created by its first version.
    Created(Vec<Version>),
    /// An existing ticket brought to the record's state by one version.
    Updated(Box<Version>),
    Unchanged(TicketId),
}

/// The desk an import lands in.
pub struct Desk<'a> {
    pub schema: &'a Schema,
    /// Existing tickets by ID, and their IDs by external key.
    pub existing: &'a HashMap<TicketId, Ticket>,
    pub by_key: &'a HashMap<String, TicketId>,
    /// The record key holding each record's external key (`--key`), if any.
    pub key: Option<&'a str>,
    /// The importer (the actor of versions without a time), and now.
    pub importer: &'a str,
    pub now: DateTime<Utc>,
    /// With `--strict`: agents by name or email; every actor and assignee must be one.
    pub agents: Option<&'a dyn Fn(&str) -> bool>,
}

/// Turns `records` into outcomes, asking `new_id` for the IDs of new tickets without one (it
/// may fail, with a message); `progress` hears how many records were checked before each.
///
/// # Errors
/// Every bad record, in input order.
pub fn plan(
    records: &[Record],
    desk: &Desk<'_>,
    new_id: &mut dyn FnMut() -> Result<TicketId, String>,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Outcome>, Vec<RecordError>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, record) in records.iter().enumerate() {
        progress(n);
        let fail = |message: String| RecordError {
            number: record.number,
            line: record.line,
            message,
        };
        match plan_one(record, desk, &mut seen, new_id) {
            Ok(outcome) => out.push(outcome),
            Err(message) => errors.push(fail(message)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn plan_one(
    record: &Record,
    desk: &Desk<'_>,
    seen: &mut HashMap<String, usize>,
    new_id: &mut dyn FnMut() -> Result<TicketId, String>,
) -> Result<Outcome, String> {
    let v = &record.values;
    let key =
        match desk.key {
            Some(k) => Some(text(v, k)?.ok_or_else(|| {
                format!("no `{k}` (the --key column): every record needs its key")
            })?),
            None => None,
        };
    let given_id = text(v, "id")?
        .map(|id| TicketId::parse(&id).map_err(|e| format!("id: {e}")))
        .transpose()?;
    let identity = key
        .clone()
        .or_else(|| given_id.as_ref().map(ToString::to_string));
    if let Some(identity) = &identity
        && let Some(first) = seen.insert(identity.clone(), record.number)
    {
        return Err(format!(
            "`{identity}` appears again (first in record {first}): each ticket once per import"
        ));
    }
    let existing_id = key
        .as_ref()
        .and_then(|k| desk.by_key.get(k).cloned())
        .or_else(|| given_id.clone().filter(|id| desk.existing.contains_key(id)));
    let id = match (&existing_id, &given_id) {
        (Some(id), _) | (None, Some(id)) => id.clone(),
        (None, None) => new_id()?,
    };
    let mut target = ticket_of(v, id.clone(), desk.schema)?;
    if let Some(k) = &key {
        target.fields.insert(EXTERNAL_ID.to_string(), k.clone());
    }
    target.validate(desk.schema).map_err(|e| e.to_string())?;
    if let Some(is_agent) = desk.agents {
        strict(v, &target, is_agent)?;
    }
    if let Some(current) = existing_id.as_ref().and_then(|id| desk.existing.get(id)) {
        if *current == target {
            return Ok(Outcome::Unchanged(id));
        }
        return Ok(Outcome::Updated(Box::new(Version {
            at: desk.now,
            actor: desk.importer.to_string(),
            ticket: target,
        })));
    }
    let versions = match v.get("history") {
        Some(Value::Array(entries)) if !entries.is_empty() => replay(entries, v, &target, desk)?,
        Some(Value::Array(_)) | Some(Value::Null) | None => flat(v, &target, desk)?,
        Some(_) => return Err("history: must be a list of entries".into()),
    };
    for version in &versions {
        version
            .ticket
            .validate(desk.schema)
            .map_err(|e| format!("history at {}: {e}", version.at.to_rfc3339()))?;
    }
    Ok(Outcome::Created(versions))
}

/// A text value of `key`: a string, a number, or absent (`null`, empty).
fn text(v: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(format!("{key}: expected a text")),
    }
}

fn time(v: &Map<String, Value>, key: &str) -> Result<Option<DateTime<Utc>>, String> {
    text(v, key)?
        .map(|t| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| format!("{key}: '{t}' is not an RFC 3339 time (2026-03-02T09:00:00Z)"))
        })
        .transpose()
}

/// The ticket a record describes, in its final state.
fn ticket_of(v: &Map<String, Value>, id: TicketId, schema: &Schema) -> Result<Ticket, String> {
    let mut t = Ticket::draft(schema, id, String::new());
    for field in Field::ALL {
        let list = field.shape() == Shape::List;
        let value = match (field, v.get(field.name())) {
            (_, Some(Value::Array(items))) if list => Some(
                items
                    .iter()
                    .map(|t| {
                        t.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| format!("{}: expected texts", field.name()))
                    })
                    .collect::<Result<Vec<_>, _>>()?
                    .join(","),
            ),
            // CSV has lists as `a;b`.
            _ if list => text(v, field.name())?.map(|t| t.replace(';', ",")),
            _ => text(v, field.name())?,
        };
        if let Some(value) = value {
            t.set_field(field.name(), &value)
                .map_err(|e| e.to_string())?;
        }
    }
    if t.title.trim().is_empty() {
        return Err("title: missing; every ticket needs a title".into());
    }
    match v.get("fields") {
        None | Some(Value::Null) => {}
        Some(Value::Object(fields)) => {
            for k in fields.keys() {
                if let Some(value) = text(fields, k)? {
                    t.set_field(&format!("fields.{k}"), &value)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        Some(_) => return Err("fields: expected an object of custom fields".into()),
    }
    for k in v.keys() {
        if let Some(name) = k
            .strip_prefix("field.")
            .or_else(|| k.strip_prefix("fields."))
            && let Some(value) = text(v, k)?
        {
            t.set_field(&format!("fields.{name}"), &value)
                .map_err(|e| e.to_string())?;
        }
    }
    t.comments = match v.get("comments") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| comment(c).map_err(|e| format!("comments[{i}]: {e}")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("comments: expected a list".into()),
    };
    t.escalations = match v.get("escalations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(keys)) => keys
            .iter()
            .map(|k| {
                k.as_str()
                    .map(str::to_string)
                    .ok_or("escalations: expected texts")
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("escalations: expected a list".into()),
    };
    t.links = links(v.get("links"))?;
    t.rating = match v.get("rating") {
        None | Some(Value::Null) => None,
        Some(Value::Object(r)) => Some(rating(r)?),
        Some(Value::String(s)) if s.is_empty() => None,
        Some(other) => Some(Rating {
            score: score(other)?,
            comment: None,
            by: text(v, "requester")?.unwrap_or_default(),
            on_behalf: false,
        }),
    };
    Ok(t)
}

/// `links` as `tix export` writes them: kind → a list of IDs (or one ID).
fn links(v: Option<&Value>) -> Result<crate::domain::link::Links, String> {
    use crate::domain::link::{LinkKind, Links};
    let mut links = Links::default();
    let map = match v {
        None | Some(Value::Null) => return Ok(links),
        Some(Value::Object(map)) => map,
        Some(_) => return Err("links: expected a map of kind to IDs".into()),
    };
    for (name, ids) in map {
        let kind = LinkKind::parse(name).ok_or_else(|| {
            format!(
                "links: unknown kind '{name}'; kinds: {}",
                LinkKind::names().collect::<Vec<_>>().join(", ")
            )
        })?;
        let ids: Vec<&Value> = match ids {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let ids = ids
            .into_iter()
            .map(|id| {
                let text = id.as_str().ok_or(format!("links.{name}: expected IDs"))?;
                TicketId::parse(text).map_err(|e| format!("links.{name}: '{text}': {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        links.set(kind, ids);
    }
    Ok(links)
}

fn score(v: &Value) -> Result<u8, String> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    };
    n.and_then(|n| u8::try_from(n).ok())
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| format!("rating: {v} is not a score from 1 to 5"))
}

fn rating(r: &Map<String, Value>) -> Result<Rating, String> {
    Ok(Rating {
        score: score(r.get("score").unwrap_or(&Value::Null))?,
        comment: text(r, "comment")?,
        by: text(r, "by")?.unwrap_or_default(),
        on_behalf: matches!(r.get("on_behalf"), Some(Value::Bool(true))),
    })
}

fn comment(c: &Value) -> Result<Comment, String> {
    let Value::Object(c) = c else {
        return Err("expected an object with author and body".into());
    };
    Ok(Comment {
        author: text(c, "author")?.ok_or("no author")?,
        body: text(c, "body")?.unwrap_or_default(),
        internal: matches!(c.get("internal"), Some(Value::Bool(true))),
        automated: matches!(c.get("automated"), Some(Value::Bool(true))),
    })
}

/// With `--strict`: the record's actors and assignee are agents.
fn strict(
    v: &Map<String, Value>,
    t: &Ticket,
    is_agent: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    if let Some(a) = &t.assignee
        && !is_agent(a)
    {
        return Err(format!("assignee: '{a}' is not an agent (--strict)"));
    }
    if let Some(Value::Array(entries)) = v.get("history") {
        for e in entries {
            if let Some(Value::String(actor)) = e.get("actor")
                && let Some(Value::String(kind)) = e.get("kind")
                && kind != "created"
                && kind != "rated"
                && !is_agent(actor)
                && t.requester.as_deref() != Some(actor.as_str())
            {
                return Err(format!(
                    "history: actor '{actor}' is neither an agent nor the requester (--strict)"
                ));
            }
        }
    }
    Ok(())
}

/// A record without history: created at `created_at` (else now), then resolved and closed at
/// `resolved_at` and `closed_at` when given.
fn flat(v: &Map<String, Value>, target: &Ticket, desk: &Desk<'_>) -> Result<Vec<Version>, String> {
    let created = time(v, "created_at")?;
    let resolved = time(v, "resolved_at")?;
    let closed = time(v, "closed_at")?;
    let by = text(v, "created_by")?.unwrap_or_else(|| desk.importer.to_string());
    let workflow = &desk.schema.workflow;
    let Some(created) = created else {
        if resolved.is_some() || closed.is_some() {
            return Err("resolved_at/closed_at need created_at".into());
        }
        return Ok(vec![Version {
            at: desk.now,
            actor: desk.importer.to_string(),
            ticket: target.clone(),
        }]);
    };
    let mut steps: Vec<(DateTime<Utc>, &str)> = Vec::new();
    if let Some(r) = resolved {
        let status = if closed.is_some() || !workflow.is_done(&target.status) {
            workflow.commands.resolve.as_str()
        } else {
            target.status.as_str()
        };
        steps.push((r, status));
    }
    if let Some(c) = closed {
        steps.push((c, workflow.commands.close.as_str()));
    }
    let mut last = created;
    for (at, _) in &steps {
        if *at < last {
            return Err(format!(
                "times out of order: {} is before {}",
                at.to_rfc3339(),
                last.to_rfc3339()
            ));
        }
        last = *at;
    }
    future(last, desk)?;
    let mut first = target.clone();
    if !steps.is_empty() {
        first.status = workflow.initial.clone();
        first.resolution = None;
        first.rating = None;
    }
    let mut versions = vec![Version {
        at: created,
        actor: by.clone(),
        ticket: first,
    }];
    for (at, status) in steps {
        let mut t = versions
            .last()
            .map(|v| v.ticket.clone())
            .unwrap_or_else(|| target.clone());
        t.status = status.to_string();
        t.resolution = target.resolution.clone();
        versions.push(Version {
            at,
            actor: by.clone(),
            ticket: t,
        });
    }
    finish(&mut versions, target);
    Ok(versions)
}

fn future(at: DateTime<Utc>, desk: &Desk<'_>) -> Result<(), String> {
    if at > desk.now {
        return Err(format!(
            "{} is in the future (now is {})",
            at.to_rfc3339(),
            desk.now.to_rfc3339()
        ));
    }
    Ok(())
}

/// Brings the last version to the record's final state, in one more version at the same time
/// when something differs (text the history does not carry: the description, a resolution).
fn finish(versions: &mut Vec<Version>, target: &Ticket) {
    let Some(last) = versions.last() else { return };
    if last.ticket != *target {
        let (at, actor) = (last.at, last.actor.clone());
        versions.push(Version {
            at,
            actor,
            ticket: target.clone(),
        });
    }
}

/// Replays `history` (the shape `tix export --with-history` writes). Fields, comments and the
/// rating the record does not give itself are those the history built.
fn replay(
    entries: &[Value],
    record: &Map<String, Value>,
    target: &Ticket,
    desk: &Desk<'_>,
) -> Result<Vec<Version>, String> {
    let mut versions: Vec<Version> = Vec::new();
    let mut last_at: Option<DateTime<Utc>> = None;
    for (i, entry) in entries.iter().enumerate() {
        let at_err = |m: String| format!("history[{i}]: {m}");
        let Value::Object(e) = entry else {
            return Err(at_err("expected an object".into()));
        };
        let at = time(e, "at")
            .map_err(at_err)?
            .ok_or_else(|| at_err("no `at`".into()))?;
        if last_at.is_some_and(|l| at < l) {
            return Err(at_err(format!(
                "out of order: {} is before the entry above",
                at.to_rfc3339()
            )));
        }
        future(at, desk).map_err(at_err)?;
        last_at = Some(at);
        let actor = text(e, "actor")
            .map_err(at_err)?
            .ok_or_else(|| at_err("no `actor`".into()))?;
        let kind = text(e, "kind").map_err(at_err)?.unwrap_or_default();
        let mut t = match (versions.last(), kind.as_str()) {
            (None, "created") => {
                let Some(Value::Object(s)) = e.get("ticket") else {
                    return Err(at_err("created: no `ticket` with the first fields".into()));
                };
                let mut first = target.clone();
                first.comments.clear();
                first.rating = None;
                first.resolution = None;
                // The fields a timeline's creation records.
                for f in Field::ALL.into_iter().filter(|f| TicketSnapshot::holds(*f)) {
                    let value = match (f, s.get(f.name())) {
                        (Field::Tags, Some(Value::Array(tags))) => tags
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(","),
                        _ => text(s, f.name()).map_err(at_err)?.unwrap_or_default(),
                    };
                    first
                        .set_field(f.name(), &value)
                        .map_err(|e| at_err(e.to_string()))?;
                }
                first
            }
            (None, _) => return Err(at_err("the first entry must be `created`".into())),
            (Some(_), "created") => {
                return Err(at_err("`created` again: a ticket is created once".into()));
            }
            (Some(prev), _) => prev.ticket.clone(),
        };
        match kind.as_str() {
            "created" => {}
            "status" | "priority" => {
                let to = text(e, "to")
                    .map_err(at_err)?
                    .ok_or_else(|| at_err(format!("{kind}: no `to`")))?;
                t.set_field(&kind, &to).map_err(|e| at_err(e.to_string()))?;
                if kind == "status" && desk.schema.workflow.is_done(&to) {
                    t.resolution.clone_from(&target.resolution);
                }
            }
            "field" => {
                let field = text(e, "field")
                    .map_err(at_err)?
                    .ok_or_else(|| at_err("field: no `field`".into()))?;
                let to = text(e, "to").map_err(at_err)?.unwrap_or_default();
                let to = if field == "tags" {
                    to.replace(", ", ",")
                } else {
                    to
                };
                t.set_field(&field, &to)
                    .map_err(|e| at_err(e.to_string()))?;
            }
            "comment" => t.comments.push(comment(entry).map_err(at_err)?),
            "rated" => {
                t.rating = match e.get("score") {
                    None | Some(Value::Null) => None,
                    Some(s) => {
                        let score = score(s).map_err(at_err)?;
                        Some(match &target.rating {
                            Some(r) if r.score == score => r.clone(),
                            _ => Rating {
                                score,
                                comment: None,
                                by: actor.clone(),
                                on_behalf: false,
                            },
                        })
                    }
                }
            }
            "deleted" => return Err(at_err("a deleted ticket cannot be imported".into())),
            other => return Err(at_err(format!("unknown kind '{other}'"))),
        }
        // Entries of one instant by one actor were one commit.
        match versions.last_mut() {
            Some(prev) if prev.at == at && prev.actor == actor => prev.ticket = t,
            _ => versions.push(Version {
                at,
                actor,
                ticket: t,
            }),
        }
    }
    let mut target = target.clone();
    if let Some(last) = versions.last() {
        // What the record leaves out is as the history left it.
        for f in Field::ALL {
            if !record.contains_key(f.name()) {
                let value = f.of(&last.ticket).joined(",").unwrap_or_default();
                target
                    .set_field(f.name(), &value)
                    .map_err(|e| format!("{}: {e}", f.name()))?;
            }
        }
        if !record.contains_key("comments") {
            target.comments.clone_from(&last.ticket.comments);
        }
        if !record.contains_key("rating") {
            target.rating.clone_from(&last.ticket.rating);
        }
    }
    finish(&mut versions, &target);
    Ok(versions)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::ticket::sample_schema;

    fn desk<'a>(
        schema: &'a Schema,
        existing: &'a HashMap<TicketId, Ticket>,
        by_key: &'a HashMap<String, TicketId>,
    ) -> Desk<'a> {
        Desk {
            schema,
            existing,
            by_key,
            key: None,
            importer: "Importer <imp@example.com>",
            now: Utc
                .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
                .single()
                .expect("now"),
            agents: None,
        }
    }

    fn ids() -> impl FnMut() -> Result<TicketId, String> {
        let mut n = 0;
        move || {
            n += 1;
            TicketId::parse(&format!("IT-0000000{n}")).map_err(|e| e.to_string())
        }
    }

    #[test]
    fn csv_keeps_quoted_commas_and_line_breaks_and_drops_the_bom() {
        let records = read_csv(
            "\u{feff}title,Body\n\"A, b\",\"one\ntwo\"\nC,\n",
            &[("Body".into(), "description".into())],
        )
        .expect("csv");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].values["title"], "A, b");
        assert_eq!(records[0].values["description"], "one\ntwo");
        assert_eq!(
            records[1].line,
            Some(4),
            "the second record starts after the two-line one"
        );
        assert!(
            !records[1].values.contains_key("description"),
            "empty cells are absent"
        );
    }

    #[test]
    fn json_reads_documents_arrays_and_lines() {
        for text in [
            r#"{"version": 1, "tickets": [{"title": "A"}, {"title": "B"}]}"#,
            r#"[{"title": "A"}, {"title": "B"}]"#,
            "{\"title\": \"A\"}\n\n{\"title\": \"B\"}\n",
        ] {
            let records = read_json(text).expect(text);
            assert_eq!(records.len(), 2, "{text}");
            assert_eq!(records[1].values["title"], "B");
        }
        let bad = read_json("{\"title\": \"A\"}\n{oops}\n").expect_err("bad line");
        assert_eq!(bad.line, Some(2));
    }

    #[test]
    fn every_bad_record_is_reported_and_history_entries_of_one_commit_stay_together() {
        let schema = sample_schema();
        let (existing, by_key) = (HashMap::new(), HashMap::new());
        let d = desk(&schema, &existing, &by_key);
        let records = read_json(
            r#"[{"title": ""},
                {"title": "Late", "created_at": "2026-03-09"},
                {"title": "Backwards", "history": [
                    {"at": "2026-03-02T10:00:00Z", "actor": "a", "kind": "created", "ticket": {"title": "B", "type": "incident", "status": "new", "priority": "P3"}},
                    {"at": "2026-03-02T09:00:00Z", "actor": "a", "kind": "status", "from": "new", "to": "open"}]},
                {"title": "Good", "history": [
                    {"at": "2026-03-02T09:00:00Z", "actor": "dana", "kind": "created", "ticket": {"title": "Good", "type": "incident", "status": "new", "priority": "P3"}},
                    {"at": "2026-03-02T09:00:00Z", "actor": "dana", "kind": "comment", "author": "dana", "internal": false, "body": "Help"},
                    {"at": "2026-03-02T10:00:00Z", "actor": "alice", "kind": "status", "from": "new", "to": "open"}]}]"#,
        )
        .expect("json");
        let errors = plan(&records, &d, &mut ids(), &mut |_| {}).expect_err("three bad records");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "record 1: title: missing; every ticket needs a title",
                "record 2: created_at: '2026-03-09' is not an RFC 3339 time (2026-03-02T09:00:00Z)",
                "record 3: history[1]: out of order: 2026-03-02T09:00:00+00:00 is before the entry above",
            ]
        );
        let good = plan(&records[3..], &d, &mut ids(), &mut |_| {}).expect("good");
        let Outcome::Created(versions) = &good[0] else {
            panic!("created")
        };
        // Created with its first comment (one commit), then opened.
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0].ticket.comments.len(), 1);
        assert_eq!(versions[1].ticket.status, "open");
        assert_eq!(versions[1].actor, "alice");
    }
}
