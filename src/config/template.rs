//! Request templates, `.tix/templates/NAME.yaml`: read into [`Template`]s and checked against
//! the desk's vocabulary, every mistake one [`ConfigError`] with file, line and hint.
//!
//! ```yaml
//! about: A new employee's first day
//! type: request
//! title: "Onboarding: {employee}"
//! fields:
//!   employee: {type: text, required: true}
//!   start_date: {type: date, required: true}
//!   laptop: {type: choice, values: [mac, windows, linux], default: linux}
//! tasks:
//!   - title: "Account for {employee}"
//!     team: identity
//!   - title: "{laptop} laptop for {employee}"
//!     team: hardware
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Config, ConfigError, locate, strip_location};
use crate::domain::template::{Defaults, FieldSpec, FieldType, Template, placeholders};
use crate::domain::ticket::{split_tags, validate_field_name, validate_slug};

/// Where templates live, relative to the repository root.
pub const TEMPLATE_DIR: &str = ".tix/templates";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(rename = "type", default)]
    ticket_type: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    assignee: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
    #[serde(default)]
    tasks: Vec<RawTask>,
}

/// The defaults of a template or of one task.
struct RawDefaults {
    title: Option<String>,
    ticket_type: Option<String>,
    priority: Option<String>,
    category: Option<String>,
    team: Option<String>,
    assignee: Option<String>,
    tags: Vec<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    title: String,
    #[serde(rename = "type", default)]
    ticket_type: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    assignee: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    default: Option<String>,
    #[serde(default)]
    about: Option<String>,
}

/// Parses the template file `file` (named by its file name) and checks it against `config`.
///
/// # Errors
/// Broken YAML, unknown keys, a type, priority, category or team the desk does not have, a field
/// type other than text/number/date/choice, a choice without values or with a default outside
/// them, a placeholder naming no field.
pub fn parse(text: &str, file: &str, config: &Config) -> Result<Template, ConfigError> {
    super::refuse_hazards(text, file)?;
    let raw: RawTemplate = serde_yaml_ng::from_str(text).map_err(|e| ConfigError {
        file: file.into(),
        line: e.location().map(|l| l.line()),
        column: e.location().map(|l| l.column()),
        message: strip_location(&e.to_string()),
        hint: None,
    })?;
    let invalid = |path: &[&str], message: String, hint: &str| ConfigError {
        file: file.into(),
        line: locate::line_of(text, path),
        column: None,
        message,
        hint: Some(hint.to_string()),
    };
    let name = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    validate_slug("template", &name).map_err(|e| {
        invalid(
            &[],
            e.to_string(),
            "name the file after the template: .tix/templates/onboarding.yaml",
        )
    })?;
    let mut fields = BTreeMap::new();
    for (key, f) in raw.fields {
        let at = ["fields", key.as_str()];
        validate_field_name(&key).map_err(|e| {
            invalid(
                &at,
                e.to_string(),
                "field names are letters, digits, '_' or '-'",
            )
        })?;
        let kind = match f.kind.as_str() {
            "text" => FieldType::Text,
            "number" => FieldType::Number,
            "date" => FieldType::Date,
            "choice" if f.values.is_empty() => {
                return Err(invalid(
                    &[&at[..], &["type"]].concat(),
                    format!("fields.{key}: a choice needs its values"),
                    "list them: values: [mac, windows, linux]",
                ));
            }
            "choice" => FieldType::Choice(f.values.clone()),
            other => {
                return Err(invalid(
                    &[&at[..], &["type"]].concat(),
                    format!("fields.{key}: unknown field type '{other}'"),
                    "use text, number, date or choice",
                ));
            }
        };
        if !f.values.is_empty() && !matches!(kind, FieldType::Choice(_)) {
            return Err(invalid(
                &[&at[..], &["values"]].concat(),
                format!(
                    "fields.{key}: values are for a choice, not a {}",
                    kind.name()
                ),
                "use type: choice, or drop the values",
            ));
        }
        if let Some(default) = &f.default
            && let Err(expected) = kind.accepts(default)
        {
            return Err(invalid(
                &[&at[..], &["default"]].concat(),
                format!("fields.{key}: the default '{default}' is not {expected}"),
                "give a default of the field's type, or none",
            ));
        }
        fields.insert(
            key,
            FieldSpec {
                kind,
                required: f.required,
                default: f.default,
                about: f.about,
            },
        );
    }
    let own = RawDefaults {
        title: raw.title,
        ticket_type: raw.ticket_type,
        priority: raw.priority,
        category: raw.category,
        team: raw.team,
        assignee: raw.assignee,
        tags: raw.tags,
        description: raw.description,
    };
    let defaults = checked(own, &[], config, &invalid)?;
    let mut tasks = Vec::new();
    for (i, task) in raw.tasks.into_iter().enumerate() {
        let index = i.to_string();
        let at = ["tasks", index.as_str()];
        if task.title.trim().is_empty() {
            return Err(invalid(
                &at,
                format!("tasks[{i}]: the title is empty"),
                "give each task a title",
            ));
        }
        let raw = RawDefaults {
            title: Some(task.title),
            ticket_type: task.ticket_type,
            priority: task.priority,
            category: task.category,
            team: task.team,
            assignee: task.assignee,
            tags: task.tags,
            description: task.description,
        };
        tasks.push(checked(raw, &at, config, &invalid)?);
    }
    // Every placeholder must name a field of the template (or the title).
    for (path, text) in texts(&defaults, &tasks) {
        for name in placeholders(text) {
            if name != "title" && !fields.contains_key(name) {
                let at: Vec<&str> = path.iter().map(String::as_str).collect();
                return Err(invalid(
                    &at,
                    format!("{{{name}}} names no field of the template"),
                    "declare it under fields:, or use {title}",
                ));
            }
        }
    }
    Ok(Template {
        name,
        about: raw.about,
        defaults,
        fields,
        tasks,
    })
}

/// Checks one set of defaults (the template's, or a task's at `at`) against the desk.
fn checked(
    raw: RawDefaults,
    at: &[&str],
    config: &Config,
    invalid: &dyn Fn(&[&str], String, &str) -> ConfigError,
) -> Result<Defaults, ConfigError> {
    let schema = &config.schema;
    let known = |key: &str, value: &Option<String>, known: &[String]| match value {
        Some(v) if !known.is_empty() && !known.contains(v) => Err(invalid(
            &[at, &[key]].concat(),
            format!("unknown {key} '{v}'"),
            &format!("known: {}", known.join(", ")),
        )),
        _ => Ok(()),
    };
    known("type", &raw.ticket_type, &schema.types)?;
    known("priority", &raw.priority, &schema.priorities)?;
    known("category", &raw.category, &schema.categories)?;
    let teams: Vec<String> = config.teams.keys().cloned().collect();
    known("team", &raw.team, &teams)?;
    let tags: Vec<String> = raw.tags.iter().flat_map(|t| split_tags(t)).collect();
    Ok(Defaults {
        title: raw.title,
        ticket_type: raw.ticket_type,
        priority: raw.priority,
        category: raw.category,
        team: raw.team,
        assignee: raw.assignee,
        tags,
        description: raw.description,
    })
}

/// The texts that may hold placeholders, with where they are.
fn texts<'a>(defaults: &'a Defaults, tasks: &'a [Defaults]) -> Vec<(Vec<String>, &'a str)> {
    let mut out = Vec::new();
    let mut add = |at: Vec<String>, d: &'a Defaults| {
        for (key, value) in [("title", &d.title), ("description", &d.description)] {
            if let Some(text) = value {
                let mut path = at.clone();
                path.push(key.to_string());
                out.push((path, text.as_str()));
            }
        }
    };
    add(Vec::new(), defaults);
    for (i, task) in tasks.iter().enumerate() {
        add(vec!["tasks".into(), i.to_string()], task);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(super::super::DEFAULT_CONFIG, ".tix/config.yaml").expect("default config")
    }

    const ONBOARDING: &str = "about: A new employee\ntype: request\ntitle: \"Onboarding: {employee}\"\nfields:\n  employee: {type: text, required: true}\n  laptop: {type: choice, values: [mac, linux], default: linux}\ntasks:\n  - title: \"Account for {employee}\"\n  - title: \"{laptop} laptop\"\n    priority: P2\n";

    #[test]
    fn a_template_parses() {
        let t = parse(ONBOARDING, ".tix/templates/onboarding.yaml", &config()).unwrap();
        assert_eq!(t.name, "onboarding");
        assert_eq!(t.tasks.len(), 2);
        assert_eq!(t.tasks[1].priority.as_deref(), Some("P2"));
        assert_eq!(t.fields["laptop"].default.as_deref(), Some("linux"));
    }

    #[test]
    fn mistakes_name_their_line() {
        let file = ".tix/templates/onboarding.yaml";
        for (text, line, message) in [
            (
                ONBOARDING.replace("type: text", "type: txt"),
                5,
                "unknown field type 'txt'",
            ),
            (
                ONBOARDING.replace("default: linux", "default: dos"),
                6,
                "the default 'dos' is not one of mac, linux",
            ),
            (
                ONBOARDING.replace("priority: P2", "priority: P9"),
                10,
                "unknown priority 'P9'",
            ),
            (
                ONBOARDING.replace("{laptop} laptop", "{lap} laptop"),
                9,
                "{lap} names no field",
            ),
            (
                ONBOARDING.replace("about:", "abuot:"),
                1,
                "unknown field `abuot`",
            ),
        ] {
            let err = parse(&text, file, &config()).unwrap_err();
            assert_eq!(err.line, Some(line), "{err}");
            assert!(err.message.contains(message), "{err}");
        }
    }
}
