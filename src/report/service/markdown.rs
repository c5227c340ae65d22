//! `tix report --format markdown`: a compact summary for a CI job page
//! (`$GITHUB_STEP_SUMMARY`, a GitLab report): one headline table, SLA attainment, the breaches
//! and the recurring incidents, each list cut at ten rows.

use std::fmt::Write;

use super::data::kind_totals;
use super::{business_span, percent, share, span};
use crate::metrics::report::Report;
use crate::metrics::summary::ratio;
use crate::report::sla::instant;

const LIST_LIMIT: usize = 10;

/// Makes text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn render_markdown(r: &Report) -> String {
    let f = &r.figures;
    let v = &f.volume;
    let s = &f.satisfaction;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Service desk report\n\n{} to {} ({})\n",
        instant(r.period.since),
        instant(r.period.until),
        r.zone.name()
    );
    let median = |t: &Option<crate::metrics::stats::Summary>| {
        t.map_or_else(|| "-".to_string(), |s| span(s.median))
    };
    let p90 = |t: &Option<crate::metrics::stats::Summary>| {
        t.map_or_else(|| "-".to_string(), |s| span(s.p90))
    };
    let (met, breached) = f.sla_totals();
    let rows = [
        ("Created", v.created.to_string()),
        ("Resolved", v.resolved.to_string()),
        ("Reopened", v.reopened.to_string()),
        (
            "Backlog (start -> end)",
            format!(
                "{} -> {} ({} paused)",
                v.backlog_start, f.backlog.open, f.backlog.paused
            ),
        ),
        (
            "First response (median / p90)",
            format!(
                "{} / {}",
                median(&f.first_response.calendar),
                p90(&f.first_response.calendar)
            ),
        ),
        (
            "Resolution (median / p90)",
            format!(
                "{} / {}",
                median(&f.resolution.calendar),
                p90(&f.resolution.calendar)
            ),
        ),
        ("SLA attainment", share(met, met + breached)),
        (
            "First-contact resolution",
            share(f.first_contact.first_contact, f.first_contact.resolved),
        ),
        ("Reopen rate", share(f.reopens.reopened, f.reopens.resolved)),
        (
            "CSAT",
            match s.ratings() {
                0 => "- (no ratings)".to_string(),
                1 => format!("{} of 1 rating", percent(ratio(s.satisfied(), 1))),
                n => format!("{} of {n} ratings", percent(ratio(s.satisfied(), n))),
            },
        ),
    ];
    let _ = writeln!(out, "| Metric | Value |\n|---|---|");
    for (name, value) in rows {
        let _ = writeln!(out, "| {name} | {value} |");
    }
    if !f.sla.is_empty() {
        let _ = writeln!(
            out,
            "\n### SLA attainment\n\n| Clock | Met | Breached | Attained |\n|---|---:|---:|---:|"
        );
        for (kind, met, breached) in kind_totals(&f.sla) {
            let _ = writeln!(
                out,
                "| {} | {met} | {breached} | {} |",
                kind.as_str(),
                percent(ratio(met, met + breached))
            );
        }
    }
    if !r.breaches.is_empty() {
        let _ = writeln!(
            out,
            "\n### Breaches ({})\n\n| Ticket | Clock | Priority | Over by | Title |\n|---|---|---|---:|---|",
            r.breaches.len()
        );
        for b in r.breaches.iter().take(LIST_LIMIT) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                b.ticket,
                b.kind.as_str(),
                cell(&b.priority),
                b.breached_by_secs
                    .map_or_else(|| "-".to_string(), business_span),
                cell(&b.title)
            );
        }
        more(&mut out, r.breaches.len());
    }
    let k = &r.knowledge;
    if k.with_article > 0 {
        let _ = writeln!(
            out,
            "\n### Knowledge base\n\nResolved with an article: {}; deflected (no agent reply): {}.\n\n| Tickets | Article |\n|---:|---|",
            share(k.with_article, k.resolved),
            share(k.deflected, k.with_article)
        );
        for (slug, n) in k.articles.iter().take(LIST_LIMIT) {
            let _ = writeln!(out, "| {n} | kb/{} |", cell(slug));
        }
        more(&mut out, k.articles.len());
    }
    if !r.recurring.is_empty() {
        let _ = writeln!(
            out,
            "\n### Recurring incidents\n\n| Count | Pattern | Tickets |\n|---:|---|---|"
        );
        for x in r.recurring.iter().take(LIST_LIMIT) {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                x.tickets.len(),
                cell(&x.key),
                x.tickets.join(" ")
            );
        }
        more(&mut out, r.recurring.len());
    }
    out
}

fn more(out: &mut String, total: usize) {
    if total > LIST_LIMIT {
        let _ = writeln!(out, "\n_... and {} more._", total - LIST_LIMIT);
    }
}
