//! Ranking texts by similarity to a query: a tokenizer and Okapi BM25 (k1 = 1.2, b = 0.75).
//!
//! Small on purpose: `tix suggest` ranks a few thousand resolved tickets and articles against
//! one ticket, which takes milliseconds once their words are counted, so a search engine crate
//! (tantivy compiles for minutes) would not pay for itself. Documents are kept as term counts
//! over a shared [`Dictionary`], the form the store caches (`.git/tix/suggest-v1`) so only
//! changed tickets are tokenized again.

use std::collections::HashMap;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's document-length normalisation.
const B: f64 = 0.75;

/// Words too common in English to tell tickets apart. Short words (one character) are dropped
/// anyway.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "but", "by", "can", "cannot", "could", "did", "do", "does", "doesn", "don",
    "for", "from", "get", "got", "had", "has", "have", "he", "her", "here", "him", "his", "how",
    "if", "in", "into", "is", "it", "its", "just", "me", "my", "no", "not", "now", "of", "on",
    "or", "our", "out", "please", "she", "so", "some", "still", "than", "thanks", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "too", "up", "us", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your",
];

/// The words of `text` as BM25 compares them: lowercase runs of letters and digits, without
/// one-character words and [`STOP_WORDS`], lightly stemmed ([`stem`]).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .filter(|w| STOP_WORDS.binary_search(&w.as_str()).is_err())
        .map(|w| stem(&w))
}

/// Folds the commonest English endings (`printers`, `printing`, `printed` -> `print`), keeping
/// at least three characters of stem. Not a real stemmer: a mis-stemmed word is only matched
/// against itself, since queries and documents go through the same function.
pub fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= 3
            && !(suffix == "s" && stem.ends_with('s'))
        {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// The terms of every document, each with a number.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    terms: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Dictionary {
    /// A dictionary numbering `terms` in their order (as cached).
    pub fn from_terms(terms: Vec<String>) -> Dictionary {
        let ids = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        Dictionary { terms, ids }
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The number of `term`, added if new.
    pub fn intern(&mut self, term: String) -> u32 {
        if let Some(id) = self.ids.get(&term) {
            return *id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }
}

/// One document as BM25 sees it: its length in terms and each term's count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub len: u32,
    /// (term number, count), sorted by term number.
    pub counts: Vec<(u32, u32)>,
}

impl Terms {
    /// Counts the words of `text` ([`tokens`]), numbering new ones in `dictionary`.
    pub fn of(text: &str, dictionary: &mut Dictionary) -> Terms {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        let mut len = 0u32;
        for token in tokens(text) {
            *counts.entry(dictionary.intern(token)).or_default() += 1;
            len = len.saturating_add(1);
        }
        let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
        counts.sort_unstable();
        Terms { len, counts }
    }

    fn count(&self, term: u32) -> u32 {
        self.counts
            .binary_search_by_key(&term, |(t, _)| *t)
            .ok()
            .and_then(|i| self.counts.get(i))
            .map_or(0, |(_, n)| *n)
    }
}

/// The query's distinct terms that some document has (a word no document has scores nothing).
pub fn query_terms(text: &str, dictionary: &Dictionary) -> Vec<u32> {
    let mut ids: Vec<u32> = tokens(text).filter_map(|t| dictionary.get(&t)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The BM25 score of every document against `query` (from [`query_terms`]), as (index into
/// `docs`, score) for the documents sharing a term with it, best first (ties by index), at
/// most `limit` of them. Scores are positive.
pub fn rank(docs: &[&Terms], query: &[u32], limit: usize) -> Vec<(usize, f64)> {
    if docs.is_empty() || query.is_empty() {
        return Vec::new();
    }
    let n = docs.len() as f64;
    let average = docs.iter().map(|d| f64::from(d.len)).sum::<f64>() / n;
    let average = if average > 0.0 { average } else { 1.0 };
    let mut df = vec![0u32; query.len()];
    for doc in docs {
        for (slot, term) in df.iter_mut().zip(query) {
            *slot += u32::from(doc.count(*term) > 0);
        }
    }
    // The "+ 1" form of idf is never negative, even for a term in most documents.
    let idf: Vec<f64> = df
        .iter()
        .map(|&df| (1.0 + (n - f64::from(df) + 0.5) / (f64::from(df) + 0.5)).ln())
        .collect();
    let mut scored: Vec<(usize, f64)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let norm = K1 * (1.0 - B + B * f64::from(doc.len) / average);
            let score: f64 = query
                .iter()
                .zip(&idf)
                .map(|(term, idf)| {
                    let tf = f64::from(doc.count(*term));
                    idf * tf * (K1 + 1.0) / (tf + norm)
                })
                .sum();
            (score > 0.0).then_some((i, score))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn index(texts: &[&str]) -> (Dictionary, Vec<Terms>) {
        let mut dictionary = Dictionary::default();
        let docs = texts
            .iter()
            .map(|t| Terms::of(t, &mut dictionary))
            .collect();
        (dictionary, docs)
    }

    fn ranked(texts: &[&str], query: &str) -> Vec<usize> {
        let (dictionary, docs) = index(texts);
        let docs: Vec<&Terms> = docs.iter().collect();
        rank(&docs, &query_terms(query, &dictionary), 10)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn the_stop_list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tokens_are_lowercase_stemmed_words_without_stop_words() {
        let words: Vec<String> =
            tokens("The PRINTERS on floor 2 are jamming; e-mail it!").collect();
        assert_eq!(words, ["printer", "floor", "jamm", "mail"]);
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("printed"), "print");
        assert_eq!(tokens("Größe ÜBER").collect::<Vec<_>>(), ["größe", "über"]);
    }

    #[test]
    fn the_closest_document_ranks_first_and_unrelated_ones_not_at_all() {
        let texts = [
            "VPN drops every hour on the home network",
            "Printer on floor 2 jams when printing duplex",
            "New laptop for the new hire",
            "Printer toner is empty",
        ];
        assert_eq!(ranked(&texts, "printer jams on duplex"), [1, 3]);
        assert_eq!(ranked(&texts, "vpn keeps dropping"), [0]);
        assert!(ranked(&texts, "coffee machine").is_empty());
    }

    #[test]
    fn a_rare_word_counts_more_than_a_common_one() {
        let texts = [
            "printer printer",
            "printer toner",
            "printer paper",
            "printer duplex",
        ];
        // "duplex" appears once in the desk, "printer" everywhere.
        assert_eq!(ranked(&texts, "printer duplex")[0], 3);
    }

    proptest! {
        #[test]
        fn scores_are_positive_and_sorted(
            texts in prop::collection::vec("[a-e ]{0,40}", 1..20),
            query in "[a-e ]{0,20}",
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let (dictionary, docs) = index(&refs);
            let docs: Vec<&Terms> = docs.iter().collect();
            let scores = rank(&docs, &query_terms(&query, &dictionary), usize::MAX);
            prop_assert!(scores.iter().all(|(_, s)| *s > 0.0 && s.is_finite()));
            prop_assert!(scores.windows(2).all(|w| w[0].1 >= w[1].1));
        }

        #[test]
        fn a_document_identical_to_the_query_ranks_first_among_unrelated_ones(
            words in prop::collection::vec("[a-m]{2,6}", 1..6),
            others in prop::collection::vec(prop::collection::vec("[n-z]{2,6}", 1..8), 0..10),
            at in 0usize..10,
        ) {
            let query = words.join(" ");
            let mut texts: Vec<String> = others.iter().map(|w| w.join(" ")).collect();
            let at = at.min(texts.len());
            texts.insert(at, query.clone());
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let first = ranked(&refs, &query).first().copied();
            let has_terms = tokens(&query).next().is_some();
            prop_assert_eq!(first, has_terms.then_some(at));
        }
    }
}
