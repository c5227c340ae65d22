//! Recurring problems: the incidents of a period grouped into candidate problem tickets, for
//! `tix problems`. Plain values in, candidates out.
//!
//! Three passes, each over the incidents the earlier passes left, so an incident is in at most
//! one candidate; a group smaller than `min` is no candidate and its incidents stay for the
//! next pass:
//!
//! 1. **Similar titles.** Two titles are similar when their normalised forms
//!    ([`normalise_title`]) are equal, or when the words they share are at least half of the
//!    words either has (Jaccard similarity of the word sets >= 0.5; words as
//!    [`similar::tokens`] makes them, with a final doubled consonant folded so `dropping` and
//!    `drops` are one word). Similar titles are joined through union-find, so a chain ("VPN
//!    drops every hour", "VPN disconnects every hour", "VPN disconnects") is one group. Only
//!    titles sharing one of their rarer words are compared (prefix filtering, exact for this
//!    similarity), which keeps 10,000 incidents fast; a word that is among the rarer words of
//!    more than [`COMMON_WORD`] distinct titles stops bringing more titles in, bounding the
//!    work on a desk of near-identical titles.
//! 2. **The same asset**, across categories: one failing laptop is filed as hardware, network
//!    and software by different people, and it is still one problem. The reason says whether the
//!    category is shared too (`same category and asset: hardware / LT-042`).
//! 3. **The same category and tag**, as `tix report` lists recurring incidents: the largest such
//!    group first, its incidents then taken from the others.
//!
//! Titles come first because a symptom described the same way is the strongest sign of one
//! cause; an asset next because it names the thing at fault; category and tag are the coarsest.
//!
//! A candidate is *covered* when one existing problem ticket is `related` to at least half of
//! its incidents: new incidents keep arriving after a problem is opened, and they should not
//! propose the same problem again, while a group that is mostly new incidents (the problem came
//! back after its fix) is proposed again.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::fmt;

use chrono::{DateTime, Utc};

use super::recurring::{category_tags, normalise_title};
use crate::domain::similar;

/// A word that is among the rarest of more distinct titles than this does not bring a title
/// together with them by itself (it still counts in the similarity): the bound on the work per
/// title.
pub const COMMON_WORD: usize = 1000;

/// The longest proposed title kept from an incident's title, in characters (a ticket title may
/// have 200).
const TITLE_CHARS: usize = 150;

/// One incident of the period, as the grouping sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub created: DateTime<Utc>,
    pub category: Option<String>,
    pub asset: Option<String>,
    pub tags: Vec<String>,
    /// Not finished (in no `done` status).
    pub open: bool,
}

/// An existing problem ticket and the tickets it is `related` to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: String,
    pub related: Vec<String>,
}

/// Why incidents were grouped: what they all have in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Every title is the same once normalised (the normalised title).
    SameTitle(String),
    SimilarTitles,
    SameAsset {
        asset: String,
        /// The category, when every incident has the same one.
        category: Option<String>,
    },
    /// `category / tag`.
    CategoryTag(String),
}

impl Reason {
    /// The reason's name in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::SameTitle(_) => "same_title",
            Reason::SimilarTitles => "similar_titles",
            Reason::SameAsset {
                category: Some(_), ..
            } => "category_asset",
            Reason::SameAsset { category: None, .. } => "asset",
            Reason::CategoryTag(_) => "category_tag",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SameTitle(title) => write!(f, "same title: {title}"),
            Reason::SimilarTitles => f.write_str("similar titles"),
            Reason::SameAsset {
                asset,
                category: Some(category),
            } => write!(f, "same category and asset: {category} / {asset}"),
            Reason::SameAsset {
                asset,
                category: None,
            } => write!(f, "same asset: {asset}"),
            Reason::CategoryTag(key) => write!(f, "same category and tag: {key}"),
        }
    }
}

/// A proposed problem: a group of incidents and what they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its place in the listing, from 1 (`tix problems --create --pick N`).
    pub number: usize,
    /// The title a problem ticket for it gets.
    pub title: String,
    /// What grouped them first, then whatever else they all share.
    pub reasons: Vec<Reason>,
    /// The category (asset) of every incident, when they all have the same one.
    pub category: Option<String>,
    pub asset: Option<String>,
    /// Incident IDs, oldest first.
    pub incidents: Vec<String>,
    /// How many of them are not finished.
    pub open: usize,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// The problem ticket related to at least half of the incidents (the one related to most;
    /// the lowest ID on a tie).
    pub covered_by: Option<String>,
    /// Orders candidates of the same size: the pass and what it grouped by.
    key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    Title,
    Asset,
    CategoryTag,
}

/// The candidate problems among `incidents`, groups of at least `min`: the most incidents
/// first, then by what they were grouped by. The result does not depend on the order of
/// `incidents` (an ID given twice counts once).
pub fn candidates(incidents: &[Incident], problems: &[Problem], min: usize) -> Vec<Candidate> {
    let min = min.max(1);
    let mut order: Vec<&Incident> = incidents.iter().collect();
    order.sort_by(|a, b| (&a.id, a.created).cmp(&(&b.id, b.created)));
    order.dedup_by(|a, b| a.id == b.id);
    order.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    let mut taken = vec![false; order.len()];
    let mut groups: Vec<(Pass, Vec<usize>)> = Vec::new();
    let mut take = |members: Vec<usize>, pass: Pass, taken: &mut Vec<bool>| {
        for &i in &members {
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
        }
        groups.push((pass, members));
    };
    let free = |taken: &[bool], i: usize| taken.get(i) == Some(&false);

    for members in title_groups(&order) {
        if members.len() >= min {
            take(members, Pass::Title, &mut taken);
        }
    }

    let mut by_asset: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, incident) in order.iter().enumerate() {
        if let (true, Some(asset)) = (free(&taken, i), incident.asset.as_deref()) {
            by_asset.entry(asset).or_default().push(i);
        }
    }
    for members in by_asset.into_values() {
        if members.len() >= min {
            take(members, Pass::Asset, &mut taken);
        }
    }

    let mut by_pair: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, incident) in order.iter().enumerate() {
        if let (true, Some(category)) = (free(&taken, i), incident.category.as_deref()) {
            for key in category_tags(category, incident.tags.iter().map(String::as_str)) {
                let members = by_pair.entry(key).or_default();
                if members.last() != Some(&i) {
                    members.push(i);
                }
            }
        }
    }
    // The largest pair first; one that lost incidents to it goes back with its new size.
    let mut heap: BinaryHeap<(usize, Reverse<&str>)> = by_pair
        .iter()
        .filter(|(_, m)| m.len() >= min)
        .map(|(key, m)| (m.len(), Reverse(key.as_str())))
        .collect();
    while let Some((size, Reverse(key))) = heap.pop() {
        let live: Vec<usize> = by_pair
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| free(&taken, i))
            .collect();
        if live.len() < min {
            continue;
        }
        if live.len() < size {
            heap.push((live.len(), Reverse(key)));
            continue;
        }
        take(live, Pass::CategoryTag, &mut taken);
    }

    let covering = covering(problems);
    let mut out: Vec<Candidate> = groups
        .into_iter()
        .map(|(pass, members)| {
            let members: Vec<&Incident> = members
                .iter()
                .filter_map(|&i| order.get(i).copied())
                .collect();
            candidate(pass, &members, &covering)
        })
        .collect();
    out.sort_by(|a, b| {
        b.incidents
            .len()
            .cmp(&a.incidents.len())
            .then_with(|| a.key.cmp(&b.key))
    });
    for (i, c) in out.iter_mut().enumerate() {
        c.number = i + 1;
    }
    out
}

/// The distinct words of a normalised title as numbers in `words`, sorted.
fn title_words(title: &str, words: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut out: Vec<u32> = similar::tokens(title)
        .map(|w| {
            let next = u32::try_from(words.len()).unwrap_or(u32::MAX);
            *words.entry(fold(w)).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Drops one of a doubled final consonant left by the stemmer (`dropp`, `jamm`), except `l`, `s`
/// and `z`, which English doubles in the word itself (`install`, `pass`).
fn fold(mut word: String) -> String {
    let mut rev = word.chars().rev();
    if let (Some(last), Some(before)) = (rev.next(), rev.next())
        && last == before
        && word.chars().count() >= 4
        && last.is_ascii_alphabetic()
        && !"aeiouylsz".contains(last)
    {
        word.pop();
    }
    word
}

/// Jaccard similarity of two sorted word sets is at least one half.
fn alike(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    // shared / (|a| + |b| - shared) >= 1/2
    3 * shared >= a.len() + b.len()
}

/// The incidents (indices into `order`) of each group of similar titles, in ascending order
/// within a group.
fn title_groups(order: &[&Incident]) -> Vec<Vec<usize>> {
    let mut titles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, incident) in order.iter().enumerate() {
        let title = normalise_title(&incident.title);
        if !title.is_empty() {
            titles.entry(title).or_default().push(i);
        }
    }
    // Titles with the same words share one set; only the distinct sets are compared.
    let mut words: HashMap<String, u32> = HashMap::new();
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let mut set_index: HashMap<Vec<u32>, usize> = HashMap::new();
    let set_of: Vec<Option<usize>> = titles
        .keys()
        .map(|title| {
            let set = title_words(title, &mut words);
            if set.is_empty() {
                return None;
            }
            Some(*set_index.entry(set.clone()).or_insert_with(|| {
                sets.push(set);
                sets.len() - 1
            }))
        })
        .collect();
    let mut df = vec![0usize; words.len()];
    for &w in sets.iter().flatten() {
        if let Some(n) = df.get_mut(w as usize) {
            *n += 1;
        }
    }
    // Prefix filtering: with the words of every set in one order (rarest first), two sets with
    // a Jaccard similarity of at least 1/2 share a word among the first `len / 2 + 1` of each.
    // So only those words are indexed, and a set is compared with the earlier sets sharing one
    // of them: exact, and it is the rare words that bring titles together.
    let mut groups = UnionFind::new(sets.len());
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    let mut compared = vec![usize::MAX; sets.len()];
    for (s, set) in sets.iter().enumerate() {
        let mut by_rarity = set.clone();
        by_rarity.sort_by_key(|&w| (df.get(w as usize).copied().unwrap_or(0), w));
        by_rarity.truncate(set.len() / 2 + 1);
        for &w in &by_rarity {
            let Some(posting) = postings.get_mut(w as usize) else {
                continue;
            };
            if posting.len() < COMMON_WORD {
                for &t in posting.iter() {
                    let Some(seen) = compared.get_mut(t) else {
                        continue;
                    };
                    if *seen != s {
                        *seen = s;
                        if sets.get(t).is_some_and(|other| alike(set, other)) {
                            groups.union(s, t);
                        }
                    }
                }
            }
            posting.push(s);
        }
    }
    // A title without words is only like itself.
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (t, (_, members)) in titles.into_iter().enumerate() {
        let root = match set_of.get(t).copied().flatten() {
            Some(s) => groups.find(s),
            None => sets.len() + t,
        };
        by_root.entry(root).or_default().extend(members);
    }
    by_root
        .into_values()
        .map(|mut members| {
            members.sort_unstable();
            members
        })
        .collect()
}

/// Union-find with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn parent(&self, x: usize) -> usize {
        self.parent.get(x).copied().unwrap_or(x)
    }

    fn find(&mut self, mut x: usize) -> usize {
        loop {
            let up = self.parent(x);
            if up == x {
                return x;
            }
            let grand = self.parent(up);
            if let Some(p) = self.parent.get_mut(x) {
                *p = grand;
            }
            x = grand;
        }
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        let size = |x: usize| self.size.get(x).copied().unwrap_or(1);
        if a == b {
            return;
        }
        if size(a) < size(b) {
            std::mem::swap(&mut a, &mut b);
        }
        let joined = size(a) + size(b);
        if let (Some(p), Some(n)) = (self.parent.get_mut(b), self.size.get_mut(a)) {
            *p = a;
            *n = joined;
        }
    }
}

/// For each ticket ID, the problems related to it.
fn covering(problems: &[Problem]) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in problems {
        for id in &p.related {
            out.entry(id.as_str()).or_default().push(p.id.as_str());
        }
    }
    out
}

/// The candidate for a group (its incidents oldest first) formed by `pass`.
fn candidate(pass: Pass, members: &[&Incident], covering: &HashMap<&str, Vec<&str>>) -> Candidate {
    let n = members.len();
    let shared = |get: fn(&Incident) -> Option<&str>| -> Option<String> {
        let first = get(members.first()?)?;
        members
            .iter()
            .all(|m| get(m) == Some(first))
            .then(|| first.to_string())
    };
    let category = shared(|i| i.category.as_deref());
    let asset = shared(|i| i.asset.as_deref());
    let normalised: Vec<String> = members.iter().map(|m| normalise_title(&m.title)).collect();
    let same_title = normalised
        .first()
        .filter(|t| !t.is_empty() && normalised.iter().all(|o| o == *t))
        .cloned();
    let common_tag = category.as_deref().and_then(|category| {
        let first = members.first()?;
        let mut tags: Vec<&String> = first
            .tags
            .iter()
            .filter(|t| members.iter().all(|m| m.tags.contains(t)))
            .collect();
        tags.sort();
        category_tags(category, tags.first().map(|t| t.as_str())).next()
    });
    // The title said most often, as its oldest incident wrote it.
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, t) in normalised.iter().enumerate() {
        let entry = counts.entry(t.as_str()).or_insert((0, i));
        entry.0 += 1;
    }
    let commonest = counts
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .max_by_key(|(_, (count, first))| (*count, Reverse(*first)));

    let mut reasons = Vec::new();
    let (title, key) = match pass {
        Pass::Title => {
            let (norm, (_, first)) = commonest.map_or(("", (0, 0)), |(t, c)| (*t, *c));
            let shown = members.get(first).map_or("", |m| m.title.trim());
            reasons.push(match &same_title {
                Some(t) => Reason::SameTitle(t.clone()),
                None => Reason::SimilarTitles,
            });
            (
                format!("Recurring: {} ({n} incidents)", shorten(shown)),
                format!("1 {norm}"),
            )
        }
        Pass::Asset => {
            let asset = asset.clone().unwrap_or_default();
            let title = match &category {
                Some(c) => format!("Recurring on {asset}: {n} incidents ({c})"),
                None => format!("Recurring on {asset}: {n} incidents"),
            };
            reasons.push(Reason::SameAsset {
                asset: asset.clone(),
                category: category.clone(),
            });
            (title, format!("2 {asset}"))
        }
        Pass::CategoryTag => {
            let pair = common_tag.clone().unwrap_or_default();
            reasons.push(Reason::CategoryTag(pair.clone()));
            (
                format!("Recurring: {pair} ({n} incidents)"),
                format!("3 {pair}"),
            )
        }
    };
    if pass != Pass::Title
        && let Some(t) = same_title
    {
        reasons.push(Reason::SameTitle(t));
    }
    if pass != Pass::Asset
        && let Some(a) = &asset
    {
        reasons.push(Reason::SameAsset {
            asset: a.clone(),
            category: category.clone(),
        });
    }
    if pass != Pass::CategoryTag
        && let Some(pair) = common_tag
    {
        reasons.push(Reason::CategoryTag(pair));
    }

    let mut related: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        for p in covering.get(m.id.as_str()).into_iter().flatten() {
            *related.entry(p).or_default() += 1;
        }
    }
    let covered_by = related
        .iter()
        .max_by_key(|(id, count)| (**count, Reverse(**id)))
        .filter(|(_, count)| 2 * **count >= n)
        .map(|(id, _)| (*id).to_string());

    Candidate {
        number: 0,
        title,
        reasons,
        category,
        asset,
        incidents: members.iter().map(|m| m.id.clone()).collect(),
        open: members.iter().filter(|m| m.open).count(),
        first_seen: members
            .first()
            .map_or(DateTime::<Utc>::MIN_UTC, |m| m.created),
        last_seen: members
            .last()
            .map_or(DateTime::<Utc>::MIN_UTC, |m| m.created),
        covered_by,
        key,
    }
}

/// `title` cut to [`TITLE_CHARS`] characters, with an ellipsis when cut.
fn shorten(title: &str) -> String {
    if title.chars().count() <= TITLE_CHARS {
        return title.to_string();
    }
    let mut out: String = title.chars().take(TITLE_CHARS - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
    }

    fn incident(id: &str, day: u32, title: &str) -> Incident {
        Incident {
            id: id.into(),
            title: title.into(),
            created: at(day),
            category: None,
            asset: None,
            tags: vec![],
            open: true,
        }
    }

    /// Whether two titles are similar as the first pass compares them.
    fn similar_titles(a: &str, b: &str) -> bool {
        let (a, b) = (normalise_title(a), normalise_title(b));
        if a == b {
            return !a.is_empty();
        }
        let mut words: HashMap<String, u32> = HashMap::new();
        let a = title_words(&a, &mut words);
        let b = title_words(&b, &mut words);
        !a.is_empty() && !b.is_empty() && alike(&a, &b)
    }

    fn filed(mut i: Incident, category: &str, asset: Option<&str>, tags: &[&str]) -> Incident {
        i.category = Some(category.into());
        i.asset = asset.map(str::to_string);
        i.tags = tags.iter().map(|t| (*t).to_string()).collect();
        i
    }

    #[test]
    fn titles_worded_alike_are_similar() {
        assert!(similar_titles("VPN drops every hour", "vpn dropping again"));
        assert!(similar_titles(
            "VPN drops every hour",
            "VPN disconnects every hour"
        ));
        assert!(similar_titles("RE: Printer jammed!", "printer jam"));
        assert!(!similar_titles("VPN drops every hour", "Printer jams"));
        assert!(!similar_titles("Outlook not working", "Teams not working"));
        assert!(!similar_titles("?!", "?!"));
        assert_eq!(fold("dropp".into()), "drop");
        assert_eq!(fold("install".into()), "install");
        assert_eq!(fold("add".into()), "add");
    }

    #[test]
    fn a_chain_of_similar_titles_is_one_candidate_oldest_first() {
        let incidents = [
            incident("IT-3", 3, "VPN disconnects every hour"),
            incident("IT-1", 1, "VPN drops every hour"),
            incident("IT-2", 2, "vpn dropping again"),
            incident("IT-4", 4, "Printer on floor 2 jams"),
        ];
        let found = candidates(&incidents, &[], 3);
        assert_eq!(found.len(), 1);
        let c = &found[0];
        assert_eq!(c.number, 1);
        assert_eq!(c.incidents, ["IT-1", "IT-2", "IT-3"]);
        assert_eq!(c.title, "Recurring: VPN drops every hour (3 incidents)");
        assert_eq!(c.reasons, [Reason::SimilarTitles]);
        assert_eq!((c.first_seen, c.last_seen), (at(1), at(3)));
        assert_eq!(c.open, 3);
        assert_eq!(c.covered_by, None);
    }

    #[test]
    fn the_same_asset_groups_across_categories_and_says_when_the_category_is_shared() {
        let incidents = [
            filed(
                incident("IT-1", 1, "Battery dies"),
                "hardware",
                Some("LT-042"),
                &[],
            ),
            filed(
                incident("IT-2", 2, "Screen flickers"),
                "hardware",
                Some("LT-042"),
                &[],
            ),
            filed(
                incident("IT-3", 3, "Fan is loud"),
                "hardware",
                Some("LT-042"),
                &[],
            ),
            filed(
                incident("IT-4", 4, "Wifi slow"),
                "network",
                Some("LT-7"),
                &[],
            ),
            filed(
                incident("IT-5", 5, "Keyboard sticks"),
                "hardware",
                Some("LT-7"),
                &[],
            ),
            filed(
                incident("IT-6", 6, "Cannot log in"),
                "access",
                Some("LT-7"),
                &[],
            ),
            filed(
                incident("IT-7", 7, "Mouse lost"),
                "hardware",
                Some("LT-9"),
                &[],
            ),
        ];
        let found = candidates(&incidents, &[], 3);
        let reasons: Vec<String> = found.iter().map(|c| c.reasons[0].to_string()).collect();
        assert_eq!(
            reasons,
            [
                "same category and asset: hardware / LT-042",
                "same asset: LT-7"
            ]
        );
        assert_eq!(found[0].category.as_deref(), Some("hardware"));
        assert_eq!(found[1].category, None);
        assert_eq!(found[1].title, "Recurring on LT-7: 3 incidents");
        assert_eq!(found[0].reasons[0].kind(), "category_asset");
    }

    #[test]
    fn category_and_tag_takes_what_the_other_passes_left_largest_first() {
        let incidents = [
            filed(
                incident("IT-1", 1, "One"),
                "network",
                None,
                &["vpn", "wifi"],
            ),
            filed(
                incident("IT-2", 2, "Two"),
                "network",
                None,
                &["vpn", "wifi"],
            ),
            filed(incident("IT-3", 3, "Three"), "network", None, &["vpn"]),
            filed(incident("IT-4", 4, "Four"), "network", None, &["wifi"]),
            filed(incident("IT-5", 5, "Five"), "network", None, &["wifi"]),
        ];
        let found = candidates(&incidents, &[], 3);
        // wifi has 4, vpn 3; once wifi takes IT-1 and IT-2, vpn has only IT-3 left.
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].incidents, ["IT-1", "IT-2", "IT-4", "IT-5"]);
        assert_eq!(
            found[0].reasons,
            [Reason::CategoryTag("network / wifi".into())]
        );
        assert_eq!(found[0].title, "Recurring: network / wifi (4 incidents)");
    }

    #[test]
    fn a_group_also_names_what_else_it_shares() {
        let incidents = [
            filed(
                incident("IT-1", 1, "VPN down"),
                "network",
                Some("FW-1"),
                &["vpn"],
            ),
            filed(
                incident("IT-2", 2, "vpn down!"),
                "network",
                Some("FW-1"),
                &["vpn"],
            ),
            filed(
                incident("IT-3", 3, "Re: VPN down"),
                "network",
                Some("FW-1"),
                &["vpn", "x"],
            ),
        ];
        let found = candidates(&incidents, &[], 3);
        let reasons: Vec<String> = found[0].reasons.iter().map(ToString::to_string).collect();
        assert_eq!(
            reasons,
            [
                "same title: vpn down",
                "same category and asset: network / FW-1",
                "same category and tag: network / vpn"
            ]
        );
    }

    #[test]
    fn fewer_than_min_is_no_candidate() {
        let incidents = [
            incident("IT-1", 1, "VPN down"),
            incident("IT-2", 2, "VPN down"),
        ];
        assert!(candidates(&incidents, &[], 3).is_empty());
        assert_eq!(candidates(&incidents, &[], 2).len(), 1);
    }

    #[test]
    fn a_problem_related_to_half_the_incidents_covers_them() {
        let incidents: Vec<Incident> = (1..=4)
            .map(|d| incident(&format!("IT-{d}"), d, "VPN down"))
            .collect();
        let problem = |id: &str, related: &[&str]| Problem {
            id: id.into(),
            related: related.iter().map(|r| (*r).to_string()).collect(),
        };
        let half = [problem("IT-P", &["IT-1", "IT-2"])];
        assert_eq!(
            candidates(&incidents, &half, 3)[0].covered_by.as_deref(),
            Some("IT-P")
        );
        let less = [problem("IT-P", &["IT-1"]), problem("IT-Q", &["IT-2"])];
        assert_eq!(candidates(&incidents, &less, 3)[0].covered_by, None);
        let two = [
            problem("IT-Q", &["IT-1", "IT-2"]),
            problem("IT-P", &["IT-3", "IT-4"]),
        ];
        assert_eq!(
            candidates(&incidents, &two, 3)[0].covered_by.as_deref(),
            Some("IT-P")
        );
    }

    #[test]
    fn a_long_title_is_shortened_in_the_proposal() {
        let long = "word ".repeat(60);
        let incidents: Vec<Incident> = (1..=3)
            .map(|d| incident(&format!("IT-{d}"), d, &long))
            .collect();
        let title = &candidates(&incidents, &[], 3)[0].title;
        assert!(title.chars().count() <= 200, "{title}");
        assert!(title.contains('…'));
    }

    #[test]
    fn past_the_bound_a_common_word_stops_comparing_but_rare_ones_still_do() {
        // More distinct titles have "printer" among their rarer words than COMMON_WORD, yet two
        // that also share a rare word are still compared and found similar.
        let mut incidents: Vec<Incident> = (0..=COMMON_WORD)
            .map(|i| incident(&format!("IT-{i:04}"), 1, &format!("printer model{i}")))
            .collect();
        incidents.push(incident("IT-A", 2, "printer model7 smudges"));
        let found = candidates(&incidents, &[], 2);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].incidents, ["IT-0007", "IT-A"]);
    }

    fn arbitrary_incidents() -> impl Strategy<Value = Vec<Incident>> {
        let words = prop::sample::select(vec![
            "vpn", "drops", "dropping", "printer", "jams", "hour", "every", "slow", "mail", "down",
        ]);
        let one = (
            prop::collection::vec(words, 0..4),
            1u32..28,
            prop::option::of(prop::sample::select(vec!["hardware", "network"])),
            prop::option::of(prop::sample::select(vec!["LT-1", "LT-2", "LT-3"])),
            prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 0..3),
            any::<bool>(),
        );
        prop::collection::vec(one, 0..40).prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (words, day, category, asset, tags, open))| {
                    let mut tags: Vec<String> = tags.into_iter().map(str::to_string).collect();
                    tags.sort();
                    tags.dedup();
                    Incident {
                        id: format!("IT-{i:03}"),
                        title: words.join(" "),
                        created: at(day),
                        category: category.map(str::to_string),
                        asset: asset.map(str::to_string),
                        tags,
                        open,
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn every_incident_is_in_at_most_one_candidate_of_at_least_min(
            incidents in arbitrary_incidents(),
            min in 1usize..5,
        ) {
            let found = candidates(&incidents, &[], min);
            let mut seen = std::collections::HashSet::new();
            for (i, c) in found.iter().enumerate() {
                prop_assert_eq!(c.number, i + 1);
                prop_assert!(c.incidents.len() >= min);
                prop_assert!(!c.reasons.is_empty());
                prop_assert!(c.first_seen <= c.last_seen);
                for id in &c.incidents {
                    prop_assert!(seen.insert(id.clone()), "{} twice", id);
                }
            }
            prop_assert!(found.windows(2).all(|w| w[0].incidents.len() >= w[1].incidents.len()));
        }

        #[test]
        fn title_groups_are_those_of_comparing_every_pair(incidents in arbitrary_incidents()) {
            let refs: Vec<&Incident> = incidents.iter().collect();
            let mut fast = title_groups(&refs);
            fast.sort();
            // Every pair of titles compared, joined by union-find.
            let n = refs.len();
            let mut all = UnionFind::new(n);
            for i in 0..n {
                for j in i + 1..n {
                    if similar_titles(&refs[i].title, &refs[j].title) {
                        all.union(i, j);
                    }
                }
            }
            let mut slow: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (i, incident) in refs.iter().enumerate() {
                if !normalise_title(&incident.title).is_empty() {
                    slow.entry(all.find(i)).or_default().push(i);
                }
            }
            let mut slow: Vec<Vec<usize>> = slow.into_values().collect();
            slow.sort();
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn grouping_does_not_depend_on_the_input_order(
            incidents in arbitrary_incidents(),
            seed in any::<u64>(),
        ) {
            let mut shuffled = incidents.clone();
            // A Fisher-Yates shuffle driven by the seed.
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(candidates(&incidents, &[], 2), candidates(&shuffled, &[], 2));
        }
    }
}
