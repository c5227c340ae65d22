//! JUnit XML, the format CI servers (GitHub Actions reporters, GitLab, Jenkins) show natively:
//! one test case per ticket clock, failed when the clock fails the check.

/// One test case.
pub struct Case {
    /// Grouping shown by CI servers; the ticket ID.
    pub classname: String,
    /// The clock, e.g. `resolution`.
    pub name: String,
    /// `Some(message)` when the case failed.
    pub failure: Option<String>,
    /// Extra detail for failed cases.
    pub detail: String,
}

/// A `<testsuites>` document with one suite.
pub fn render(suite: &str, cases: &[Case], timestamp: &str) -> String {
    let failures = cases.iter().filter(|c| c.failure.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{failures}\">\n",
        escape(suite),
        cases.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" timestamp=\"{}\">\n",
        escape(suite),
        cases.len(),
        escape(timestamp)
    ));
    for case in cases {
        let head = format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            escape(&case.classname),
            escape(&case.name)
        );
        match &case.failure {
            None => out.push_str(&format!("{head}/>\n")),
            Some(message) => {
                out.push_str(&format!("{head}>\n"));
                out.push_str(&format!(
                    "      <failure message=\"{}\" type=\"sla\">{}</failure>\n",
                    escape(message),
                    escape(&case.detail)
                ));
                out.push_str("    </testcase>\n");
            }
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_passing_and_failing_cases_escaped() {
        let cases = vec![
            Case {
                classname: "IT-1".into(),
                name: "resolution".into(),
                failure: None,
                detail: String::new(),
            },
            Case {
                classname: "IT-2".into(),
                name: "first_response".into(),
                failure: Some("breached by 5m <P1>".into()),
                detail: "a & b".into(),
            },
        ];
        let xml = render("tix sla", &cases, "2026-01-01T00:00:00Z");
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert!(
            xml.contains("<testcase classname=\"IT-1\" name=\"resolution\"/>"),
            "{xml}"
        );
        assert!(
            xml.contains("message=\"breached by 5m &lt;P1&gt;\" type=\"sla\">a &amp; b</failure>"),
            "{xml}"
        );
    }
}
