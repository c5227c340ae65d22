//! The on-disk ticket format: serde structs for one YAML file, and conversions to the domain.
//!
//! Files are written for people first: fixed key order, empty fields left out, multi-line text as
//! `|` blocks. Unknown keys are an error (with file and line), so a typo in a hand edit is caught
//! instead of silently dropped. Files over 1 MiB and files with YAML anchors or aliases are
//! refused before parsing (see [`crate::yaml_guard`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::id::TicketId;
use crate::domain::link::{LinkKind, Links};
use crate::domain::ticket::{Comment, Rating, Ticket};
use crate::yaml_guard;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketFile {
    id: String,
    title: String,
    #[serde(rename = "type")]
    ticket_type: String,
    status: String,
    priority: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    urgency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requester: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    asset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    template: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    kb: Vec<String>,
    #[serde(default, skip_serializing_if = "LinksFile::is_empty")]
    links: LinksFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolution: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    escalations: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rating: Option<RatingFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    comments: Vec<CommentFile>,
}

/// Links as the file holds them: one ID for the kinds a ticket has at most one of, lists for the
/// rest.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    children: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    related: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    duplicates: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    blocks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    blocked_by: Vec<String>,
}

impl LinksFile {
    fn is_empty(&self) -> bool {
        self.parent.is_none()
            && self.duplicate_of.is_none()
            && [
                &self.children,
                &self.related,
                &self.duplicates,
                &self.blocks,
                &self.blocked_by,
            ]
            .iter()
            .all(|ids| ids.is_empty())
    }

    fn from_links(links: &Links) -> LinksFile {
        let list = |kind| links.get(kind).iter().map(ToString::to_string).collect();
        let one = |kind| links.get(kind).first().map(ToString::to_string);
        LinksFile {
            parent: one(LinkKind::Parent),
            children: list(LinkKind::Children),
            related: list(LinkKind::Related),
            duplicate_of: one(LinkKind::DuplicateOf),
            duplicates: list(LinkKind::Duplicates),
            blocks: list(LinkKind::Blocks),
            blocked_by: list(LinkKind::BlockedBy),
        }
    }

    /// The links, or the first ID that is not one (with its kind's name).
    fn into_links(self) -> Result<Links, (String, String)> {
        let mut links = Links::default();
        let lists = [
            (
                LinkKind::Parent,
                self.parent.into_iter().collect::<Vec<_>>(),
            ),
            (LinkKind::Children, self.children),
            (LinkKind::Related, self.related),
            (
                LinkKind::DuplicateOf,
                self.duplicate_of.into_iter().collect(),
            ),
            (LinkKind::Duplicates, self.duplicates),
            (LinkKind::Blocks, self.blocks),
            (LinkKind::BlockedBy, self.blocked_by),
        ];
        for (kind, ids) in lists {
            let ids = ids
                .into_iter()
                .map(|id| {
                    TicketId::parse(&id)
                        .map_err(|e| (kind.name().to_string(), format!("'{id}': {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            links.set(kind, ids);
        }
        Ok(links)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingFile {
    score: u8,
    by: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    on_behalf: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentFile {
    author: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    internal: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    automated: bool,
    body: String,
}

/// A ticket file that could not be read as a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Parses a ticket file's text.
///
/// # Errors
/// Broken YAML, unknown keys, missing required fields or a malformed `id`, with the line.
pub fn parse(text: &str) -> Result<Ticket, ParseError> {
    if let Some(message) = yaml_guard::too_large(text.len(), yaml_guard::MAX_TICKET_FILE_BYTES) {
        return Err(ParseError {
            line: None,
            column: None,
            message,
        });
    }
    // Aliases are expanded by the parser at any cost; tix never writes them.
    if let Some(found) = yaml_guard::find_anchor_or_alias(text) {
        return Err(ParseError {
            line: Some(found.line),
            column: Some(found.column),
            message: format!(
                "anchors and aliases are not allowed in ticket files (found an {})",
                found.kind()
            ),
        });
    }
    let file: TicketFile = serde_yaml_ng::from_str(text).map_err(|e| {
        // serde puts a repeated key at the document's start; point at the repetition.
        let duplicate = crate::yaml_guard::duplicate_key_line(text, &e.to_string());
        ParseError {
            line: duplicate.or(e.location().map(|l| l.line())),
            column: e
                .location()
                .filter(|_| duplicate.is_none())
                .map(|l| l.column()),
            message: crate::config::strip_location(&e.to_string()),
        }
    })?;
    let id = TicketId::parse(&file.id).map_err(|e| ParseError {
        line: text
            .lines()
            .position(|l| l.starts_with("id:"))
            .map(|i| i + 1),
        column: None,
        message: e.to_string(),
    })?;
    let links = file
        .links
        .into_links()
        .map_err(|(kind, message)| ParseError {
            line: text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{kind}:")))
                .map(|i| i + 1),
            column: None,
            message: format!("links.{kind}: {message}"),
        })?;
    let mut fields = file.fields;
    // Before `asset` was a field of its own, desks kept it as the custom field `fields.asset`;
    // it moves to the field when the file is next written.
    let asset = file.asset.or_else(|| fields.remove("asset"));
    Ok(Ticket {
        id,
        title: file.title,
        ticket_type: file.ticket_type,
        status: file.status,
        priority: file.priority,
        impact: file.impact,
        urgency: file.urgency,
        category: file.category,
        requester: file.requester,
        assignee: file.assignee,
        team: file.team,
        tags: file.tags,
        due: file.due,
        asset,
        template: file.template,
        kb: file.kb,
        links,
        description: file.description,
        comments: file
            .comments
            .into_iter()
            .map(|c| Comment {
                author: c.author,
                body: c.body,
                internal: c.internal,
                automated: c.automated,
            })
            .collect(),
        resolution: file.resolution,
        fields,
        escalations: file.escalations,
        rating: file.rating.map(|r| Rating {
            score: r.score,
            comment: r.comment,
            by: r.by,
            on_behalf: r.on_behalf,
        }),
    })
}

/// Renders a ticket as the text of its file.
pub fn render(ticket: &Ticket) -> String {
    let file = TicketFile {
        id: ticket.id.to_string(),
        title: ticket.title.clone(),
        ticket_type: ticket.ticket_type.clone(),
        status: ticket.status.clone(),
        priority: ticket.priority.clone(),
        impact: ticket.impact.clone(),
        urgency: ticket.urgency.clone(),
        category: ticket.category.clone(),
        requester: ticket.requester.clone(),
        assignee: ticket.assignee.clone(),
        team: ticket.team.clone(),
        tags: ticket.tags.clone(),
        due: ticket.due.clone(),
        asset: ticket.asset.clone(),
        template: ticket.template.clone(),
        kb: ticket.kb.clone(),
        links: LinksFile::from_links(&ticket.links),
        description: ticket.description.as_deref().map(normalize_block),
        resolution: ticket.resolution.as_deref().map(normalize_block),
        fields: ticket.fields.clone(),
        escalations: ticket.escalations.clone(),
        rating: ticket.rating.as_ref().map(|r| RatingFile {
            score: r.score,
            by: r.by.clone(),
            on_behalf: r.on_behalf,
            comment: r.comment.as_deref().map(normalize_block),
        }),
        comments: ticket
            .comments
            .iter()
            .map(|c| CommentFile {
                author: c.author.clone(),
                internal: c.internal,
                automated: c.automated,
                body: normalize_block(&c.body),
            })
            .collect(),
    };
    // Serializing plain strings, lists and maps cannot fail.
    serde_yaml_ng::to_string(&file).unwrap_or_default()
}

/// Trailing spaces and Windows line endings force YAML's quoted style; dropping them keeps
/// multi-line text in readable `|` blocks.
fn normalize_block(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    text.replace("\r\n", "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::sample_ticket;

    #[test]
    fn render_then_parse_round_trips() {
        let mut t = sample_ticket();
        t.description = Some("Line one\nLine two".into());
        t.tags = vec!["vpn".into()];
        t.due = Some("2026-12-01".into());
        t.fields.insert("room".into(), "B12".into());
        t.asset = Some("LT-042".into());
        t.kb = vec!["printer-jam".into()];
        let other = TicketId::from_entropy("IT", 99);
        t.links.insert(LinkKind::Parent, other.clone());
        t.links.insert(LinkKind::Blocks, other);
        t.comments.push(Comment {
            author: "alice".into(),
            body: "Rebooted.\nStill broken.".into(),
            internal: true,
            automated: false,
        });
        let text = render(&t);
        assert_eq!(parse(&text).unwrap(), t);
        assert!(text.contains("description: |"), "{text}");
        assert!(text.starts_with("id: IT-"), "{text}");
    }

    #[test]
    fn an_asset_kept_as_a_custom_field_becomes_the_asset() {
        let text = render(&sample_ticket()) + "fields:\n  asset: LT-7\n";
        let t = parse(&text).unwrap();
        assert_eq!(t.asset.as_deref(), Some("LT-7"));
        assert!(t.fields.is_empty());
        assert!(render(&t).contains("\nasset: LT-7\n"));
    }

    #[test]
    fn a_bad_link_is_reported_with_its_line() {
        let text = render(&sample_ticket()) + "links:\n  blocks: [nonsense]\n";
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line, Some(text.lines().count()));
        assert!(
            err.message.starts_with("links.blocks: 'nonsense'"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_key_is_reported_with_line() {
        let text = render(&sample_ticket()) + "asignee: bob\n";
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line, Some(text.lines().count()));
        assert!(
            err.message.contains("unknown field `asignee`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn broken_yaml_is_reported_with_line() {
        let err = parse("id: IT-00000000\ntitle: [oops\n").unwrap_err();
        assert!(err.line.is_some());
    }
}
