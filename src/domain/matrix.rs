//! The ITIL priority matrix: impact and urgency map to a priority.
//!
//! Configured as `priority_matrix` in `.tix/config.yaml`; every (impact, urgency) cell must be
//! filled with a configured priority, so a lookup never fails on a valid ticket.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Issue;

/// `priority_matrix:` in the config.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityMatrix {
    /// Impact levels, most severe first.
    pub impacts: Vec<String>,
    /// Urgency levels, most urgent first.
    pub urgencies: Vec<String>,
    /// `matrix[impact][urgency]` is a priority.
    pub matrix: BTreeMap<String, BTreeMap<String, String>>,
}

impl PriorityMatrix {
    /// The priority for an impact and an urgency, if both are known.
    pub fn priority(&self, impact: &str, urgency: &str) -> Option<&str> {
        self.matrix
            .get(impact)
            .and_then(|row| row.get(urgency))
            .map(String::as_str)
    }

    /// The matrix priority of a ticket that has both an impact and an urgency.
    pub fn for_values(&self, impact: Option<&str>, urgency: Option<&str>) -> Option<&str> {
        self.priority(impact?, urgency?)
    }

    /// Checks that every cell is filled with a known priority and no row or column is unknown.
    ///
    /// # Errors
    /// The first problem, with its path under `priority_matrix`.
    pub fn validate(&self, priorities: &[String]) -> Result<(), Issue> {
        let at = |path: &[&str]| -> Vec<String> {
            std::iter::once("priority_matrix")
                .chain(path.iter().copied())
                .map(String::from)
                .collect()
        };
        if self.impacts.is_empty() || self.urgencies.is_empty() {
            return Err(Issue::new(
                at(&[]),
                "priority_matrix needs at least one impact and one urgency",
                "e.g. impacts: [high, medium, low], urgencies: [high, medium, low]",
            ));
        }
        for (key, list) in [("impacts", &self.impacts), ("urgencies", &self.urgencies)] {
            if let Some(dup) = list
                .iter()
                .enumerate()
                .find(|(i, v)| list.iter().take(*i).any(|w| w == *v))
            {
                return Err(Issue::new(
                    at(&[key]),
                    format!("'{}' is listed twice in priority_matrix.{key}", dup.1),
                    "list each level once",
                ));
            }
        }
        for impact in self.matrix.keys() {
            if !self.impacts.contains(impact) {
                return Err(Issue::new(
                    at(&["matrix", impact]),
                    format!("priority_matrix.matrix has a row for unknown impact '{impact}'"),
                    &format!("impacts: {}", self.impacts.join(", ")),
                ));
            }
        }
        for impact in &self.impacts {
            let Some(row) = self.matrix.get(impact) else {
                return Err(Issue::new(
                    at(&["matrix"]),
                    format!("priority_matrix.matrix has no row for impact '{impact}'"),
                    &format!(
                        "add `{impact}: {{ {} }}`",
                        self.urgencies
                            .iter()
                            .map(|u| format!("{u}: P?"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            for urgency in row.keys() {
                if !self.urgencies.contains(urgency) {
                    return Err(Issue::new(
                        at(&["matrix", impact]),
                        format!(
                            "priority_matrix.matrix.{impact} names unknown urgency '{urgency}'"
                        ),
                        &format!("urgencies: {}", self.urgencies.join(", ")),
                    ));
                }
            }
            for urgency in &self.urgencies {
                match row.get(urgency) {
                    None => {
                        return Err(Issue::new(
                            at(&["matrix", impact]),
                            format!(
                                "priority_matrix.matrix.{impact} has no cell for urgency '{urgency}'"
                            ),
                            "every impact and urgency pair needs a priority",
                        ));
                    }
                    Some(p) if !priorities.contains(p) => {
                        return Err(Issue::new(
                            at(&["matrix", impact]),
                            format!(
                                "priority_matrix.matrix.{impact}.{urgency} is unknown priority '{p}'"
                            ),
                            &format!("known priorities: {}", priorities.join(", ")),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> PriorityMatrix {
        serde_yaml_ng::from_str(
            "impacts: [high, low]\nurgencies: [high, low]\nmatrix:\n  high: {high: P1, low: P2}\n  low: {high: P3, low: P4}\n",
        )
        .unwrap()
    }

    fn priorities() -> Vec<String> {
        ["P1", "P2", "P3", "P4"].map(String::from).to_vec()
    }

    #[test]
    fn looks_up_cells() {
        let m = matrix();
        assert_eq!(m.validate(&priorities()), Ok(()));
        assert_eq!(m.priority("high", "high"), Some("P1"));
        assert_eq!(m.priority("low", "high"), Some("P3"));
        assert_eq!(m.for_values(Some("low"), None), None);
    }

    #[test]
    fn missing_cell_and_unknown_priority_are_errors() {
        let mut m = matrix();
        m.matrix.get_mut("low").unwrap().remove("low");
        let err = m.validate(&priorities()).unwrap_err();
        assert!(err.message.contains("no cell for urgency 'low'"), "{err:?}");
        assert_eq!(err.path, ["priority_matrix", "matrix", "low"]);
        let mut m = matrix();
        m.matrix
            .get_mut("low")
            .unwrap()
            .insert("low".into(), "P9".into());
        assert!(
            m.validate(&priorities())
                .unwrap_err()
                .message
                .contains("'P9'")
        );
    }
}
