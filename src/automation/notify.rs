//! Who a `notify` action reaches, and the hook invocations that carry it.
//!
//! Builds [`Notification`] values only; the CLI runs the hooks (and queues failures) after the
//! commit.

use crate::config::Config;
use crate::domain::rules::Notice;
use crate::domain::ticket::Ticket;
use crate::hooks::{Event, EventTicket, Notification};

/// The hook invocations for `notices` about `ticket`; `event` is `rule` or `escalation`.
pub fn notifications(
    config: &Config,
    notices: &[Notice],
    ticket: &Ticket,
    event: &str,
) -> Vec<Notification> {
    let mut out = Vec::new();
    for notice in notices {
        let hooks: Vec<&String> = match notice.target.via() {
            Some(via) => config.hooks.keys().filter(|k| *k == via).collect(),
            None => config.hooks.keys().collect(),
        };
        let target = notice.target.to();
        for hook in hooks {
            out.push(Notification {
                hook: hook.clone(),
                event: Event {
                    version: 1,
                    event: event.to_string(),
                    name: notice.source.clone(),
                    ticket: EventTicket {
                        id: ticket.id.to_string(),
                        title: ticket.title.clone(),
                        priority: ticket.priority.clone(),
                        status: ticket.status.clone(),
                        assignee: ticket.assignee.clone(),
                        team: ticket.team.clone(),
                    },
                    target: target.to_string(),
                    recipients: recipients(config, ticket, target),
                },
            });
        }
    }
    out
}

/// Email addresses (or names, for people without one) a notify target stands for.
pub fn recipients(config: &Config, ticket: &Ticket, target: &str) -> Vec<String> {
    let address = |name: &str| -> String {
        config
            .agent(name)
            .and_then(|a| a.email.clone())
            .unwrap_or_else(|| name.to_string())
    };
    match target {
        "assignee" => ticket.assignee.iter().map(|a| address(a)).collect(),
        "requester" => ticket.requester.iter().cloned().collect(),
        "team_lead" => ticket
            .team
            .as_ref()
            .and_then(|t| config.teams.get(t))
            .and_then(|t| t.lead.as_deref())
            .map(address)
            .into_iter()
            .collect(),
        "team" => match &ticket.team {
            Some(team) => config
                .agents
                .iter()
                .filter(|a| a.teams.contains(team))
                .map(|a| a.email.clone().unwrap_or_else(|| a.name.clone()))
                .collect(),
            None => vec![],
        },
        agent => vec![address(agent)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::sample::{config_with, desk, ticket};
    use crate::domain::rules::NotifyTarget;

    #[test]
    fn targets_stand_for_addresses() {
        let config = desk("round-robin");
        let t = Ticket {
            assignee: Some("bob".into()),
            team: Some("desktop".into()),
            requester: Some("ceo@example.com".into()),
            ..ticket(1)
        };
        let to = |target: &str| recipients(&config, &t, target);
        assert_eq!(to("assignee"), ["bob@example.com"]);
        assert_eq!(to("team_lead"), ["alice@example.com"]);
        assert_eq!(
            to("team"),
            ["alice@example.com", "bob@example.com", "carol@example.com"]
        );
        assert_eq!(to("requester"), ["ceo@example.com"]);
        assert_eq!(to("carol"), ["carol@example.com"]);
        // Someone without an email is named.
        assert_eq!(to("dave"), ["dave"]);
        let nobody = ticket(2);
        assert!(recipients(&config, &nobody, "assignee").is_empty());
        assert!(recipients(&config, &nobody, "team_lead").is_empty());
        assert!(recipients(&config, &nobody, "team").is_empty());
    }

    #[test]
    fn a_notice_goes_to_every_hook_or_only_via() {
        let config = config_with(&[(
            "hooks: {}\n",
            "hooks:\n  chat: { command: [notify-chat] }\n  mail: { command: [notify-mail] }\n",
        )]);
        let t = Ticket {
            assignee: Some("bob".into()),
            ..ticket(1)
        };
        let notice = |target: NotifyTarget| Notice {
            source: "vip".into(),
            target,
        };
        let everywhere = notice(NotifyTarget::To("assignee".into()));
        let all = notifications(&config, &[everywhere], &t, "rule");
        let hooks: Vec<&str> = all.iter().map(|n| n.hook.as_str()).collect();
        assert_eq!(hooks, ["chat", "mail"]);
        let event = &all[0].event;
        assert_eq!(
            (
                event.event.as_str(),
                event.name.as_str(),
                event.target.as_str()
            ),
            ("rule", "vip", "assignee")
        );
        assert_eq!(event.recipients, ["bob"]);
        assert_eq!(event.ticket.id, t.id.to_string());
        let mail = notice(NotifyTarget::Via {
            to: "team".into(),
            via: "mail".into(),
        });
        let via = notifications(&config, &[mail], &t, "rule");
        let hooks: Vec<&str> = via.iter().map(|n| n.hook.as_str()).collect();
        assert_eq!(hooks, ["mail"]);
    }
}
