//! Request templates: defaults, typed custom fields and child tasks for one kind of request.
//!
//! A template (`.tix/templates/NAME.yaml`, read by `config::template`) gives a new ticket its
//! type, priority, category, team, tags, title and description, declares custom fields with a
//! type (text, number, date, choice) and whether they are required, and lists the child tasks
//! to open with it, one per team. A ticket made from a template records its name; its fields are
//! checked against the template on every write ([`Template::check`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use thiserror::Error;

/// What a custom field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// A decimal number (`3`, `-2.5`).
    Number,
    /// A calendar day, `YYYY-MM-DD`.
    Date,
    /// One of the listed values.
    Choice(Vec<String>),
}

impl FieldType {
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Choice(_) => "choice",
        }
    }

    /// Whether `value` is a value of this type; `Err` says what is expected.
    ///
    /// # Errors
    /// The value is not of the type.
    pub fn accepts(&self, value: &str) -> Result<(), String> {
        match self {
            FieldType::Text => Ok(()),
            FieldType::Number => value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|_| ())
                .ok_or_else(|| "a number such as 3 or 2.5".to_string()),
            FieldType::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|_| ())
                .map_err(|_| "a date, YYYY-MM-DD".to_string()),
            FieldType::Choice(values) => {
                if values.iter().any(|v| v == value) {
                    Ok(())
                } else {
                    Err(format!("one of {}", values.join(", ")))
                }
            }
        }
    }
}

/// A custom field a template declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub kind: FieldType,
    pub required: bool,
    /// Set when a new ticket does not give the field.
    pub default: Option<String>,
    /// What to enter, for `tix new --template NAME --help`-style listings.
    pub about: Option<String>,
}

/// What a new ticket (or child task) takes when the command line does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defaults {
    pub title: Option<String>,
    pub ticket_type: Option<String>,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
}

/// A request template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    /// What the template is for, one line.
    pub about: Option<String>,
    pub defaults: Defaults,
    pub fields: BTreeMap<String, FieldSpec>,
    /// Child tasks opened with the ticket, each a child of it. Their texts may use `{FIELD}`.
    pub tasks: Vec<Defaults>,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error(
        "fields.{field} is required by the template '{template}' (tix new --field {field}=VALUE, tix edit --set fields.{field}=VALUE)"
    )]
    Missing { template: String, field: String },
    #[error("fields.{field} '{value}' is not {expected} (template '{template}')")]
    Wrong {
        template: String,
        field: String,
        value: String,
        expected: String,
    },
}

impl Template {
    /// Checks custom fields against the template's declarations.
    ///
    /// # Errors
    /// A required field missing or empty, or a value not of its field's type.
    pub fn check(&self, fields: &BTreeMap<String, String>) -> Result<(), TemplateError> {
        for (name, spec) in &self.fields {
            match fields.get(name).filter(|v| !v.trim().is_empty()) {
                None if spec.required => {
                    return Err(TemplateError::Missing {
                        template: self.name.clone(),
                        field: name.clone(),
                    });
                }
                None => {}
                Some(value) => {
                    spec.kind
                        .accepts(value)
                        .map_err(|expected| TemplateError::Wrong {
                            template: self.name.clone(),
                            field: name.clone(),
                            value: value.clone(),
                            expected,
                        })?
                }
            }
        }
        Ok(())
    }

    /// `fields` with each declared default filled in where the field is not given.
    pub fn with_defaults(&self, fields: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut out = fields.clone();
        for (name, spec) in &self.fields {
            if let Some(default) = &spec.default {
                out.entry(name.clone()).or_insert_with(|| default.clone());
            }
        }
        out
    }
}

/// `text` with every `{NAME}` replaced by the custom field NAME (`{title}` by the title);
/// a name without a value is left as written.
pub fn expand(text: &str, title: &str, fields: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                let value = if name == "title" {
                    Some(title)
                } else {
                    fields.get(name).map(String::as_str)
                };
                match value {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{NAME}` placeholders of `text`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn onboarding() -> Template {
        let spec = |kind, required| FieldSpec {
            kind,
            required,
            default: None,
            about: None,
        };
        let mut fields = BTreeMap::new();
        fields.insert("employee".into(), spec(FieldType::Text, true));
        fields.insert("start".into(), spec(FieldType::Date, true));
        fields.insert("seats".into(), spec(FieldType::Number, false));
        fields.insert(
            "os".into(),
            FieldSpec {
                default: Some("linux".into()),
                ..spec(FieldType::Choice(vec!["mac".into(), "linux".into()]), false)
            },
        );
        Template {
            name: "onboarding".into(),
            about: None,
            defaults: Defaults::default(),
            fields,
            tasks: vec![],
        }
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn required_and_typed_fields_are_checked() {
        let t = onboarding();
        let good = map(&[("employee", "Bob"), ("start", "2026-12-14")]);
        assert_eq!(t.check(&t.with_defaults(&good)), Ok(()));
        assert_eq!(t.with_defaults(&good)["os"], "linux");
        let err = t.check(&map(&[("employee", "Bob")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "fields.start is required by the template 'onboarding' (tix new --field start=VALUE, tix edit --set fields.start=VALUE)"
        );
        for (field, value, expected) in [
            ("start", "14.12.2026", "a date, YYYY-MM-DD"),
            ("seats", "two", "a number such as 3 or 2.5"),
            ("seats", "inf", "a number such as 3 or 2.5"),
            ("os", "windows", "one of mac, linux"),
        ] {
            let mut fields = good.clone();
            fields.insert(field.into(), value.into());
            let err = t.check(&fields).unwrap_err();
            assert!(err.to_string().contains(expected), "{err}");
        }
        let mut blank = good.clone();
        blank.insert("employee".into(), " ".into());
        assert!(matches!(
            t.check(&blank),
            Err(TemplateError::Missing { .. })
        ));
    }

    #[test]
    fn placeholders_expand_from_fields_and_the_title() {
        let fields = map(&[("employee", "Bob")]);
        assert_eq!(
            expand(
                "Laptop for {employee} ({title}) {unknown} {",
                "Onboard",
                &fields
            ),
            "Laptop for Bob (Onboard) {unknown} {"
        );
        assert_eq!(placeholders("a {x} b {y}"), ["x", "y"]);
    }
}
