//! Ticket identifiers: a configured prefix plus 8 Crockford base32 characters (40 random bits).
//!
//! Random IDs are what lets two clones create tickets offline and merge with plain `git merge`:
//! a counter would collide, a hash of the content could too when two people file the same title.
//! 40 bits keep the birthday risk below one in ten million at 100,000 tickets.

use std::fmt;

use thiserror::Error;

/// Crockford's alphabet: no I, L, O or U, so IDs survive being read aloud or typed by hand.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Length of the random part of an ID.
pub const ID_LEN: usize = 8;

/// Characters of the random part that name the shard directories: one directory level per
/// character (`tickets/7/K/IT-7KQ2M4X1.yaml`). Two levels of 32 rather than one of 1,024 keep
/// every tree a commit rewrites small, which is what makes walking history fast (`git log --raw`
/// took less than half as long as with 1,024 shards in one directory; see bench/README.md).
pub const SHARD_LEN: usize = 2;

/// A full ticket ID such as `IT-7KQ2M4X1`. Read back from anywhere (a cache, a merge input)
/// it goes through [`TicketId::parse`], so a value of this type is always well formed.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct TicketId(String);

impl TryFrom<String> for TicketId {
    type Error = IdError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        TicketId::parse(&text)
    }
}

impl From<TicketId> for String {
    fn from(id: TicketId) -> String {
        id.0
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum IdError {
    #[error("'{0}' is not a ticket ID: expected PREFIX-XXXXXXXX with 8 base32 characters")]
    Malformed(String),
}

/// Whether `prefix` may start the IDs of a desk (`id_prefix`, `tix init --prefix`): letters,
/// digits and `_`. No `-`, which separates the prefix from the code.
pub fn is_valid_prefix(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl TicketId {
    /// Builds an ID from a prefix and 40 bits of entropy.
    pub fn from_entropy(prefix: &str, bits: u64) -> TicketId {
        let mut code = String::with_capacity(ID_LEN);
        for i in (0..ID_LEN).rev() {
            let digit = (bits >> (i * 5)) & 31;
            // `digit` is below 32, the alphabet's length, so the fallback never shows.
            code.push(ALPHABET.get(digit as usize).map_or('0', |&b| b as char));
        }
        TicketId(format!("{prefix}-{code}"))
    }

    /// Parses a full ID as found in a file name or a ticket's `id:` field.
    pub fn parse(text: &str) -> Result<TicketId, IdError> {
        let (prefix, code) = text
            .rsplit_once('-')
            .ok_or_else(|| IdError::Malformed(text.into()))?;
        let valid_prefix = !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let valid_code = code.len() == ID_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
        if valid_prefix && valid_code {
            Ok(TicketId(text.to_string()))
        } else {
            Err(IdError::Malformed(text.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the dash (`IT` in `IT-7KQ2M4X1`).
    pub fn prefix(&self) -> &str {
        self.0.rsplit_once('-').map_or("", |(prefix, _)| prefix)
    }

    /// Whether a query's `PREFIX-` part (if any) names this ID's prefix, ignoring case.
    pub fn matches_query_prefix(&self, query: &str) -> bool {
        query_prefix(query).is_none_or(|p| p.eq_ignore_ascii_case(self.prefix()))
    }

    /// The random part, after the prefix.
    pub fn code(&self) -> &str {
        // Invariant: every TicketId contains a '-' (checked by `parse` and built by `from_entropy`).
        self.0.rsplit_once('-').map_or(&self.0, |(_, code)| code)
    }

    /// The shard directory under `tickets/`, e.g. `7/K` for `IT-7KQ2M4X1`.
    pub fn shard(&self) -> String {
        shard_of(self.code())
    }
}

impl fmt::Display for TicketId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shard directory (`7/K`) of a code or code prefix of at least [`SHARD_LEN`] characters.
pub fn shard_of(code: &str) -> String {
    let mut out = String::with_capacity(2 * SHARD_LEN);
    for (i, c) in code.chars().take(SHARD_LEN).enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push(c);
    }
    out
}

/// Normalises what a person typed for an ID into the code prefix to search for: drops the
/// `PREFIX-` part if present, upper-cases, and maps the look-alikes Crockford allows (I, L -> 1,
/// O -> 0). Returns `None` when a character can never occur in an ID.
pub fn normalize_query(query: &str) -> Option<String> {
    let code = query.rsplit_once('-').map_or(query, |(_, code)| code);
    let mut out = String::with_capacity(code.len());
    for c in code.chars() {
        let c = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// The `PREFIX` a query names before its last dash (`HR` in `hr-7kq2`), if it names one. A query
/// that names a prefix only matches IDs with that prefix, compared case-insensitively.
pub fn query_prefix(query: &str) -> Option<&str> {
    query.rsplit_once('-').map(|(prefix, _)| prefix)
}

/// How many candidates the error for an ambiguous ID names; the others are only counted.
pub const AMBIGUOUS_SHOWN: usize = 10;

/// The error for a query that matches several IDs (`candidates`, sorted): how many match, the
/// first [`AMBIGUOUS_SHOWN`] of them, and what to do. One line, however many tickets match.
pub fn ambiguity(query: &str, candidates: &[String]) -> String {
    let shown = candidates
        .iter()
        .take(AMBIGUOUS_SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let listed = if candidates.len() > AMBIGUOUS_SHOWN {
        format!(", e.g. {shown}, ...")
    } else {
        format!(": {shown}")
    };
    format!(
        "'{query}' is ambiguous: {} tickets match{listed}; type more characters",
        candidates.len()
    )
}

/// For each ID, the shortest prefix of its code (at least `min` characters) that no other ID
/// shares, as `git log --oneline` abbreviates hashes. `ids` must be sorted.
pub fn shortest_unique(ids: &[&TicketId], min: usize) -> Vec<usize> {
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let code = id.code();
            let before = i
                .checked_sub(1)
                .and_then(|prev| ids.get(prev))
                .map_or(0, |prev| common(code, prev.code()));
            let after = ids.get(i + 1).map_or(0, |next| common(code, next.code()));
            (before.max(after) + 1).clamp(min.min(ID_LEN), ID_LEN)
        })
        .collect()
}

/// Shortest unique display forms (`IT-7KQ2`) of a set of IDs, as lists show them.
pub struct ShortIds<'a> {
    /// Each ID's shortened length, by ID: a table of 100,000 IDs is looked up once per row
    /// shown, and a hash lookup touches one slot where a binary search chases 17 pointers.
    lengths: std::collections::HashMap<&'a str, usize>,
}

impl<'a> ShortIds<'a> {
    /// Shortens against every ID in `ids` (in any order), never below 4 characters.
    pub fn new(mut ids: Vec<&'a TicketId>) -> ShortIds<'a> {
        // Stable: callers pass a few sorted runs (listed and skipped tickets), which it merges.
        ids.sort();
        let lengths = shortest_unique(&ids, 4);
        ShortIds {
            lengths: ids.iter().map(|id| id.as_str()).zip(lengths).collect(),
        }
    }

    /// The short form of `id`; the full ID when it is not in the set.
    pub fn get(&self, id: &TicketId) -> String {
        let len = self.lengths.get(id.as_str()).copied().unwrap_or(ID_LEN);
        let code = id.code();
        format!("{}-{}", id.prefix(), code.get(..len).unwrap_or(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deserialising_validates() {
        let ok: TicketId = serde_json::from_str("\"IT-7KQ2M4X1\"").expect("valid");
        assert_eq!(ok.as_str(), "IT-7KQ2M4X1");
        assert!(serde_json::from_str::<TicketId>("\"IT-AB\"").is_err());
        assert_eq!(
            serde_json::to_string(&ok).expect("serialises"),
            "\"IT-7KQ2M4X1\""
        );
    }

    #[test]
    fn entropy_round_trips_through_parse() {
        let id = TicketId::from_entropy("IT", 0xFF_FFFF_FFFF);
        assert_eq!(id.as_str(), "IT-ZZZZZZZZ");
        assert_eq!(TicketId::parse("IT-ZZZZZZZZ"), Ok(id.clone()));
        assert_eq!(id.shard(), "Z/Z");
        assert_eq!(TicketId::from_entropy("IT", 0).as_str(), "IT-00000000");
    }

    #[test]
    fn parse_rejects_bad_ids() {
        for bad in [
            "IT-123",
            "IT-0000000U",
            "7KQ2M4X1",
            "-7KQ2M4X1",
            "IT-7kq2m4x1",
        ] {
            assert!(TicketId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn queries_normalise_lookalikes_and_prefix() {
        assert_eq!(normalize_query("it-7kq2").as_deref(), Some("7KQ2"));
        assert_eq!(normalize_query("ol1").as_deref(), Some("011"));
        assert_eq!(normalize_query("7ku"), None);
    }

    #[test]
    fn shortest_unique_prefixes() {
        let ids: Vec<TicketId> = ["IT-AB000000", "IT-AB100000", "IT-C0000000"]
            .iter()
            .map(|s| TicketId::parse(s).unwrap())
            .collect();
        let refs: Vec<&TicketId> = ids.iter().collect();
        assert_eq!(shortest_unique(&refs, 1), vec![3, 3, 1]);
        assert_eq!(shortest_unique(&refs, 4), vec![4, 4, 4]);
    }

    #[test]
    fn an_ambiguous_query_names_at_most_ten_candidates_and_counts_all() {
        let few = vec!["IT-4A000000".to_string(), "IT-4B000000".to_string()];
        assert_eq!(
            ambiguity("4", &few),
            "'4' is ambiguous: 2 tickets match: IT-4A000000, IT-4B000000; type more characters"
        );
        let many: Vec<String> = (0..37)
            .map(|i| TicketId::from_entropy("IT", (4 << 35) | i).to_string())
            .collect();
        let message = ambiguity("IT-4", &many);
        assert!(
            message.starts_with("'IT-4' is ambiguous: 37 tickets match, e.g. IT-40000000, "),
            "{message}"
        );
        assert!(
            message.ends_with(", ...; type more characters"),
            "{message}"
        );
        assert_eq!(
            message.matches("IT-4").count(),
            1 + AMBIGUOUS_SHOWN,
            "{message}"
        );
    }

    #[test]
    fn a_query_that_names_a_prefix_matches_only_that_prefix() {
        let id = TicketId::parse("IT-7KQ2M4X1").unwrap();
        assert!(id.matches_query_prefix("IT-7KQ2"));
        assert!(id.matches_query_prefix("it-7kq2"));
        assert!(id.matches_query_prefix("7kq2"));
        assert!(!id.matches_query_prefix("HR-7KQ2"));
        assert!(!id.matches_query_prefix("-7KQ2"));
    }
}
