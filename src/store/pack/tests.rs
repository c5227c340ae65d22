use std::process::Command;

use proptest::prelude::*;

use super::*;

/// Git's delta format, applied: what `git` does when it reads an OFS_DELTA object.
fn apply_delta(base: &[u8], delta: &[u8]) -> Vec<u8> {
    fn varint(bytes: &[u8], at: &mut usize) -> usize {
        let (mut n, mut shift) = (0usize, 0);
        loop {
            let b = bytes[*at];
            *at += 1;
            n |= usize::from(b & 127) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                return n;
            }
        }
    }
    let mut at = 0;
    assert_eq!(varint(delta, &mut at), base.len(), "base size");
    let size = varint(delta, &mut at);
    let mut out = Vec::with_capacity(size);
    while at < delta.len() {
        let op = delta[at];
        at += 1;
        if op & 0x80 == 0 {
            assert!(op > 0, "op 0 is reserved");
            out.extend_from_slice(&delta[at..at + usize::from(op)]);
            at += usize::from(op);
            continue;
        }
        let (mut offset, mut len) = (0usize, 0usize);
        for i in 0..4 {
            if op & (1 << i) != 0 {
                offset |= usize::from(delta[at]) << (8 * i);
                at += 1;
            }
        }
        for i in 0..3 {
            if op & (0x10 << i) != 0 {
                len |= usize::from(delta[at]) << (8 * i);
                at += 1;
            }
        }
        if len == 0 {
            len = 0x10000;
        }
        out.extend_from_slice(&base[offset..offset + len]);
    }
    assert_eq!(out.len(), size, "result size");
    out
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

proptest! {
    #[test]
    fn a_delta_applied_to_its_base_gives_the_new_version(
        prefix in proptest::collection::vec(any::<u8>(), 0..300),
        old_middle in proptest::collection::vec(any::<u8>(), 0..300),
        new_middle in proptest::collection::vec(any::<u8>(), 0..300),
        suffix in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let old = [&prefix[..], &old_middle, &suffix].concat();
        let new = [&prefix[..], &new_middle, &suffix].concat();
        prop_assert_eq!(apply_delta(&old, &make_delta(&old, &new)), new);
    }
}

#[test]
fn a_delta_copies_more_than_64_kib_in_pieces() {
    let old: Vec<u8> = (0..200_000u32).map(|n| (n % 251) as u8).collect();
    let mut new = old.clone();
    new.insert(150_000, b'!');
    let delta = make_delta(&old, &new);
    assert!(delta.len() < 64, "{}", delta.len());
    assert_eq!(apply_delta(&old, &delta), new);
}

#[test]
fn crc32_is_zlibs() {
    assert_eq!(crc32_update(0, b"123456789"), 0xCBF4_3926);
    assert_eq!(
        crc32_update(crc32_update(0, b"1234"), b"56789"),
        0xCBF4_3926
    );
}

#[test]
fn object_ids_are_gits() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("f"), "hello\n").unwrap();
    let expected = git(dir.path(), &["hash-object", "f"]);
    assert_eq!(hex(&hash_object(Kind::Blob, b"hello\n")), expected.trim());
}

/// Versions of a file and of a tree over it, each delta'd against the one before, and a
/// duplicate: what the chain writes.
fn sample_pack(pack_dir: &Path) -> (String, Vec<(RawOid, Kind, Vec<u8>)>) {
    let mut pack = PackWriter::create(pack_dir).unwrap();
    let mut objects = Vec::new();
    let mut blob_version = None;
    let mut tree_version = None;
    let mut text = String::from("title: A printer\nstatus: open\n");
    for n in 0..120 {
        text.push_str(&format!(
            "- comment {n}: the toner is {}\n",
            "low ".repeat(n % 7)
        ));
        if n % 10 == 3 {
            // A version seen before: the pack holds it once.
            let blob = pack.put(Kind::Blob, b"same\n", None).unwrap();
            objects.push((blob, Kind::Blob, b"same\n".to_vec()));
        }
        let blob = pack
            .put(Kind::Blob, text.as_bytes(), Some(&mut blob_version))
            .unwrap();
        objects.push((blob, Kind::Blob, text.clone().into_bytes()));
        let mut tree = Vec::new();
        for name in 0..20 {
            tree.extend_from_slice(format!("100644 {name:02}.yaml\0").as_bytes());
            tree.extend_from_slice(if name == 7 { &blob } else { &[7; 20] });
        }
        let id = pack
            .put(Kind::Tree, &tree, Some(&mut tree_version))
            .unwrap();
        objects.push((id, Kind::Tree, tree));
    }
    (pack.finish().unwrap().unwrap(), objects)
}

#[test]
fn git_reads_the_pack_and_its_index_as_its_own() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let pack_dir = dir.path().join(".git/objects/pack");
    let (name, objects) = sample_pack(&pack_dir);
    let pack = pack_dir.join(format!("{name}.pack"));
    let idx = pack_dir.join(format!("{name}.idx"));
    let leftovers: Vec<_> = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("tmp_"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let verified = git(dir.path(), &["verify-pack", "-v", idx.to_str().unwrap()]);
    // The first versions, one every 50 (Git's depth limit) and the duplicate.
    assert!(
        verified.contains("non delta: 7 objects"),
        "the other versions are deltas:\n{verified}"
    );
    for (id, kind, data) in &objects {
        let shown = Command::new("git")
            .args(["cat-file", kind.name(), &hex(id)])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(&shown.stdout, data);
    }
    // git index-pack writes the same index for the same pack, byte for byte.
    let copy = dir.path().join("copy.pack");
    std::fs::copy(&pack, &copy).unwrap();
    git(
        dir.path(),
        &["index-pack", "--index-version=2", copy.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read(dir.path().join("copy.idx")).unwrap(),
        std::fs::read(&idx).unwrap()
    );
    git(dir.path(), &["fsck", "--strict", "--no-dangling"]);
}

#[test]
fn an_empty_or_abandoned_pack_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pack_dir = dir.path().join("pack");
    assert_eq!(
        PackWriter::create(&pack_dir).unwrap().finish().unwrap(),
        None
    );
    let mut pack = PackWriter::create(&pack_dir).unwrap();
    pack.put(Kind::Blob, b"x", None).unwrap();
    pack.abandon();
    assert_eq!(std::fs::read_dir(&pack_dir).unwrap().count(), 0);
}

#[test]
fn offsets_past_2_gib_go_to_the_large_offset_table() {
    let mut entries = vec![
        Entry {
            oid: [2; 20],
            offset: 12,
            crc: 7,
        },
        Entry {
            oid: [1; 20],
            offset: 0x1_2345_6789,
            crc: 8,
        },
    ];
    let mut out = Vec::new();
    write_index(&mut out, &mut entries, &[9; 20]).unwrap();
    let at = 8 + 256 * 4 + 2 * 20 + 2 * 4;
    assert_eq!(&out[at..at + 8], &[0x80, 0, 0, 0, 0, 0, 0, 12]);
    assert_eq!(&out[at + 8..at + 16], &0x1_2345_6789u64.to_be_bytes());
    assert_eq!(out.len(), at + 16 + 40);
}
