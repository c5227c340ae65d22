//! The pure core: tickets, IDs, workflow rules and events. No Git, files, terminal or clock.

pub mod actor;
pub mod asset;
pub mod assignment;
pub mod audit;
pub mod change;
pub mod event;
pub mod field;
pub mod id;
pub mod import;
pub mod intake;
pub mod kb;
pub mod lifecycle;
pub mod link;
pub mod matrix;
pub mod merge;
pub mod query;
pub mod rules;
pub mod satisfaction;
pub mod similar;
pub mod template;
pub mod text;
pub mod ticket;
pub mod transfer;
pub mod workflow;

/// A configuration problem: where (keys and list indexes from the config root, for
/// `config::locate`), what, and how to fix it. Found by `config::validate` and by the few domain
/// types that check themselves (the priority matrix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: Vec<String>,
    pub message: String,
    pub hint: String,
}

impl Issue {
    pub fn new(path: Vec<String>, message: impl Into<String>, hint: &str) -> Issue {
        Issue {
            path,
            message: message.into(),
            hint: hint.to_string(),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (hint: {})",
            self.path.join("."),
            self.message,
            self.hint
        )
    }
}
