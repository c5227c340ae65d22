//! Assets: the laptops, printers and phones tickets are about, one file each under `assets/`.
//!
//! An asset is named by its file (`assets/LT-042.yaml` is `LT-042`, the name on the label);
//! tickets name it in their `asset` field. Dates are calendar days (`2027-05-01`): a warranty
//! ends at the end of its last day.

use chrono::NaiveDate;
use thiserror::Error;

use super::ticket::validate_slug;

/// An asset's record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asset {
    pub name: String,
    /// What it is: laptop, printer, phone (free text).
    pub asset_type: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    /// Who has it (`Name <email>` or a name).
    pub owner: Option<String>,
    pub location: Option<String>,
    pub purchased: Option<NaiveDate>,
    pub warranty_end: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// The fields of an asset, by the names files and `--set` use.
pub const FIELDS: [&str; 8] = [
    "type",
    "model",
    "serial",
    "owner",
    "location",
    "purchased",
    "warranty_end",
    "notes",
];

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum AssetError {
    #[error(
        "invalid asset name '{0}': use letters, digits, '.', '_' or '-', as on the asset's label (LT-042)"
    )]
    BadName(String),
    #[error("unknown asset field '{0}'; fields: {fields}", fields = FIELDS.join(", "))]
    UnknownField(String),
    #[error("{field}: '{value}' is not a date; use YYYY-MM-DD")]
    BadDate { field: &'static str, value: String },
    #[error("warranty_end {end} is before purchased {purchased}")]
    WarrantyBeforePurchase {
        purchased: NaiveDate,
        end: NaiveDate,
    },
    #[error("{field} contains a control character; one line of plain text is expected")]
    Control { field: String },
}

/// Where an asset's warranty stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warranty {
    /// No end date recorded.
    Unknown,
    /// Covered, with the days left after today (0: today is the last day).
    Active { days_left: i64 },
    /// Ended, this many days ago (1: yesterday was the last day).
    Ended { days_ago: i64 },
}

impl Asset {
    /// Checks the name, the dates and that one-line fields hold one line.
    ///
    /// # Errors
    /// The first rule broken.
    pub fn validate(&self) -> Result<(), AssetError> {
        validate_slug("asset", &self.name).map_err(|_| AssetError::BadName(self.name.clone()))?;
        for (field, value) in self.lines() {
            if value.is_some_and(|v| super::text::control_in_line(v).is_some()) {
                return Err(AssetError::Control {
                    field: field.to_string(),
                });
            }
        }
        if let Some(notes) = &self.notes
            && super::text::control_in_block(notes).is_some()
        {
            return Err(AssetError::Control {
                field: "notes".into(),
            });
        }
        if let (Some(purchased), Some(end)) = (self.purchased, self.warranty_end)
            && end < purchased
        {
            return Err(AssetError::WarrantyBeforePurchase { purchased, end });
        }
        Ok(())
    }

    fn lines(&self) -> [(&'static str, Option<&str>); 5] {
        [
            ("type", self.asset_type.as_deref()),
            ("model", self.model.as_deref()),
            ("serial", self.serial.as_deref()),
            ("owner", self.owner.as_deref()),
            ("location", self.location.as_deref()),
        ]
    }

    /// Sets a field by name (`--set warranty_end=2027-05-01`); an empty value clears it.
    ///
    /// # Errors
    /// An unknown field or a date that is not `YYYY-MM-DD`.
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), AssetError> {
        let text = || Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let date = |field: &'static str| -> Result<Option<NaiveDate>, AssetError> {
            match text() {
                None => Ok(None),
                Some(v) => parse_date(field, &v).map(Some),
            }
        };
        match field {
            "type" => self.asset_type = text(),
            "model" => self.model = text(),
            "serial" => self.serial = text(),
            "owner" => self.owner = text(),
            "location" => self.location = text(),
            "purchased" => self.purchased = date("purchased")?,
            "warranty_end" | "warranty" => self.warranty_end = date("warranty_end")?,
            "notes" => self.notes = Some(value.to_string()).filter(|v| !v.trim().is_empty()),
            _ => return Err(AssetError::UnknownField(field.to_string())),
        }
        Ok(())
    }

    /// The warranty on `today`.
    pub fn warranty(&self, today: NaiveDate) -> Warranty {
        match self.warranty_end {
            None => Warranty::Unknown,
            Some(end) if end >= today => Warranty::Active {
                days_left: (end - today).num_days(),
            },
            Some(end) => Warranty::Ended {
                days_ago: (today - end).num_days(),
            },
        }
    }
}

/// A `YYYY-MM-DD` date of the field `field`.
///
/// # Errors
/// Anything else.
pub fn parse_date(field: &'static str, value: &str) -> Result<NaiveDate, AssetError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| AssetError::BadDate {
        field,
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date("d", text).unwrap()
    }

    #[test]
    fn the_warranty_ends_after_its_last_day() {
        let mut a = Asset {
            name: "LT-042".into(),
            ..Asset::default()
        };
        assert_eq!(a.warranty(day("2026-12-01")), Warranty::Unknown);
        a.set("warranty_end", "2026-12-01").unwrap();
        assert_eq!(
            a.warranty(day("2026-11-30")),
            Warranty::Active { days_left: 1 }
        );
        assert_eq!(
            a.warranty(day("2026-12-01")),
            Warranty::Active { days_left: 0 }
        );
        assert_eq!(
            a.warranty(day("2026-12-03")),
            Warranty::Ended { days_ago: 2 }
        );
    }

    #[test]
    fn bad_names_dates_and_fields_are_refused() {
        let mut a = Asset {
            name: "../etc".into(),
            ..Asset::default()
        };
        assert!(matches!(a.validate(), Err(AssetError::BadName(_))));
        a.name = "LT-1".into();
        assert_eq!(
            a.set("purchased", "May 2023"),
            Err(AssetError::BadDate {
                field: "purchased",
                value: "May 2023".into()
            })
        );
        assert!(matches!(
            a.set("colour", "red"),
            Err(AssetError::UnknownField(_))
        ));
        a.set("purchased", "2023-05-01").unwrap();
        a.set("warranty_end", "2022-05-01").unwrap();
        assert!(matches!(
            a.validate(),
            Err(AssetError::WarrantyBeforePurchase { .. })
        ));
        a.set("warranty_end", "").unwrap();
        a.set("model", "T14\u{1b}[2J").unwrap();
        assert!(matches!(a.validate(), Err(AssetError::Control { .. })));
    }
}
