//! `tix report` in the terminal: sections of short aligned tables, with sparklines for the
//! daily trend and bars for distributions, fitting the width given.

use std::fmt::Write;

use super::data::kind_totals;
use super::{
    GROUP_HEADER, bar, business_span, group_row, percent, share, span, sparkline, stats_cells,
};
use crate::metrics::report::Report;
use crate::metrics::summary::{AGE_BUCKETS, Figures, ratio};
use crate::report::sla::instant;
use crate::report::table::render;

/// Rows of breaches and recurring incidents shown before "... and N more".
const LIST_LIMIT: usize = 10;

pub fn render_text(r: &Report, width: Option<u16>) -> String {
    let mut out = String::new();
    let f = &r.figures;
    let _ = writeln!(
        out,
        "Report {} to {} ({}), history as of {}\n",
        instant(r.period.since),
        instant(r.period.until),
        r.zone.name(),
        instant(r.as_of)
    );
    volume(&mut out, r, width);
    times(&mut out, f, width);
    sla(&mut out, f, width);
    quality(&mut out, f);
    knowledge(&mut out, r);
    workload(&mut out, r, width);
    breaches(&mut out, r, width);
    recurring(&mut out, r, width);
    groups(&mut out, r, width);
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "{title}");
}

fn volume(out: &mut String, r: &Report, width: Option<u16>) {
    let f = &r.figures;
    let v = &f.volume;
    heading(out, "Volume");
    let _ = writeln!(
        out,
        "  created {}, resolved {}, reopened {}, closed {}{}",
        v.created,
        v.resolved,
        v.reopened,
        v.closed,
        if v.deleted_open > 0 {
            format!(", deleted while open {}", v.deleted_open)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "  backlog {} -> {} open ({} active, {} paused)",
        v.backlog_start, f.backlog.open, f.backlog.active, f.backlog.paused
    );
    let deleted = if v.deleted_open > 0 {
        format!(" - deleted {}", v.deleted_open)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "  flow: start {} + created {} - resolved {} + reopened {}{deleted} = end {}",
        v.backlog_start, v.created, v.resolved, v.reopened, v.backlog_end
    );
    if r.daily.len() > 1 {
        // One character a day; a long period shows its most recent days.
        let room = usize::from(width.unwrap_or(100)).saturating_sub(24).max(10);
        let days = r
            .daily
            .get(r.daily.len().saturating_sub(room)..)
            .unwrap_or(&r.daily);
        let line = |label: &str, pick: fn(&crate::metrics::report::Day) -> usize| {
            let values: Vec<usize> = days.iter().map(pick).collect();
            let max = values.iter().max().copied().unwrap_or(0);
            format!("  {label:<9} {} max {max}\n", sparkline(&values))
        };
        let first = days.first().map(|d| d.date.to_string()).unwrap_or_default();
        let _ = writeln!(out, "  daily from {first}:");
        out.push_str(&line("created", |d| d.created));
        out.push_str(&line("resolved", |d| d.resolved));
        out.push_str(&line("backlog", |d| d.backlog));
    }
    let most = f.backlog.ages.iter().max().copied().unwrap_or(0);
    let rows: Vec<Vec<String>> = AGE_BUCKETS
        .iter()
        .zip(f.backlog.ages)
        .map(|((label, _), n)| vec![format!("  {label}"), n.to_string(), bar(n, most, 20)])
        .collect();
    out.push_str(&render(&["  backlog age", "open", ""], &rows, width));
    out.push('\n');
}

fn times(out: &mut String, f: &Figures, width: Option<u16>) {
    heading(
        out,
        "Times (business time is net of pauses, on each ticket's SLA calendar)",
    );
    let row = |label: &str, s: Option<&crate::metrics::stats::Summary>, fmt: fn(i64) -> String| {
        let mut row = vec![format!("  {label}")];
        row.extend(stats_cells(s, fmt));
        row
    };
    let rows = vec![
        row("first response", f.first_response.calendar.as_ref(), span),
        row(
            "  business",
            f.first_response.business.as_ref(),
            business_span,
        ),
        row("resolution", f.resolution.calendar.as_ref(), span),
        row("  business", f.resolution.business.as_ref(), business_span),
    ];
    out.push_str(&render(
        &["", "count", "mean", "median", "p90", "p95"],
        &rows,
        width,
    ));
    out.push('\n');
}

fn sla(out: &mut String, f: &Figures, width: Option<u16>) {
    heading(out, "SLA attainment (met / met + breached)");
    if f.sla.is_empty() {
        let _ = writeln!(out, "  no clock stopped or breached in the period\n");
        return;
    }
    let mut rows: Vec<Vec<String>> = kind_totals(&f.sla)
        .into_iter()
        .map(|(kind, met, breached)| {
            let rate = ratio(met, met + breached);
            vec![
                format!("  {}", kind.as_str()),
                "all".into(),
                met.to_string(),
                breached.to_string(),
                percent(rate),
                bar(met, met + breached, 10),
            ]
        })
        .collect();
    rows.extend(f.sla.iter().map(|a| {
        vec![
            format!("  {}", a.kind.as_str()),
            a.priority.clone(),
            a.met.to_string(),
            a.breached.to_string(),
            percent(ratio(a.met, a.met + a.breached)),
            bar(a.met, a.met + a.breached, 10),
        ]
    }));
    out.push_str(&render(
        &["  clock", "priority", "met", "breached", "attained", ""],
        &rows,
        width,
    ));
    out.push('\n');
}

/// Shown once some ticket resolved in the period names an article.
fn knowledge(out: &mut String, r: &Report) {
    let k = &r.knowledge;
    if k.with_article == 0 {
        return;
    }
    heading(out, "Knowledge base");
    let _ = writeln!(
        out,
        "  resolved with an article {}, deflected (no agent reply) {}",
        share(k.with_article, k.resolved),
        share(k.deflected, k.with_article)
    );
    for (slug, n) in k.articles.iter().take(LIST_LIMIT) {
        let _ = writeln!(out, "  {n:>5}  kb/{slug}");
    }
    more_articles(out, k.articles.len());
    out.push('\n');
}

fn more_articles(out: &mut String, total: usize) {
    if total > LIST_LIMIT {
        let _ = writeln!(out, "  ... and {} more", total - LIST_LIMIT);
    }
}

fn quality(out: &mut String, f: &Figures) {
    let fc = &f.first_contact;
    let s = &f.satisfaction;
    heading(out, "Quality");
    let _ = writeln!(
        out,
        "  first-contact resolution {} of resolved, {} of them without a reply",
        share(fc.first_contact, fc.resolved),
        fc.zero_reply
    );
    let _ = writeln!(
        out,
        "  reopened after resolution {}",
        share(f.reopens.reopened, f.reopens.resolved)
    );
    let mean = ratio(f.reassignment.total, f.reassignment.tickets)
        .map_or_else(|| "-".to_string(), |m| format!("{m:.1}"));
    let _ = writeln!(
        out,
        "  reassignments per resolved ticket: mean {mean}, max {}",
        f.reassignment.max
    );
    let average =
        ratio(s.score_sum(), s.ratings()).map_or_else(|| "-".to_string(), |a| format!("{a:.1}"));
    let _ = writeln!(
        out,
        "  satisfaction: CSAT {} (4-5 of {} ratings), average {average}, response rate {}",
        percent(ratio(s.satisfied(), s.ratings())),
        s.ratings(),
        share(s.rated_resolved, s.resolved)
    );
    if s.ratings() > 0 {
        let most = s.distribution.iter().max().copied().unwrap_or(0);
        for (score, n) in s.distribution.iter().enumerate().rev() {
            let _ = writeln!(out, "    {} {:>4} {}", score + 1, n, bar(*n, most, 20));
        }
    }
    out.push('\n');
}

fn workload(out: &mut String, r: &Report, width: Option<u16>) {
    heading(
        out,
        "Workload at the end (open tickets; weighted by priority)",
    );
    let most = r.workload.iter().map(|l| l.weighted).max().unwrap_or(0);
    let rows: Vec<Vec<String>> = r
        .workload
        .iter()
        .filter(|l| l.agent.is_some() || l.open > 0)
        .map(|l| {
            vec![
                format!("  {}", l.agent.as_deref().unwrap_or("(unassigned)")),
                l.open.to_string(),
                l.weighted.to_string(),
                bar(l.weighted as usize, most as usize, 20),
            ]
        })
        .collect();
    out.push_str(&render(&["  agent", "open", "weighted", ""], &rows, width));
    out.push('\n');
}

fn breaches(out: &mut String, r: &Report, width: Option<u16>) {
    let _ = writeln!(out, "SLA breaches in the period: {}", r.breaches.len());
    if r.breaches.is_empty() {
        out.push('\n');
        return;
    }
    let rows: Vec<Vec<String>> = r
        .breaches
        .iter()
        .take(LIST_LIMIT)
        .map(|b| {
            vec![
                format!("  {}", b.ticket),
                b.kind.as_str().to_string(),
                b.priority.clone(),
                b.breach_at.map(instant).unwrap_or_else(|| "-".into()),
                b.breached_by_secs
                    .map(business_span)
                    .unwrap_or_else(|| "-".into()),
                b.title.clone(),
            ]
        })
        .collect();
    out.push_str(&render(
        &[
            "  ticket",
            "clock",
            "priority",
            "breached at",
            "over by",
            "title",
        ],
        &rows,
        width,
    ));
    more(out, r.breaches.len());
    out.push('\n');
}

fn recurring(out: &mut String, r: &Report, width: Option<u16>) {
    let _ = writeln!(out, "Recurring incidents: {}", r.recurring.len());
    if r.recurring.is_empty() {
        out.push('\n');
        return;
    }
    let rows: Vec<Vec<String>> = r
        .recurring
        .iter()
        .take(LIST_LIMIT)
        .map(|x| {
            vec![
                format!("  {}", x.tickets.len()),
                x.pattern.as_str().replace('_', " "),
                x.key.clone(),
                x.tickets.join(" "),
            ]
        })
        .collect();
    out.push_str(&render(
        &["  count", "by", "pattern", "tickets"],
        &rows,
        width,
    ));
    more(out, r.recurring.len());
    out.push('\n');
}

fn more(out: &mut String, total: usize) {
    if total > LIST_LIMIT {
        let _ = writeln!(
            out,
            "  ... and {} more (--format json lists them all)",
            total - LIST_LIMIT
        );
    }
}

fn groups(out: &mut String, r: &Report, width: Option<u16>) {
    let Some(by) = r.by else { return };
    heading(out, &format!("By {}", by.as_str()));
    let rows: Vec<Vec<String>> = r
        .groups
        .iter()
        .map(|g| group_row(&format!("  {}", g.key), &g.figures))
        .collect();
    let first = format!("  {}", by.as_str());
    let header: Vec<&str> = std::iter::once(first.as_str())
        .chain(GROUP_HEADER)
        .collect();
    out.push_str(&render(&header, &rows, width));
}
