//! The files `tix intake` keeps beside the tickets: one record per accepted message, so a
//! message delivered twice (an MTA retry, two fetchmail runs, another clone) is recognised, and
//! the attachments directory of each ticket.
//!
//! A record is `intake/<2 hex>/<SHA-1 hex of the Message-ID>.yaml`, committed with the ticket
//! or comment it made: finding it is one path lookup, whatever the number of messages, and two
//! clones that received different messages add different files, so syncing them never
//! conflicts. SHA-1 because the crate is already in the build (Git's object names use it) and
//! the name only has to spread records over directories, not resist a forger: a forged
//! collision would only make the forger's own message count as already received.

use std::fs;

use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::{Repo, StoreError};

/// Where the records live.
pub const INTAKE_DIR: &str = "intake";

/// Where attachments live: `attachments/<ID>/<name>`.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// One accepted message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct IntakeRecord {
    /// The Message-ID without angle brackets, or none when the message had none (the record is
    /// then named after the message's own hash).
    pub message_id: Option<String>,
    /// The ticket the message created or was added to.
    pub ticket: String,
    /// `created` or `commented`.
    pub action: String,
    /// When it was received (RFC 3339).
    pub received: String,
}

/// The record's path for a message: keyed by its Message-ID, or by the raw message when it has
/// none (so the same bytes delivered twice are still recognised).
pub(crate) fn record_path(message_id: Option<&str>, raw: &[u8]) -> String {
    let digest = match message_id {
        Some(id) => Sha1::digest(id.as_bytes()),
        None => Sha1::digest(raw),
    };
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{INTAKE_DIR}/{}/{hex}.yaml", &hex[..2])
}

/// The record's file content.
pub(crate) fn render_record(record: &IntakeRecord) -> Vec<u8> {
    // Plain strings and an option: serialising cannot fail.
    serde_yaml_ng::to_string(record)
        .unwrap_or_default()
        .into_bytes()
}

impl Repo {
    /// The record at `rel` ([`record_path`]) in the working tree, if the message was received.
    /// A record a hand edit broke still means "received": its ticket is then `?`.
    ///
    /// # Errors
    /// The file exists but cannot be read.
    pub(crate) fn intake_record(&self, rel: &str) -> Result<Option<IntakeRecord>, StoreError> {
        let path = self.workdir.join(rel);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        Ok(Some(serde_yaml_ng::from_str(&text).unwrap_or_else(|_| {
            IntakeRecord {
                message_id: None,
                ticket: "?".into(),
                action: "?".into(),
                received: "?".into(),
            }
        })))
    }

    /// The names of the files already in a ticket's attachments directory (none if it does not
    /// exist), so new attachments get names of their own.
    ///
    /// # Errors
    /// The directory exists but cannot be read.
    pub(crate) fn attachment_names(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let dir = self.workdir.join(ATTACHMENTS_DIR).join(id);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(source) => return Err(StoreError::Io { path: dir, source }),
        };
        Ok(entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_sharded_by_the_hash_of_the_message_id() {
        let path = record_path(Some("abc@example.com"), b"ignored");
        assert_eq!(path, record_path(Some("abc@example.com"), b"other bytes"));
        assert!(path.starts_with("intake/"), "{path}");
        let (dir, file) = path["intake/".len()..].split_once('/').expect("shard");
        assert_eq!(dir.len(), 2);
        assert!(file.starts_with(dir) && file.ends_with(".yaml") && file.len() == 45);
        assert_ne!(record_path(None, b"a"), record_path(None, b"b"));
    }

    #[test]
    fn records_round_trip() {
        let record = IntakeRecord {
            message_id: Some("x: \"y\"@z".into()),
            ticket: "IT-7KQ2M4X1".into(),
            action: "created".into(),
            received: "2026-03-02T09:00:00+00:00".into(),
        };
        let text = String::from_utf8(render_record(&record)).expect("utf-8");
        let back: IntakeRecord = serde_yaml_ng::from_str(&text).expect("parse");
        assert_eq!(back, record);
    }
}
