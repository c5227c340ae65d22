//! Summary statistics of durations.
//!
//! Percentiles are **nearest-rank**: the p-th percentile of n sorted values is the value at rank
//! `ceil(p / 100 * n)` (1-based), so it is always an observed value (a real ticket's time), and
//! the median is the 50th percentile by the same rule (the lower middle value of an even count).
//! An empty sample has no statistics (`None`), never a division by zero.

/// Count, mean and percentiles of a sample of seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub mean: f64,
    pub median: i64,
    pub p90: i64,
    pub p95: i64,
}

/// The nearest-rank `p`-th percentile (0 < p <= 100) of `sorted` (ascending).
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() || !(p > 0.0 && p <= 100.0) {
        return None;
    }
    let n = sorted.len();
    // ceil(p/100 * n) computed on integers where p is a whole number, to avoid 0.9 * 10 = 9.000001.
    let rank = if p.fract() == 0.0 {
        let p = p as usize;
        (p * n).div_ceil(100)
    } else {
        (p / 100.0 * n as f64).ceil() as usize
    };
    sorted.get(rank.clamp(1, n) - 1).copied()
}

/// Summarises `values` (any order); `None` for an empty sample.
pub fn summarize(values: &[i64]) -> Option<Summary> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let count = sorted.len();
    let sum: i128 = sorted.iter().map(|&v| i128::from(v)).sum();
    Some(Summary {
        count,
        mean: sum as f64 / count.max(1) as f64,
        median: percentile(&sorted, 50.0)?,
        p90: percentile(&sorted, 90.0)?,
        p95: percentile(&sorted, 95.0)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_two_and_three_samples() {
        assert_eq!(summarize(&[]), None);
        let one = summarize(&[600]).expect("one");
        assert_eq!(
            (one.count, one.median, one.p90, one.p95),
            (1, 600, 600, 600)
        );
        assert!((one.mean - 600.0).abs() < f64::EPSILON);
        // Two: the median is the lower value (rank ceil(1.0) = 1), p90 the upper (ceil(1.8) = 2).
        let two = summarize(&[900, 300]).expect("two");
        assert_eq!((two.median, two.p90, two.p95), (300, 900, 900));
        assert!((two.mean - 600.0).abs() < f64::EPSILON);
        // Three: median rank ceil(1.5) = 2, p90 rank ceil(2.7) = 3.
        let three = summarize(&[100, 400, 200]).expect("three");
        assert_eq!((three.median, three.p90, three.p95), (200, 400, 400));
    }

    #[test]
    fn ranks_are_exact_at_round_sizes() {
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90.0), Some(9));
        assert_eq!(percentile(&ten, 50.0), Some(5));
        assert_eq!(percentile(&ten, 100.0), Some(10));
        let twenty: Vec<i64> = (1..=20).collect();
        assert_eq!(percentile(&twenty, 95.0), Some(19));
        assert_eq!(percentile(&ten, 0.0), None);
    }
}
