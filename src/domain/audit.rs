//! What an auditor must look at: changes made outside tix, by unknown identities, or unsigned
//! where signing is required. Pure: the commit's facts in, the flags out.

/// The facts of one commit that the flags depend on.
#[derive(Debug, Clone, Copy)]
pub struct CommitFacts<'a> {
    /// The `Tix-Action` trailer, if any.
    pub action: Option<&'a str>,
    pub merge: bool,
    pub author: &'a str,
    pub email: &'a str,
    /// Git's signature status letter, when checked: `G` (good) and `U` (good, key of unknown
    /// validity) count as signed.
    pub signature: Option<char>,
}

/// Who may change tickets without being flagged: agents and the tickets' requesters.
#[derive(Debug, Clone, Default)]
pub struct KnownPeople {
    /// Agents' names and emails.
    pub agents: Vec<String>,
    /// Requester values of the tickets (`dana@example.com` or `Dana <dana@example.com>`).
    pub requesters: Vec<String>,
}

impl KnownPeople {
    fn knows(&self, name: &str, email: &str) -> bool {
        let email = email.to_ascii_lowercase();
        let name_or_email = |s: &String| {
            let s = s.to_ascii_lowercase();
            s == name.to_ascii_lowercase() || (!email.is_empty() && s.contains(&email))
        };
        self.agents.iter().any(name_or_email) || self.requesters.iter().any(name_or_email)
    }
}

/// The flags of one commit, in a fixed order: `outside_tix`, `unknown_identity`, `unsigned`.
pub fn flags(facts: &CommitFacts, known: &KnownPeople, require_signed: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    // A merge made by git is how teams share tickets; only its own changes are listed.
    if facts.action.is_none() && !facts.merge {
        out.push("outside_tix");
    }
    if !known.knows(facts.author, facts.email) {
        out.push("unknown_identity");
    }
    if require_signed && !matches!(facts.signature, Some('G' | 'U')) {
        out.push("unsigned");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        action: Option<&'a str>,
        author: &'a str,
        email: &'a str,
        signature: Option<char>,
    ) -> CommitFacts<'a> {
        CommitFacts {
            action,
            merge: false,
            author,
            email,
            signature,
        }
    }

    #[test]
    fn hand_edits_unknown_people_and_unsigned_commits_are_flagged() {
        let known = KnownPeople {
            agents: vec!["Alice Agent".into(), "alice@example.com".into()],
            requesters: vec!["Dana <dana@example.com>".into()],
        };
        assert!(
            flags(
                &facts(Some("new"), "Alice Agent", "alice@example.com", None),
                &known,
                false
            )
            .is_empty()
        );
        assert_eq!(
            flags(
                &facts(None, "Dana", "DANA@example.com", None),
                &known,
                false
            ),
            ["outside_tix"]
        );
        assert_eq!(
            flags(
                &facts(Some("edit"), "Mallory", "m@evil.example", Some('N')),
                &known,
                true
            ),
            ["unknown_identity", "unsigned"]
        );
        assert!(
            flags(
                &facts(Some("edit"), "Alice Agent", "", Some('G')),
                &known,
                true
            )
            .is_empty()
        );
    }
}
