//! Who did something: a person or a bot, written `Name <email>` as Git writes authors, and the
//! one rule for when two such strings name the same person ([`same_person`]), which the SLA
//! engine, requester groups, agent lookups and assignment loads all use.

use std::fmt;

/// The person or bot behind a change; becomes the commit author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub email: Option<String>,
}

impl Actor {
    /// Parses `Name <email>`, `email@host` or a bare name. `None` for an empty string or one Git
    /// cannot store as an author: angle brackets in the wrong place, or a control character (a
    /// newline would split the commit's author header and make the commit object invalid).
    pub fn parse(text: &str) -> Option<Actor> {
        let text = text.trim();
        if text.is_empty() || super::text::control_in_line(text).is_some() {
            return None;
        }
        if let Some((name, rest)) = text.split_once('<') {
            let email = rest.strip_suffix('>')?.trim();
            let name = name.trim();
            if email.is_empty() || email.contains(['<', '>']) || name.contains('>') {
                return None;
            }
            let name = if name.is_empty() { email } else { name };
            return Some(Actor {
                name: name.to_string(),
                email: Some(email.to_string()),
            });
        }
        if text.contains('>') {
            return None;
        }
        let email = text.contains('@').then(|| text.to_string());
        Some(Actor {
            name: text.to_string(),
            email,
        })
    }

    /// True when `who` (a name, an email or `Name <email>`) names this actor; see
    /// [`same_person`].
    pub fn matches(&self, who: &str) -> bool {
        Identity::new(&self.name, self.email.as_deref()).same(&Identity::parse(who))
    }
}

/// The name and email of one identity, borrowed from the text it was read from.
///
/// Cheap to build (no allocation), as the SLA engine splits every comment author with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Identity<'a> {
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
}

impl<'a> Identity<'a> {
    /// An identity from its parts; empty parts count as missing.
    pub fn new(name: &'a str, email: Option<&'a str>) -> Identity<'a> {
        Identity {
            name: non_empty(name),
            email: email.and_then(non_empty),
        }
    }

    /// Splits `Name <email>`, a bare name or a bare email.
    ///
    /// A bare string could be either a name or an email (config lists and assignees mix both),
    /// so it stands for both: `alice@x.org` is the same person as `Alice <alice@x.org>`, and
    /// `alice` the same as `alice <alice>`.
    pub fn parse(text: &'a str) -> Identity<'a> {
        match text.split_once('<') {
            Some((name, rest)) => {
                let email = rest.split_once('>').map_or(rest, |(e, _)| e);
                Identity {
                    name: non_empty(name),
                    email: non_empty(email),
                }
            }
            None => {
                let bare = non_empty(text);
                Identity {
                    name: bare,
                    email: bare,
                }
            }
        }
    }

    /// Whether both name the same person: the same name or the same email, ignoring ASCII
    /// case. Two identities with nothing in common, or nothing at all, are different people.
    pub fn same(&self, other: &Identity<'_>) -> bool {
        let eq = |a: Option<&str>, b: Option<&str>| {
            a.zip(b).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        eq(self.name, other.name) || eq(self.email, other.email)
    }
}

// ASCII trimming only: this runs for every comment and policy match.
fn non_empty(x: &str) -> Option<&str> {
    let x = x.trim_ascii();
    (!x.is_empty()).then_some(x)
}

/// Whether `a` and `b` (each `Name <email>`, a bare name or a bare email) name the same person:
/// the same name, or the same email, ignoring ASCII case. `Dana Boss <dana@x.org>` is the same
/// person as `dana@x.org` and as `Dana Boss`.
pub fn same_person(a: &str, b: &str) -> bool {
    Identity::parse(a).same(&Identity::parse(b))
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.email {
            Some(email) if email != &self.name => write!(f, "{} <{}>", self.name, email),
            _ => f.write_str(&self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(
            Actor::parse("Alice Doe <alice@example.com>"),
            Some(Actor {
                name: "Alice Doe".into(),
                email: Some("alice@example.com".into())
            })
        );
        assert_eq!(
            Actor::parse("bot@ci"),
            Some(Actor {
                name: "bot@ci".into(),
                email: Some("bot@ci".into())
            })
        );
        assert_eq!(
            Actor::parse("alice"),
            Some(Actor {
                name: "alice".into(),
                email: None
            })
        );
        assert_eq!(Actor::parse(" "), None);
        assert_eq!(Actor::parse("a <b"), None);
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(Actor::parse("Eve\nEvil <e@x>"), None);
        assert_eq!(Actor::parse("Eve <e@x\0>"), None);
        assert_eq!(Actor::parse("Eve\u{1b}[31m"), None);
        assert_eq!(Actor::parse("Eve\tEvil"), None);
        assert!(
            Actor::parse("  Eve <e@x>\n").is_some(),
            "surrounding whitespace is trimmed"
        );
    }

    #[test]
    fn matches_by_name_or_email() {
        let a = Actor::parse("Alice <alice@example.com>").unwrap();
        assert!(a.matches("alice@example.com"));
        assert!(a.matches("Alice"));
        assert!(!a.matches("bob"));
    }

    #[test]
    fn same_person_by_name_or_by_email() {
        // "Name <email>" against a bare name, a bare email, and another "Name <email>".
        assert!(same_person("Alice <alice@x.org>", "alice@x.org"));
        assert!(same_person("Alice <alice@x.org>", "Alice"));
        assert!(same_person(
            "Alice <alice@x.org>",
            "A. Liddell <alice@x.org>"
        ));
        assert!(same_person("Alice <alice@x.org>", "Alice <other@x.org>"));
        assert!(!same_person("Alice <a@x.org>", "Bob <b@x.org>"));
        // Bare against bare.
        assert!(same_person("alice", "alice"));
        assert!(same_person("alice@x.org", "alice@x.org"));
        assert!(!same_person("alice", "alice@x.org"));
    }

    #[test]
    fn same_person_ignores_case_and_spaces() {
        assert!(same_person("alice@X.org", "Someone Else <ALICE@x.org>"));
        assert!(same_person("ALICE", " alice "));
        assert!(same_person("  Alice  < alice@x.org >", "alice@x.org"));
    }

    #[test]
    fn nothing_is_nobody() {
        assert!(!same_person("", ""));
        assert!(!same_person(" ", "<>"));
        assert!(!same_person("Alice <>", "<>"));
        assert!(!Identity::new("", None).same(&Identity::new("", Some(""))));
    }

    #[test]
    fn an_agent_without_email_is_found_by_name_only() {
        let agent = Identity::new("alice", None);
        assert!(agent.same(&Identity::parse("Alice")));
        assert!(agent.same(&Identity::parse("alice <alice@x.org>")));
        assert!(!agent.same(&Identity::parse("alice@x.org")));
        let agent = Identity::new("alice", Some("alice@x.org"));
        assert!(agent.same(&Identity::parse("alice@x.org")));
        assert!(agent.same(&Identity::parse("Alice Liddell <ALICE@x.org>")));
    }
}
