//! Constant-time lower-bound lookups in the calendar's sorted tables.
//!
//! Business-time arithmetic asks "how many holidays / DST days / offset changes come before this
//! key" several times per call, and the engine makes tens of calls per ticket. A binary search
//! over a few hundred entries is cheap but not free; bucketing the key range once makes each
//! lookup a table read plus a scan of the (usually empty) bucket. Keys outside the bucketed
//! range fall back to binary search, so answers never depend on the range.

/// Sorted `i64` keys with a bucket table over `[lo, lo + buckets << shift)`.
#[derive(Debug, Clone, Default)]
pub(super) struct SortedKeys {
    keys: Vec<i64>,
    lo: i64,
    shift: u32,
    /// `starts[b]`: number of keys below `lo + (b << shift)`; one more entry than buckets.
    starts: Vec<u32>,
}

impl SortedKeys {
    /// Indexes `keys` (sorted ascending) over `[lo, hi)` with buckets of `1 << shift`.
    pub(super) fn new(keys: Vec<i64>, lo: i64, hi: i64, shift: u32) -> Self {
        debug_assert!(keys.is_sorted());
        // No keys, no table: the fallback answers 0 at no cost.
        let buckets = if keys.is_empty() {
            0
        } else {
            usize::try_from(((hi - lo) >> shift) + 1).unwrap_or(0)
        };
        let starts = (0..if keys.is_empty() { 0 } else { buckets + 1 })
            .map(|b| {
                let bound = lo + ((b as i64) << shift);
                u32::try_from(keys.partition_point(|k| *k < bound)).unwrap_or(u32::MAX)
            })
            .collect();
        Self {
            keys,
            lo,
            shift,
            starts,
        }
    }

    /// The keys.
    pub(super) fn keys(&self) -> &[i64] {
        &self.keys
    }

    /// Number of keys `< key` (the `partition_point` of `k < key`).
    pub(super) fn lower_bound(&self, key: i64) -> usize {
        let b = (key - self.lo) >> self.shift;
        // The bucket's first index and its keys, when `key` falls inside the table.
        let bucket = usize::try_from(b).ok().and_then(|b| {
            let start = *self.starts.get(b)? as usize;
            let end = *self.starts.get(b.checked_add(1)?)? as usize;
            Some((start, self.keys.get(start..end)?))
        });
        match bucket {
            Some((start, keys)) => start + keys.iter().take_while(|k| **k < key).count(),
            None => self.keys.partition_point(|k| *k < key),
        }
    }

    /// Whether `key` is present.
    pub(super) fn contains(&self, key: i64) -> bool {
        self.keys.get(self.lower_bound(key)) == Some(&key)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn lower_bound_equals_partition_point(
            mut keys in prop::collection::vec(-5_000i64..5_000, 0..60),
            probes in prop::collection::vec(-6_000i64..6_000, 1..40),
            shift in 0u32..8,
        ) {
            keys.sort_unstable();
            let index = SortedKeys::new(keys.clone(), -1_000, 3_000, shift);
            for p in probes {
                prop_assert_eq!(index.lower_bound(p), keys.partition_point(|k| *k < p));
                prop_assert_eq!(index.contains(p), keys.contains(&p));
            }
        }
    }
}
