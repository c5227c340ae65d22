//! Asset files: `assets/NAME.yaml`, read, listed and written for `tix asset`.
//!
//! Written for people like ticket files: fixed key order, empty fields left out, unknown keys
//! refused with their line. The name is the file's name, so it is not repeated inside.

use serde::{Deserialize, Serialize};

use super::{Repo, StoreError};
use crate::domain::asset::{Asset, parse_date};
use crate::yaml_guard;

/// The directory of asset files.
pub(crate) const ASSET_DIR: &str = "assets";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AssetFile {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    asset_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    purchased: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    warranty_end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

/// The repository path of the asset `name`.
pub(crate) fn path(name: &str) -> String {
    format!("{ASSET_DIR}/{name}.yaml")
}

/// The text of an asset's file.
pub(crate) fn render(asset: &Asset) -> String {
    let file = AssetFile {
        asset_type: asset.asset_type.clone(),
        model: asset.model.clone(),
        serial: asset.serial.clone(),
        owner: asset.owner.clone(),
        location: asset.location.clone(),
        purchased: asset.purchased.map(|d| d.to_string()),
        warranty_end: asset.warranty_end.map(|d| d.to_string()),
        notes: asset.notes.clone(),
    };
    let text = serde_yaml_ng::to_string(&file).unwrap_or_default();
    // An asset with nothing but its name is an empty mapping, which YAML writes as `{}`.
    if text.trim() == "{}" {
        String::new()
    } else {
        text
    }
}

/// Parses the asset file `rel` (its name from the file name).
///
/// # Errors
/// Broken YAML, unknown keys, bad dates or values, with the file and line.
pub(crate) fn parse(rel: &str, text: &str) -> Result<Asset, StoreError> {
    let bad = |line: Option<usize>, message: String| StoreError::BadTicketFile {
        path: rel.to_string(),
        line,
        column: None,
        message,
    };
    if let Some(message) = yaml_guard::too_large(text.len(), yaml_guard::MAX_TICKET_FILE_BYTES) {
        return Err(bad(None, message));
    }
    if let Some(found) = yaml_guard::find_anchor_or_alias(text) {
        return Err(bad(
            Some(found.line),
            format!(
                "anchors and aliases are not allowed in asset files (found an {})",
                found.kind()
            ),
        ));
    }
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map(|i| i + 1)
    };
    let file: AssetFile = if text.trim().is_empty() {
        serde_yaml_ng::from_str("{}")
    } else {
        serde_yaml_ng::from_str(text)
    }
    .map_err(|e| {
        bad(
            e.location().map(|l| l.line()),
            crate::config::strip_location(&e.to_string()),
        )
    })?;
    let name = std::path::Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let date = |field: &'static str, value: Option<String>| match value {
        None => Ok(None),
        Some(v) => parse_date(field, &v)
            .map(Some)
            .map_err(|e| bad(line_of(field), e.to_string())),
    };
    let asset = Asset {
        name,
        asset_type: file.asset_type,
        model: file.model,
        serial: file.serial,
        owner: file.owner,
        location: file.location,
        purchased: date("purchased", file.purchased)?,
        warranty_end: date("warranty_end", file.warranty_end)?,
        notes: file.notes,
    };
    asset.validate().map_err(|e| {
        let line = match &e {
            crate::domain::asset::AssetError::Control { field } => line_of(field),
            crate::domain::asset::AssetError::WarrantyBeforePurchase { .. } => {
                line_of("warranty_end")
            }
            _ => None,
        };
        bad(line, e.to_string())
    })?;
    Ok(asset)
}

impl Repo {
    /// The asset `name`, or `None` when it has no file.
    ///
    /// # Errors
    /// A file that cannot be read or parsed.
    pub(crate) fn asset(&self, name: &str) -> Result<Option<Asset>, StoreError> {
        let rel = path(name);
        match self.read_repo_file(&rel)? {
            None => Ok(None),
            Some(text) => parse(&rel, &text).map(Some),
        }
    }

    /// Every asset, sorted by name, and the files that could not be read.
    ///
    /// # Errors
    /// I/O failures reading the directory.
    pub(crate) fn assets(&self) -> Result<(Vec<Asset>, Vec<StoreError>), StoreError> {
        let names = super::yaml_names(&self.workdir.join(ASSET_DIR))?;
        let (mut assets, mut broken) = (Vec::new(), Vec::new());
        for name in names {
            match self.asset(&name) {
                Ok(Some(asset)) => assets.push(asset),
                Ok(None) => {}
                Err(e) => broken.push(e),
            }
        }
        Ok((assets, broken))
    }

    /// The asset `name` as committed, for a change: refused while its file holds uncommitted
    /// edits, as tickets are.
    ///
    /// # Errors
    /// `Dirty`, or a file that cannot be read or parsed.
    pub(crate) fn asset_for_update(&self, name: &str) -> Result<Option<Asset>, StoreError> {
        let rel = path(name);
        self.check_clean(&rel)?;
        self.asset(name)
    }
}
