//! The repository configuration (`.tix/config.yaml`): typed, validated once at load.
//!
//! Mistakes are reported with the file, line and a hint: syntax and type errors through the YAML
//! parser's own location, rule violations (a transition naming a missing status) by locating the
//! offending key in the text. This module reads no environment and knows nothing of Git.

pub mod escalation;
mod locate;
pub mod template;
mod validate;

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use thiserror::Error;

use self::escalation::EscalationConfig;
use crate::domain::actor::Identity;
use crate::domain::assignment::Team;
use crate::domain::matrix::PriorityMatrix;
use crate::domain::rules::{RawRule, Rule};
use crate::domain::ticket::Schema;
use crate::domain::workflow::{LifecycleTargets, Workflow};
use crate::sla::policy::{Groups, SlaSettings};
use crate::sla::{Calendars, EngineContext, SlaConfig};

/// The commented configuration `tix init` writes.
pub const DEFAULT_CONFIG: &str = include_str!("default.yaml");

/// Where the configuration lives inside a ticket repository.
pub const CONFIG_PATH: &str = ".tix/config.yaml";

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub id_prefix: String,
    pub schema: Schema,
    /// Support staff; their public comments are responses for SLA purposes.
    pub agents: Vec<Agent>,
    /// Automated identities (names or emails): their comments never count for SLA clocks.
    pub bots: Vec<String>,
    /// Calendars, SLA policies and requester groups.
    pub sla: SlaConfig,
    /// Impact x urgency -> priority, when configured.
    pub priority_matrix: Option<PriorityMatrix>,
    /// Teams by name.
    pub teams: BTreeMap<String, Team>,
    /// Whether `tix assign` accepts names that are not agents.
    pub free_form_assignees: bool,
    /// Event rules, in order.
    pub rules: Vec<Rule>,
    /// Escalation levels and timed rules for `tix escalate`.
    pub escalation: EscalationConfig,
    /// Notification hooks by name.
    pub hooks: BTreeMap<String, Hook>,
    /// What `tix audit` enforces.
    pub audit: AuditConfig,
    /// Saved queries by name (`tix list @mine`).
    pub views: BTreeMap<String, String>,
    /// Limits of `tix intake`.
    pub intake: IntakeConfig,
}

/// `intake:` in the config: the limits of `tix intake`, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntakeConfig {
    /// An attachment larger than this is not saved; the ticket says so.
    pub max_attachment_size: u64,
    /// A message larger than this is refused whole (exit 2), so the MTA bounces it.
    pub max_message_size: u64,
}

impl Default for IntakeConfig {
    fn default() -> IntakeConfig {
        IntakeConfig {
            max_attachment_size: 10 << 20,
            max_message_size: 25 << 20,
        }
    }
}

/// `intake:` as written: sizes as numbers of bytes or `10 MiB`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntake {
    #[serde(default)]
    max_attachment_size: Option<RawSize>,
    #[serde(default)]
    max_message_size: Option<RawSize>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(u64),
    Text(String),
}

/// `audit:` in the config.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// Every commit that changes a ticket or the config must carry a good signature.
    #[serde(default)]
    pub require_signed: bool,
}

/// A notification hook: a command run with the event as JSON on stdin.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hook {
    /// Program and arguments; a relative program path is relative to the repository root.
    pub command: Vec<String>,
    /// Seconds before the hook is killed and counted as failed (default 30).
    #[serde(default)]
    pub timeout_secs: Option<u64>,
}

/// Notify targets that are not agent names.
pub const NOTIFY_TARGETS: &[&str] = &["assignee", "team_lead", "team", "requester"];

/// A member of the support staff.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub teams: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Away agents get no automatic assignments.
    #[serde(default)]
    pub away: bool,
}

impl Agent {
    /// The agent's name and email, to compare with who did something.
    pub fn identity(&self) -> Identity<'_> {
        Identity::new(&self.name, self.email.as_deref())
    }
}

/// A configuration error with its place in the file.
#[derive(Debug, Error, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(
            f,
            ": {}",
            crate::domain::text::shorten_quotes(&self.message)
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    version: u32,
    id_prefix: String,
    workflow: RawWorkflow,
    types: Vec<String>,
    default_type: String,
    priorities: Vec<String>,
    default_priority: String,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    agents: Vec<Agent>,
    #[serde(default)]
    bots: Vec<String>,
    #[serde(default)]
    calendars: Calendars,
    #[serde(default)]
    sla: SlaSettings,
    #[serde(default)]
    groups: Groups,
    #[serde(default)]
    organisations: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    priority_matrix: Option<PriorityMatrix>,
    #[serde(default)]
    teams: BTreeMap<String, Team>,
    #[serde(default)]
    free_form_assignees: bool,
    #[serde(default)]
    rules: Vec<RawRule>,
    #[serde(default)]
    escalation: EscalationConfig,
    #[serde(default)]
    hooks: BTreeMap<String, Hook>,
    #[serde(default)]
    audit: AuditConfig,
    #[serde(default)]
    views: BTreeMap<String, String>,
    #[serde(default)]
    intake: RawIntake,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkflow {
    statuses: Vec<String>,
    initial: String,
    #[serde(default)]
    done: Vec<String>,
    #[serde(default)]
    pending: Vec<String>,
    #[serde(default)]
    cancelled: Vec<String>,
    transitions: BTreeMap<String, Vec<String>>,
    commands: RawCommands,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommands {
    start: String,
    pending: String,
    resolve: String,
    close: String,
    reopen: String,
}

impl Config {
    /// Parses and validates configuration text. `file` names it in errors.
    ///
    /// # Errors
    /// Syntax errors, unknown keys, wrong types and broken rules, each with its line.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        refuse_hazards(text, file)?;
        let raw: RawConfig = serde_yaml_ng::from_str(text).map_err(|e| {
            let (mut line, mut column) = e
                .location()
                .map_or((None, None), |l| (Some(l.line()), Some(l.column())));
            // serde puts a repeated key at the document's start; point at the repetition.
            if let Some(at) = crate::yaml_guard::duplicate_key_line(text, &e.to_string()) {
                (line, column) = (Some(at), None);
            }
            ConfigError {
                file: file.into(),
                line,
                column,
                message: strip_location(&e.to_string()),
                hint: None,
            }
        })?;
        let invalid = |path: &[&str], message: String, hint: &str| {
            let line = locate::line_of(text, path);
            ConfigError {
                file: file.into(),
                line,
                column: None,
                message,
                hint: Some(hint.to_string()),
            }
        };
        if raw.version != 1 {
            return Err(invalid(
                &["version"],
                format!("unsupported config version {}", raw.version),
                "this tix reads version 1",
            ));
        }
        if !crate::domain::id::is_valid_prefix(&raw.id_prefix) {
            return Err(invalid(
                &["id_prefix"],
                format!("invalid id_prefix '{}'", raw.id_prefix),
                "use letters, digits or '_', e.g. IT",
            ));
        }
        let wf = &raw.workflow;
        let statuses = &wf.statuses;
        let known = |s: &String| statuses.contains(s);
        let status_hint = format!("known statuses: {}", statuses.join(", "));
        if statuses.is_empty() {
            return Err(invalid(
                &["workflow", "statuses"],
                "workflow.statuses is empty".into(),
                "list at least one status",
            ));
        }
        if let Some(dup) = first_duplicate(statuses) {
            return Err(invalid(
                &["workflow", "statuses"],
                format!("status '{dup}' is listed twice"),
                "list each status once",
            ));
        }
        if !known(&wf.initial) {
            return Err(invalid(
                &["workflow", "initial"],
                format!(
                    "initial status '{}' is not in workflow.statuses",
                    wf.initial
                ),
                &status_hint,
            ));
        }
        for (key, list) in [
            ("done", &wf.done),
            ("pending", &wf.pending),
            ("cancelled", &wf.cancelled),
        ] {
            if let Some(bad) = list.iter().find(|s| !known(s)) {
                return Err(invalid(
                    &["workflow", key],
                    format!("workflow.{key} names unknown status '{bad}'"),
                    &status_hint,
                ));
            }
        }
        for (from, tos) in &wf.transitions {
            if !known(from) {
                return Err(invalid(
                    &["workflow", "transitions", from],
                    format!("transition from unknown status '{from}'"),
                    &status_hint,
                ));
            }
            if let Some(bad) = tos.iter().find(|s| !known(s)) {
                return Err(invalid(
                    &["workflow", "transitions", from],
                    format!("transition from '{from}' to unknown status '{bad}'"),
                    &status_hint,
                ));
            }
        }
        let c = &wf.commands;
        for (name, target) in [
            ("start", &c.start),
            ("pending", &c.pending),
            ("resolve", &c.resolve),
            ("close", &c.close),
            ("reopen", &c.reopen),
        ] {
            if !known(target) {
                return Err(invalid(
                    &["workflow", "commands", name],
                    format!("command '{name}' moves to unknown status '{target}'"),
                    &status_hint,
                ));
            }
        }
        for (key, list) in [
            ("types", &raw.types),
            ("priorities", &raw.priorities),
            ("categories", &raw.categories),
        ] {
            if let Some(dup) = first_duplicate(list) {
                return Err(invalid(
                    &[key],
                    format!("'{dup}' is listed twice in {key}"),
                    "list each value once",
                ));
            }
        }
        if !raw.types.contains(&raw.default_type) {
            return Err(invalid(
                &["default_type"],
                format!("default_type '{}' is not in types", raw.default_type),
                &format!("known types: {}", raw.types.join(", ")),
            ));
        }
        if !raw.priorities.contains(&raw.default_priority) {
            return Err(invalid(
                &["default_priority"],
                format!(
                    "default_priority '{}' is not in priorities",
                    raw.default_priority
                ),
                &format!("known priorities: {}", raw.priorities.join(", ")),
            ));
        }
        let matrix_levels = raw
            .priority_matrix
            .as_ref()
            .map(|m| (m.impacts.clone(), m.urgencies.clone()))
            .unwrap_or_default();
        let workflow = Workflow {
            statuses: wf.statuses.clone(),
            initial: wf.initial.clone(),
            done: wf.done.clone(),
            cancelled: wf.cancelled.clone(),
            pending: wf.pending.clone(),
            transitions: wf.transitions.clone(),
            commands: LifecycleTargets {
                start: c.start.clone(),
                pending: c.pending.clone(),
                resolve: c.resolve.clone(),
                close: c.close.clone(),
                reopen: c.reopen.clone(),
            },
        };
        let sla = SlaConfig {
            calendars: raw.calendars,
            sla: raw.sla,
            groups: raw.groups,
            organisations: raw.organisations,
        };
        let known = validate::Known {
            priorities: &raw.priorities,
            statuses: &wf.statuses,
            types: &raw.types,
            categories: &raw.categories,
            agents: raw.agents.iter().map(|a| a.name.as_str()).collect(),
            teams: raw.teams.keys().map(String::as_str).collect(),
            hooks: raw.hooks.keys().map(String::as_str).collect(),
            free_form_assignees: raw.free_form_assignees,
            notify_targets: NOTIFY_TARGETS,
        };
        if let Err(issues) = validate::check_sla(&sla, &known)
            && let Some(issue) = issues.into_iter().next()
        {
            let path: Vec<&str> = issue.path.iter().map(String::as_str).collect();
            return Err(invalid(&path, issue.message, &issue.hint));
        }
        for (i, agent) in raw.agents.iter().enumerate() {
            if agent.name.trim().is_empty() {
                return Err(invalid(
                    &["agents", &i.to_string()],
                    "an agent has an empty name".into(),
                    "give every agent a name",
                ));
            }
        }
        for (name, text) in &raw.views {
            let well_named = !name.is_empty()
                && name != "me"
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !well_named {
                return Err(invalid(
                    &["views", name],
                    format!("'{name}' cannot name a view"),
                    "use letters, digits, - and _ (and not `me`, which @me means)",
                ));
            }
            if let Err(e) = crate::domain::query::parse(text, 0, &|_| None) {
                return Err(invalid(
                    &["views", name],
                    e.to_string(),
                    "see `tix help query` for the query language; a view cannot name other views",
                ));
            }
        }
        let intake = intake_limits(&raw.intake).map_err(|(key, message)| {
            invalid(
                &["intake", key],
                message,
                "write a number of bytes or a size such as 10 MiB (units B, KiB, MiB, GiB), greater than 0",
            )
        })?;
        let issue = |issue: crate::domain::Issue| {
            let path: Vec<&str> = issue.path.iter().map(String::as_str).collect();
            invalid(&path, issue.message, &issue.hint)
        };
        let rules = validate::automation::validate(&validate::automation::Parts {
            known: &known,
            statuses: &wf.statuses,
            agents: &raw.agents,
            teams: &raw.teams,
            rules: &raw.rules,
            escalation: &raw.escalation,
            hooks: &raw.hooks,
            matrix: raw.priority_matrix.as_ref(),
            sla: &sla,
        })
        .map_err(issue)?;
        Ok(Config {
            agents: raw.agents,
            bots: raw.bots,
            priority_matrix: raw.priority_matrix,
            teams: raw.teams,
            free_form_assignees: raw.free_form_assignees,
            rules,
            escalation: raw.escalation,
            hooks: raw.hooks,
            audit: raw.audit,
            views: raw.views,
            intake,
            sla,
            id_prefix: raw.id_prefix,
            schema: Schema {
                workflow,
                types: raw.types,
                default_type: raw.default_type,
                priorities: raw.priorities,
                default_priority: raw.default_priority,
                categories: raw.categories,
                impacts: matrix_levels.0,
                urgencies: matrix_levels.1,
                templates: BTreeMap::new(),
            },
        })
    }
}

/// The `intake:` limits, defaults filled in; the key and reason of the first bad one.
fn intake_limits(raw: &RawIntake) -> Result<IntakeConfig, (&'static str, String)> {
    let mut limits = IntakeConfig::default();
    for (key, value, slot) in [
        (
            "max_attachment_size",
            &raw.max_attachment_size,
            &mut limits.max_attachment_size,
        ),
        (
            "max_message_size",
            &raw.max_message_size,
            &mut limits.max_message_size,
        ),
    ] {
        let bytes = match value {
            None => continue,
            Some(RawSize::Bytes(n)) => *n,
            Some(RawSize::Text(text)) => crate::domain::intake::parse_size(text)
                .map_err(|why| (key, format!("intake.{key}: {why}")))?,
        };
        if bytes == 0 {
            return Err((key, format!("intake.{key} is 0")));
        }
        *slot = bytes;
    }
    Ok(limits)
}

impl Config {
    /// The calendar timed escalation rules use by default: the first SLA policy's, else `24x7`.
    pub fn default_calendar(&self) -> &str {
        self.sla
            .sla
            .policies
            .first()
            .and_then(|p| p.calendar.as_deref())
            .unwrap_or("24x7")
    }

    /// The agent `who` names (a name, an email or `Name <email>`; see
    /// [`same_person`](crate::domain::actor::same_person)).
    pub fn agent(&self, who: &str) -> Option<&Agent> {
        let who = Identity::parse(who);
        self.agents.iter().find(|a| a.identity().same(&who))
    }

    /// Parses the config of the repository at `root` and checks that its hooks can run (as
    /// `tix check --staged` wants for a config about to be committed).
    ///
    /// # Errors
    /// As [`Config::parse`], plus the first hook whose program is missing or not executable.
    pub fn parse_at(text: &str, file: &str, root: &std::path::Path) -> Result<Config, ConfigError> {
        let config = Config::parse(text, file)?;
        match config.hook_problems(text, file, root).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(config),
        }
    }

    /// Hooks whose program is missing or not executable from `root`, located in `text`. Not
    /// part of loading: a broken hook must not stop `tix list`; it is reported by `tix check`
    /// and when it runs.
    pub fn hook_problems(
        &self,
        text: &str,
        file: &str,
        root: &std::path::Path,
    ) -> Vec<ConfigError> {
        self.hooks
            .iter()
            .filter_map(|(name, hook)| {
                let problem = validate::automation::hook_problem(hook, root)?;
                Some(ConfigError {
                    file: file.into(),
                    line: locate::line_of(text, &["hooks", name, "command"]),
                    column: None,
                    message: format!("hook '{name}': {problem}"),
                    hint: Some(
                        "the first word of command is a program, relative to the repository root; make it executable (chmod +x)".into(),
                    ),
                })
            })
            .collect()
    }

    /// Who counts as an agent and which statuses end a ticket, for the SLA engine.
    pub fn engine_context(&self) -> EngineContext {
        let mut agents = Vec::with_capacity(self.agents.len() * 2);
        for agent in &self.agents {
            agents.push(agent.name.clone());
            agents.extend(agent.email.clone());
        }
        EngineContext {
            agents,
            done_statuses: self.schema.workflow.done.clone(),
            cancelled_statuses: self.schema.workflow.cancelled.clone(),
            bots: self.bots.clone(),
        }
    }
}

fn first_duplicate(list: &[String]) -> Option<&String> {
    list.iter()
        .enumerate()
        .find(|(i, s)| list.iter().take(*i).any(|t| t == *s))
        .map(|(_, s)| s)
}

/// Refuses a config over 1 MiB, or holding YAML anchors or aliases, before parsing it: the
/// parser expands every alias, and nested ones cost more memory than any machine has, so a
/// count limit would bound nothing. Nothing in a tix config needs them.
fn refuse_hazards(text: &str, file: &str) -> Result<(), ConfigError> {
    let error = |line, column, message: String, hint: &str| ConfigError {
        file: file.into(),
        line,
        column,
        message,
        hint: Some(hint.into()),
    };
    if let Some(message) =
        crate::yaml_guard::too_large(text.len(), crate::yaml_guard::MAX_CONFIG_FILE_BYTES)
    {
        return Err(error(
            None,
            None,
            message,
            "a tix config is a few kilobytes; check that the right file was committed",
        ));
    }
    if let Some(found) = crate::yaml_guard::find_anchor_or_alias(text) {
        return Err(error(
            Some(found.line),
            Some(found.column),
            format!(
                "anchors and aliases are not allowed in the config (found an {})",
                found.kind()
            ),
            "write the repeated values out in full",
        ));
    }
    Ok(())
}

pub(crate) use crate::yaml_guard::strip_location;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_is_valid() {
        let config = Config::parse(DEFAULT_CONFIG, CONFIG_PATH).unwrap();
        assert_eq!(config.id_prefix, "IT");
        assert_eq!(config.schema.workflow.initial, "new");
        assert!(config.schema.workflow.check("new", "closed").is_err());
    }

    #[test]
    fn unknown_key_reports_line() {
        let text = DEFAULT_CONFIG.replace(
            "default_type: incident",
            "default_type: incident\ncolour: blue",
        );
        let err = Config::parse(&text, CONFIG_PATH).unwrap_err();
        assert!(err.line.is_some());
        assert!(err.to_string().starts_with(".tix/config.yaml:"), "{err}");
        assert!(err.message.contains("unknown field `colour`"), "{err}");
    }

    #[test]
    fn transition_to_unknown_status_reports_its_line() {
        let text = DEFAULT_CONFIG.replace("closed: [open]", "closed: [opne]");
        let err = Config::parse(&text, CONFIG_PATH).unwrap_err();
        let expected = DEFAULT_CONFIG
            .lines()
            .position(|l| l.contains("closed: [open]"))
            .unwrap()
            + 1;
        assert_eq!(err.line, Some(expected));
        assert_eq!(
            err.message,
            "transition from 'closed' to unknown status 'opne'"
        );
    }

    #[test]
    fn anchors_aliases_and_huge_configs_are_refused_before_parsing() {
        let text = DEFAULT_CONFIG.replacen("categories:", "x: &a 1\ncategories:", 1);
        let err = Config::parse(&text, CONFIG_PATH).unwrap_err();
        assert_eq!(
            err.message,
            "anchors and aliases are not allowed in the config (found an anchor)"
        );
        assert!(err.line.is_some());
        let text = format!("{DEFAULT_CONFIG}\n#{}\n", "x".repeat(1024 * 1024));
        let err = Config::parse(&text, CONFIG_PATH).unwrap_err();
        assert!(err.message.starts_with("the file is "), "{err}");
    }

    #[test]
    fn errors_do_not_echo_huge_values() {
        let big = "y".repeat(1_000_000);
        let text = DEFAULT_CONFIG.replacen("id_prefix: IT", &format!("id_prefix: [\"{big}\"]"), 1);
        let err = Config::parse(&text, CONFIG_PATH).unwrap_err().to_string();
        assert!(err.len() < 400, "{}", &err[..400]);
    }

    #[test]
    fn broken_yaml_reports_line() {
        let err = Config::parse("version: 1\nid_prefix: [IT\n", CONFIG_PATH).unwrap_err();
        assert!(err.line.is_some(), "{err}");
    }
}
