//! Knowledge-base figures of a period: how often articles solved tickets, and how often an
//! article answered a ticket with no agent reply (deflection).
//!
//! Definitions, for a period `[since, until)`, over the tickets resolved (at least once) in it,
//! the same tickets first-contact resolution counts:
//! - *with an article*: the ticket names at least one knowledge-base article (`tix resolve
//!   --kb`, its `kb` list as the working tree has it now);
//! - *deflected*: with an article, and no public agent reply before its first resolution: the
//!   article answered the request on its own;
//! - *articles*: per article, the tickets resolved in the period that name it, most used first.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::facts::Facts;
use super::volume::Period;

/// The articles each ticket names, by ticket ID.
pub type ArticlesUsed = HashMap<String, Vec<String>>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Knowledge {
    /// Tickets resolved in the period.
    pub resolved: usize,
    /// Of those, naming at least one article.
    pub with_article: usize,
    /// Of those, with no public agent reply before the first resolution.
    pub deflected: usize,
    /// (slug, tickets resolved in the period naming it), most used first, then by slug.
    pub articles: Vec<(String, usize)>,
}

/// The knowledge-base figures of `period` over `facts`.
pub fn knowledge(facts: &[&Facts<'_>], used: &ArticlesUsed, period: Period) -> Knowledge {
    let within = |t: &DateTime<Utc>| *t >= period.since && *t < period.until;
    let mut out = Knowledge::default();
    let mut per_article: BTreeMap<&str, usize> = BTreeMap::new();
    for f in facts {
        if !f.resolutions.iter().any(within) {
            continue;
        }
        out.resolved += 1;
        let slugs = used
            .get(&f.timeline.ticket_id)
            .map_or(&[][..], Vec::as_slice);
        if slugs.is_empty() {
            continue;
        }
        out.with_article += 1;
        if f.replies_before_resolution == 0 {
            out.deflected += 1;
        }
        for slug in slugs {
            *per_article.entry(slug).or_default() += 1;
        }
    }
    out.articles = per_article
        .into_iter()
        .map(|(slug, n)| (slug.to_string(), n))
        .collect();
    out.articles
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
