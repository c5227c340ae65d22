//! The checksum of tix's cache files.

/// FNV-1a's multiply over 8-byte words in four independent lanes, folded together at the end:
/// catches torn and corrupted writes at several GB/s (one lane was a millisecond per megabyte,
/// a tenth of a `tix show` at 100,000 tickets). Not a defence against tampering, which the caches
/// do not need (Git is the truth).
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut lanes: [u64; 4] = [
        0xcbf2_9ce4_8422_2325,
        0x9e37_79b9_7f4a_7c15,
        0xc2b2_ae3d_27d4_eb4f,
        0x1656_67b1_9e37_79f9,
    ];
    let word = |chunk: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        u64::from_le_bytes(w)
    };
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = (*lane ^ word(chunk)).wrapping_mul(PRIME);
        }
    }
    let mut hash = lanes.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, lane| {
        (h ^ lane).wrapping_mul(PRIME).rotate_left(29)
    });
    for b in blocks.remainder() {
        hash = (hash ^ u64::from(*b)).wrapping_mul(PRIME);
    }
    hash ^ bytes.len() as u64
}

#[cfg(test)]
mod tests {
    use super::checksum;

    #[test]
    fn every_changed_or_moved_byte_changes_the_sum() {
        let bytes: Vec<u8> = (0..200u8).collect();
        let sum = checksum(&bytes);
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x01;
            assert_ne!(checksum(&changed), sum, "byte {i}");
        }
        let mut swapped = bytes.clone();
        swapped.swap(0, 8);
        assert_ne!(checksum(&swapped), sum, "two words swapped");
        assert_ne!(checksum(&bytes[..199]), sum, "cut short");
        let mut zeros = bytes.clone();
        zeros[100..].fill(0);
        assert_ne!(checksum(&zeros), sum, "a tail of zeros");
    }
}
