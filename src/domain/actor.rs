//! Who did something: a person or a bot, written `Name <email>` as Git writes authors.

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

    /// True when `who` (a name, an email or `Name <email>`) names this actor.
    pub fn matches(&self, who: &str) -> bool {
        let Some(other) = Actor::parse(who) else {
            return false;
        };
        other.name == self.name || (other.email.is_some() && other.email == self.email)
    }
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
}
