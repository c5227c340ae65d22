use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::domain::event::{TicketEvent, TicketSnapshot};
use chrono::NaiveDate;

use crate::sla::policy::{AgentOpened, PauseOn, PerClockPause};

const CONFIG: &str = r#"
calendars:
  office:
    timezone: Europe/Berlin
    hours:
      mon: ["09:00-17:00"]
      tue: ["09:00-17:00"]
      wed: ["09:00-17:00"]
      thu: ["09:00-17:00"]
      fri: ["09:00-17:00"]
    holidays: ["2026-12-25"]
  lunch:
    timezone: Europe/Berlin
    hours:
      mon: ["09:00-12:00", "13:00-17:00"]
      tue: ["09:00-12:00", "13:00-17:00"]
  nyc:
    timezone: America/New_York
    hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"],
             thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
sla:
  warn_at: 75%
  pause_on: [pending]
  agent_opened_counts_as_response: true
  reopen: resume
  policies:
    - name: vip
      when: { requester_group: [vip] }
      calendar: 24x7
      targets:
        P1: { first_response: 15m, resolution: 2h }
        P2: { first_response: 30m, resolution: 24h }
    - name: us
      when: { category: us }
      calendar: nyc
      targets:
        P2: { first_response: 1h, resolution: 4h }
    - name: changes
      when: { type: [change] }
      calendar: office
      reopen: new_cycle
      targets:
        P1: { first_response: 30m, resolution: 4h }
    - name: problems
      when: { type: [problem] }
      calendar: office
      warn_before: 1h
      targets:
        P1: { first_response: 30m, resolution: 4h }
    - name: services
      when: { type: service }
      calendar: office
      targets:
        P3: { first_response: 4h, resolution: 3h, calendar: lunch }
    - name: standard
      calendar: office
      targets:
        P1: { first_response: 30m, resolution: 4h, next_response: 1h }
        P2: { first_response: 1h, resolution: 8h }
        P3: { first_response: 4h, resolution: 3d }
groups:
  vip: [ceo@example.com, "Dana Boss"]
"#;

fn config() -> &'static SlaConfig {
    static CONFIG_CELL: OnceLock<SlaConfig> = OnceLock::new();
    CONFIG_CELL.get_or_init(|| serde_yaml_ng::from_str(CONFIG).expect("test config"))
}

fn ctx() -> EngineContext {
    EngineContext {
        agents: vec![
            "Alice Agent <alice@example.com>".into(),
            "bob@example.com".into(),
        ],
        done_statuses: vec!["resolved".into(), "closed".into()],
        cancelled_statuses: vec!["cancelled".into()],
        bots: vec![],
    }
}

const ALICE: &str = "Alice Agent <alice@example.com>";
const REQUESTER: &str = "Rita Requester <rita@example.com>";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// Builds a timeline event by event; times are RFC 3339 strings.
struct Ticket(Timeline);

impl Ticket {
    fn new(created: &str, priority: &str) -> Self {
        Self::by(created, priority, REQUESTER)
    }

    fn by(created: &str, priority: &str, actor: &str) -> Self {
        let snap = TicketSnapshot {
            status: "new".into(),
            priority: priority.into(),
            ticket_type: "incident".into(),
            requester: Some(REQUESTER.into()),
            ..TicketSnapshot::default()
        };
        Self(Timeline {
            ticket_id: "IT-TEST".into(),
            events: vec![TicketEvent {
                at: at(created),
                actor: actor.into(),
                kind: EventKind::Created(Box::new(snap)),
            }],
        })
    }

    fn snapshot(mut self, f: impl FnOnce(&mut TicketSnapshot)) -> Self {
        if let EventKind::Created(s) = &mut self.0.events[0].kind {
            f(s);
        }
        self
    }

    fn push(mut self, when: &str, actor: &str, kind: EventKind) -> Self {
        self.0.events.push(TicketEvent {
            at: at(when),
            actor: actor.into(),
            kind,
        });
        self
    }

    fn status(self, when: &str, to: &str) -> Self {
        let kind = EventKind::StatusChanged {
            from: "".into(),
            to: to.into(),
        };
        self.push(when, ALICE, kind)
    }

    fn priority(self, when: &str, to: &str) -> Self {
        let kind = EventKind::PriorityChanged {
            from: "".into(),
            to: to.into(),
        };
        self.push(when, ALICE, kind)
    }

    fn comment(self, when: &str, author: &str, internal: bool) -> Self {
        let kind = EventKind::Comment {
            author: author.into(),
            internal,
            automated: false,
        };
        self.push(when, ALICE, kind)
    }

    fn reply(self, when: &str) -> Self {
        self.comment(when, ALICE, false)
    }

    fn customer(self, when: &str) -> Self {
        self.comment(when, REQUESTER, false)
    }

    fn eval(&self, now: &str) -> TicketSla {
        evaluate(&self.0, config(), &ctx(), at(now))
    }
}

fn find(sla: &TicketSla, kind: ClockKind, cycle: u32) -> Option<&ClockStatus> {
    sla.clocks
        .iter()
        .find(|c| c.kind == kind && c.cycle == cycle)
}

use ClockKind::{FirstResponse as FR, NextResponse as NR, Resolution as RES};
use ClockState::{Breached, Cancelled, Met, Paused, Running, Warning};

struct Case {
    name: &'static str,
    ticket: Ticket,
    now: &'static str,
    kind: ClockKind,
    cycle: u32,
    state: ClockState,
    due: Option<&'static str>,
    breach_at: Option<&'static str>,
}

fn case(
    name: &'static str,
    ticket: Ticket,
    now: &'static str,
    (kind, cycle): (ClockKind, u32),
    state: ClockState,
    due: Option<&'static str>,
) -> Case {
    Case {
        name,
        ticket,
        now,
        kind,
        cycle,
        state,
        due,
        breach_at: None,
    }
}

impl Case {
    fn breach_at(mut self, t: &'static str) -> Self {
        self.breach_at = Some(t);
        self
    }
}

/// June 2026 in Berlin is CEST (+02:00): Mon 8, Fri 12, Sat 13, Mon 15.
fn scenarios() -> Vec<Case> {
    vec![
        case(
            "friday_1600_p1_resolution_due_monday_1200",
            Ticket::new("2026-06-12T16:00:00+02:00", "P1"),
            "2026-06-12T16:30:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-15T12:00:00+02:00"),
        ),
        case(
            "created_saturday_first_response_due_monday_0930",
            Ticket::new("2026-06-13T10:00:00+02:00", "P1"),
            "2026-06-13T11:00:00+02:00",
            (FR, 1),
            Running,
            Some("2026-06-15T09:30:00+02:00"),
        ),
        case(
            "created_on_holiday_counts_from_next_working_day",
            Ticket::new("2026-12-25T10:00:00+01:00", "P1"),
            "2026-12-25T11:00:00+01:00",
            (RES, 1),
            Running,
            Some("2026-12-28T13:00:00+01:00"),
        ),
        case(
            "berlin_spring_forward_inside_window",
            Ticket::new("2026-03-27T15:00:00+01:00", "P1"),
            "2026-03-27T15:30:00+01:00",
            (RES, 1),
            Running,
            Some("2026-03-30T11:00:00+02:00"),
        ),
        case(
            "berlin_fall_back_inside_window",
            Ticket::new("2026-10-23T15:00:00+02:00", "P1"),
            "2026-10-23T15:30:00+02:00",
            (RES, 1),
            Running,
            Some("2026-10-26T11:00:00+01:00"),
        ),
        case(
            "new_york_spring_forward_inside_window",
            Ticket::new("2026-03-06T15:00:00-05:00", "P2")
                .snapshot(|s| s.category = Some("us".into())),
            "2026-03-06T15:30:00-05:00",
            (RES, 1),
            Running,
            Some("2026-03-09T11:00:00-04:00"),
        ),
        case(
            "new_york_fall_back_inside_window",
            Ticket::new("2026-10-30T15:00:00-04:00", "P2")
                .snapshot(|s| s.category = Some("us".into())),
            "2026-10-30T15:30:00-04:00",
            (RES, 1),
            Running,
            Some("2026-11-02T11:00:00-05:00"),
        ),
        case(
            "vip_24x7_24h_across_spring_forward_ends_1300_local",
            Ticket::new("2026-03-28T12:00:00+01:00", "P2")
                .snapshot(|s| s.requester = Some("CEO <ceo@example.com>".into())),
            "2026-03-28T13:00:00+01:00",
            (RES, 1),
            Running,
            Some("2026-03-29T13:00:00+02:00"),
        ),
        case(
            "vip_24x7_first_response_on_saturday",
            Ticket::new("2026-06-13T10:00:00+02:00", "P1")
                .snapshot(|s| s.requester = Some("Dana Boss".into())),
            "2026-06-13T10:05:00+02:00",
            (FR, 1),
            Running,
            Some("2026-06-13T10:15:00+02:00"),
        ),
        case(
            "split_working_day_skips_lunch",
            Ticket::new("2026-06-08T11:00:00+02:00", "P3")
                .snapshot(|s| s.ticket_type = "service".into()),
            "2026-06-08T11:30:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T15:00:00+02:00"),
        ),
        case(
            "monday_0900_plus_8h_is_monday_1700",
            Ticket::new("2026-06-08T09:00:00+02:00", "P2"),
            "2026-06-08T10:00:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T17:00:00+02:00"),
        ),
        case(
            "created_before_opening_accrues_from_0900",
            Ticket::new("2026-06-08T06:00:00+02:00", "P2"),
            "2026-06-08T07:00:00+02:00",
            (FR, 1),
            Running,
            Some("2026-06-08T10:00:00+02:00"),
        ),
        case(
            "pause_and_resume_inside_hours_moves_due",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T10:00:00+02:00", "pending")
                .status("2026-06-08T11:00:00+02:00", "open"),
            "2026-06-08T11:30:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T14:00:00+02:00"),
        ),
        case(
            "pause_outside_hours_changes_nothing",
            Ticket::new("2026-06-08T15:00:00+02:00", "P1")
                .status("2026-06-08T18:00:00+02:00", "pending")
                .status("2026-06-09T08:00:00+02:00", "open"),
            "2026-06-09T09:30:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-09T11:00:00+02:00"),
        ),
        case(
            // 1 h ran before the pause, 3 h remain: 16:00-17:00 today, 09:00-11:00 tomorrow.
            "paused_clock_projects_its_due_as_if_resumed_now",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T10:00:00+02:00", "pending"),
            "2026-06-08T16:00:00+02:00",
            (RES, 1),
            Paused,
            Some("2026-06-09T11:00:00+02:00"),
        ),
        case(
            "pause_while_breached_stays_breached_and_keeps_the_missed_due",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T14:00:00+02:00", "pending"),
            "2026-06-08T16:00:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-08T13:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_raised_past_the_new_due_is_breached_at_the_change",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .priority("2026-06-08T14:00:00+02:00", "P1"),
            "2026-06-08T14:00:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-08T13:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_raised_and_resolved_in_the_same_second_past_the_new_due_is_breached",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .priority("2026-06-08T14:00:00+02:00", "P1")
                .status("2026-06-08T14:00:00+02:00", "resolved"),
            "2026-06-08T15:00:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-08T13:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_raised_while_paused_past_the_new_due_is_not_breached_while_paused",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .status("2026-06-08T14:00:00+02:00", "pending")
                .priority("2026-06-08T15:00:00+02:00", "P1"),
            "2026-06-08T16:00:00+02:00",
            (RES, 1),
            Paused,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "priority_raised_while_paused_past_the_new_due_breaches_on_resume",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .status("2026-06-08T14:00:00+02:00", "pending")
                .priority("2026-06-08T15:00:00+02:00", "P1")
                .status("2026-06-08T16:00:00+02:00", "open"),
            "2026-06-08T16:00:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-08T13:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_raised_to_exactly_the_new_target_is_warning_not_breached",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .priority("2026-06-08T13:00:00+02:00", "P1"),
            "2026-06-08T13:00:00+02:00",
            (RES, 1),
            Warning,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "reopen_resume_does_not_count_resolved_time",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T10:00:00+02:00", "resolved")
                .status("2026-06-09T09:00:00+02:00", "open"),
            "2026-06-09T10:00:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-09T12:00:00+02:00"),
        ),
        case(
            "reopen_resume_resolved_again_is_one_verdict",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T10:00:00+02:00", "resolved")
                .status("2026-06-09T09:00:00+02:00", "open")
                .status("2026-06-09T11:00:00+02:00", "resolved"),
            "2026-06-10T10:00:00+02:00",
            (RES, 1),
            Met,
            Some("2026-06-09T12:00:00+02:00"),
        ),
        case(
            "reopen_new_cycle_first_cycle_met",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .snapshot(|s| s.ticket_type = "change".into())
                .status("2026-06-08T10:00:00+02:00", "resolved")
                .status("2026-06-09T09:00:00+02:00", "open"),
            "2026-06-09T10:00:00+02:00",
            (RES, 1),
            Met,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "reopen_new_cycle_second_cycle_has_own_target",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .snapshot(|s| s.ticket_type = "change".into())
                .status("2026-06-08T10:00:00+02:00", "resolved")
                .status("2026-06-09T09:00:00+02:00", "open"),
            "2026-06-09T10:00:00+02:00",
            (RES, 2),
            Running,
            Some("2026-06-09T13:00:00+02:00"),
        ),
        case(
            "priority_raised_breaches_at_original_start_plus_new_target",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .priority("2026-06-08T15:00:00+02:00", "P1"),
            "2026-06-08T15:30:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-08T13:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_raised_retargets_from_original_start",
            Ticket::new("2026-06-08T09:00:00+02:00", "P3")
                .priority("2026-06-08T10:00:00+02:00", "P1"),
            "2026-06-08T11:00:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "priority_lowered_after_breach_stays_breached",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .priority("2026-06-08T14:00:00+02:00", "P3")
                .status("2026-06-09T10:00:00+02:00", "resolved"),
            "2026-06-09T11:00:00+02:00",
            (RES, 1),
            Breached,
            Some("2026-06-10T17:00:00+02:00"),
        )
        .breach_at("2026-06-08T13:00:00+02:00"),
        case(
            "priority_lowered_before_due_is_not_a_breach",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .priority("2026-06-08T12:00:00+02:00", "P3"),
            "2026-06-08T15:00:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-10T17:00:00+02:00"),
        ),
        case(
            "first_response_met_by_public_agent_comment",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").reply("2026-06-08T09:20:00+02:00"),
            "2026-06-08T12:00:00+02:00",
            (FR, 1),
            Met,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "first_response_not_met_by_status_change",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T09:10:00+02:00", "in_progress"),
            "2026-06-08T09:45:00+02:00",
            (FR, 1),
            Breached,
            Some("2026-06-08T09:30:00+02:00"),
        )
        .breach_at("2026-06-08T09:30:00+02:00"),
        case(
            "first_response_not_met_by_internal_note",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").comment(
                "2026-06-08T09:10:00+02:00",
                ALICE,
                true,
            ),
            "2026-06-08T09:45:00+02:00",
            (FR, 1),
            Breached,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "first_response_not_met_by_requester_comment",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").customer("2026-06-08T09:10:00+02:00"),
            "2026-06-08T09:45:00+02:00",
            (FR, 1),
            Breached,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "first_response_by_agent_matched_on_email_only",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").comment(
                "2026-06-08T09:10:00+02:00",
                "Bob B. <BOB@example.com>",
                false,
            ),
            "2026-06-08T09:45:00+02:00",
            (FR, 1),
            Met,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "agent_opened_ticket_is_answered_at_creation",
            Ticket::by("2026-06-08T09:00:00+02:00", "P1", "alice@example.com"),
            "2026-06-08T12:00:00+02:00",
            (FR, 1),
            Met,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "exact_equality_at_due_is_met",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").reply("2026-06-08T09:30:00+02:00"),
            "2026-06-08T12:00:00+02:00",
            (FR, 1),
            Met,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "one_second_late_is_breached",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1").reply("2026-06-08T09:30:01+02:00"),
            "2026-06-08T12:00:00+02:00",
            (FR, 1),
            Breached,
            Some("2026-06-08T09:30:00+02:00"),
        )
        .breach_at("2026-06-08T09:30:00+02:00"),
        case(
            "running_at_exactly_due_is_warning",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1"),
            "2026-06-08T09:30:00+02:00",
            (FR, 1),
            Warning,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "warning_at_75_percent",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1"),
            "2026-06-08T12:00:00+02:00",
            (RES, 1),
            Warning,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "just_below_75_percent_is_running",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1"),
            "2026-06-08T11:59:59+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "warn_before_one_hour",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .snapshot(|s| s.ticket_type = "problem".into()),
            "2026-06-08T12:00:00+02:00",
            (RES, 1),
            Warning,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "warn_before_not_yet",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .snapshot(|s| s.ticket_type = "problem".into()),
            "2026-06-08T11:59:59+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "cancelled_before_response",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T09:10:00+02:00", "cancelled"),
            "2026-06-08T12:00:00+02:00",
            (FR, 1),
            Cancelled,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "cancelled_resolution",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .status("2026-06-08T09:10:00+02:00", "cancelled"),
            "2026-06-08T12:00:00+02:00",
            (RES, 1),
            Cancelled,
            Some("2026-06-08T13:00:00+02:00"),
        ),
        case(
            "next_response_armed_by_requester_and_stopped_by_agent",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:10:00+02:00")
                .customer("2026-06-08T10:00:00+02:00")
                .reply("2026-06-08T10:30:00+02:00"),
            "2026-06-08T12:00:00+02:00",
            (NR, 1),
            Met,
            Some("2026-06-08T11:00:00+02:00"),
        ),
        case(
            "next_response_oldest_unanswered_message_counts",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:10:00+02:00")
                .customer("2026-06-08T10:00:00+02:00")
                .customer("2026-06-08T10:45:00+02:00"),
            "2026-06-08T11:30:00+02:00",
            (NR, 1),
            Breached,
            Some("2026-06-08T11:00:00+02:00"),
        )
        .breach_at("2026-06-08T11:00:00+02:00"),
        case(
            "next_response_not_armed_while_paused_arms_on_resume",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:10:00+02:00")
                .status("2026-06-08T09:20:00+02:00", "pending")
                .customer("2026-06-08T10:00:00+02:00")
                .status("2026-06-08T11:00:00+02:00", "open"),
            "2026-06-08T11:30:00+02:00",
            (NR, 1),
            Running,
            Some("2026-06-08T12:00:00+02:00"),
        ),
        case(
            "as_of_before_the_reply_shows_the_clock_running",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:40:00+02:00")
                .status("2026-06-08T11:00:00+02:00", "resolved"),
            "2026-06-08T09:20:00+02:00",
            (FR, 1),
            Running,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "as_of_after_the_history_shows_the_verdicts",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:40:00+02:00")
                .status("2026-06-08T11:00:00+02:00", "resolved"),
            "2026-06-09T09:00:00+02:00",
            (FR, 1),
            Breached,
            Some("2026-06-08T09:30:00+02:00"),
        ),
        case(
            "as_of_mid_history_resolution_still_running",
            Ticket::new("2026-06-08T09:00:00+02:00", "P1")
                .reply("2026-06-08T09:40:00+02:00")
                .status("2026-06-08T11:00:00+02:00", "resolved"),
            "2026-06-08T10:00:00+02:00",
            (RES, 1),
            Running,
            Some("2026-06-08T13:00:00+02:00"),
        ),
    ]
}

#[test]
fn scenarios_give_the_expected_state_and_due_time() {
    let cases = scenarios();
    assert!(cases.len() >= 25);
    let mut failures = Vec::new();
    for c in &cases {
        let sla = c.ticket.eval(c.now);
        let Some(clock) = find(&sla, c.kind, c.cycle) else {
            failures.push(format!(
                "{}: no {} clock #{} in {:?}",
                c.name, c.kind, c.cycle, sla
            ));
            continue;
        };
        let due = c.due.map(at);
        if clock.state != c.state || clock.due != due {
            failures.push(format!(
                "{}: got {} due {:?}, want {} due {:?}",
                c.name, clock.state, clock.due, c.state, due
            ));
        }
        if let Some(b) = c.breach_at
            && clock.breach_at != Some(at(b))
        {
            failures.push(format!(
                "{}: breach_at {:?}, want {b}",
                c.name, clock.breach_at
            ));
        }
        if c.state == Breached && clock.breach_at.is_none() {
            failures.push(format!("{}: breached without breach_at", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn breach_after_a_reprioritisation_is_detected_at_the_change() {
    let t =
        Ticket::new("2026-06-08T09:00:00+02:00", "P3").priority("2026-06-08T14:00:00+02:00", "P1");
    let before = t.eval("2026-06-08T13:59:59+02:00");
    let c = find(&before, RES, 1).expect("resolution");
    assert_eq!((c.state, c.breach_at), (Running, None));
    let sla = t.eval("2026-06-08T14:00:00+02:00");
    let c = find(&sla, RES, 1).expect("resolution");
    assert_eq!(c.state, Breached);
    assert_eq!(c.remaining_secs, -3600);
    assert_eq!(c.breach_at, Some(at("2026-06-08T13:00:00+02:00")));
    assert_eq!(c.breach_detected_at, Some(at("2026-06-08T14:00:00+02:00")));
    assert_eq!(c.breached_by_secs, Some(3600));
    // An ordinary breach is seen when it happens.
    let plain = Ticket::new("2026-06-08T09:00:00+02:00", "P1").eval("2026-06-08T15:00:00+02:00");
    let c = find(&plain, RES, 1).expect("resolution");
    assert_eq!(c.breach_detected_at, c.breach_at);
}

#[test]
fn only_a_paused_clock_short_of_its_target_has_a_projected_due() {
    let t = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .status("2026-06-08T10:00:00+02:00", "pending");
    let c = find(&t.eval("2026-06-08T16:00:00+02:00"), RES, 1)
        .cloned()
        .expect("resolution");
    assert!(c.due_projected);
    // The projection moves with the evaluation instant while the pause lasts.
    let later = find(&t.eval("2026-06-09T10:00:00+02:00"), RES, 1)
        .cloned()
        .expect("resolution");
    assert_eq!(later.due, Some(at("2026-06-09T13:00:00+02:00")));
    let running = Ticket::new("2026-06-08T09:00:00+02:00", "P1").eval("2026-06-08T10:00:00+02:00");
    assert!(!find(&running, RES, 1).expect("resolution").due_projected);
    let breached = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .status("2026-06-08T14:00:00+02:00", "pending")
        .eval("2026-06-08T16:00:00+02:00");
    assert!(!find(&breached, RES, 1).expect("resolution").due_projected);
}

#[test]
fn no_matching_policy_has_no_clocks() {
    let sla = Ticket::new("2026-06-08T09:00:00+02:00", "P9").eval("2026-06-08T10:00:00+02:00");
    assert_eq!(
        sla,
        TicketSla {
            policy: None,
            clocks: vec![]
        }
    );
}

#[test]
fn before_creation_there_is_nothing() {
    let sla = Ticket::new("2026-06-08T09:00:00+02:00", "P1").eval("2026-06-08T08:00:00+02:00");
    assert_eq!(sla, TicketSla::default());
}

#[test]
fn policy_name_calendar_and_numbers_are_reported() {
    let t = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .reply("2026-06-08T09:10:00+02:00")
        .status("2026-06-08T10:00:00+02:00", "pending")
        .status("2026-06-08T11:00:00+02:00", "open");
    let sla = t.eval("2026-06-08T12:00:00+02:00");
    assert_eq!(sla.policy.as_deref(), Some("standard"));
    let res = find(&sla, RES, 1).expect("resolution");
    assert_eq!(res.policy, "standard");
    assert_eq!(res.calendar, "office");
    assert_eq!(res.target_secs, 4 * 3600);
    assert_eq!(res.start, at("2026-06-08T09:00:00+02:00"));
    assert_eq!(res.elapsed_secs, 2 * 3600);
    assert_eq!(res.paused_secs, 3600);
    assert_eq!(res.remaining_secs, 2 * 3600);
    assert_eq!(res.warn_threshold_secs, 3 * 3600);
    assert_eq!(res.stopped_at, None);
    assert!(!res.off_hours);
    let fr = find(&sla, FR, 1).expect("first response");
    assert_eq!(fr.stopped_at, Some(at("2026-06-08T09:10:00+02:00")));
    assert_eq!(fr.elapsed_secs, 600);
    // Order: first response, resolution, then next-response cycles (none here).
    let kinds: Vec<_> = sla.clocks.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![FR, RES]);
}

#[test]
fn running_off_hours_is_flagged_and_not_a_pause() {
    let sla = Ticket::new("2026-06-12T16:00:00+02:00", "P1").eval("2026-06-13T12:00:00+02:00");
    let res = find(&sla, RES, 1).expect("resolution");
    assert_eq!(res.state, Running);
    assert!(res.off_hours);
    assert_eq!(res.elapsed_secs, 3600);
    let weekday = Ticket::new("2026-06-12T16:00:00+02:00", "P1").eval("2026-06-12T16:30:00+02:00");
    assert!(!find(&weekday, RES, 1).expect("resolution").off_hours);
}

#[test]
fn breached_clock_reports_how_much_and_negative_remaining() {
    let sla = Ticket::new("2026-06-08T09:00:00+02:00", "P1").eval("2026-06-08T14:30:00+02:00");
    let res = find(&sla, RES, 1).expect("resolution");
    assert_eq!(res.state, Breached);
    assert_eq!(res.remaining_secs, -5400);
    assert_eq!(res.breached_by_secs, Some(5400));
    assert_eq!(res.breach_at, Some(at("2026-06-08T13:00:00+02:00")));
}

#[test]
fn reopen_resume_after_breach_while_resolved_is_not_a_breach() {
    // Resolved at 10:00 (1 h used), reopened next day: the resolved night does not count.
    let t = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .status("2026-06-08T10:00:00+02:00", "resolved")
        .status("2026-06-10T09:00:00+02:00", "open");
    let res = find(&t.eval("2026-06-10T09:30:00+02:00"), RES, 1)
        .cloned()
        .expect("resolution");
    assert_eq!(res.state, Running);
    assert_eq!(res.elapsed_secs, 5400);
    // While resolved the clock shows met and when it stopped.
    let mid = find(&t.eval("2026-06-09T12:00:00+02:00"), RES, 1)
        .cloned()
        .expect("resolution");
    assert_eq!(mid.state, Met);
    assert_eq!(mid.stopped_at, Some(at("2026-06-08T10:00:00+02:00")));
}

#[test]
fn next_response_is_only_armed_after_first_response_and_only_with_a_target() {
    // Requester comments before any agent reply: covered by the first-response clock.
    let early =
        Ticket::new("2026-06-08T09:00:00+02:00", "P1").customer("2026-06-08T09:05:00+02:00");
    assert!(find(&early.eval("2026-06-08T09:10:00+02:00"), NR, 1).is_none());
    // P2 defines no next-response target: no clock.
    let p2 = Ticket::new("2026-06-08T09:00:00+02:00", "P2")
        .reply("2026-06-08T09:10:00+02:00")
        .customer("2026-06-08T10:00:00+02:00");
    assert!(find(&p2.eval("2026-06-08T11:00:00+02:00"), NR, 1).is_none());
    // While pending the message does not arm a clock.
    let paused = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .reply("2026-06-08T09:10:00+02:00")
        .status("2026-06-08T09:20:00+02:00", "pending")
        .customer("2026-06-08T10:00:00+02:00");
    assert!(find(&paused.eval("2026-06-08T10:30:00+02:00"), NR, 1).is_none());
    // Two rounds make two cycles.
    let two = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .reply("2026-06-08T09:10:00+02:00")
        .customer("2026-06-08T10:00:00+02:00")
        .reply("2026-06-08T10:10:00+02:00")
        .customer("2026-06-08T11:00:00+02:00");
    let sla = two.eval("2026-06-08T11:15:00+02:00");
    assert_eq!(find(&sla, NR, 1).map(|c| c.state), Some(Met));
    assert_eq!(
        find(&sla, NR, 2).map(|c| (c.state, c.start)),
        Some((Running, at("2026-06-08T11:00:00+02:00")))
    );
}

#[test]
fn warn_before_override_changes_the_threshold() {
    let t = Ticket::new("2026-06-08T09:00:00+02:00", "P1");
    let opts = EvalOptions {
        warn_before: Some("2h".parse().expect("duration")),
    };
    let sla = evaluate_with(
        &t.0,
        config(),
        &ctx(),
        at("2026-06-08T11:00:00+02:00"),
        &opts,
    );
    let res = find(&sla, RES, 1).expect("resolution");
    assert_eq!(res.warn_threshold_secs, 2 * 3600);
    assert_eq!(res.state, Warning);
    assert!(res.is_active());
    assert!(res.remaining_secs <= 2 * 3600 && res.remaining_secs > 3600);
    let fr = find(&sla, FR, 1).expect("first response");
    // 30 m target, 2 h lead: warns from the start.
    assert_eq!(fr.warn_threshold_secs, 0);
}

#[test]
fn events_after_now_are_ignored_and_out_of_order_dates_are_clamped() {
    let t = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .reply("2026-06-08T09:40:00+02:00")
        // A rewritten commit date earlier than its predecessor counts at the predecessor's time.
        .status("2026-06-08T09:00:00+02:00", "resolved");
    let sla = t.eval("2026-06-08T12:00:00+02:00");
    assert_eq!(
        find(&sla, RES, 1).and_then(|c| c.stopped_at),
        Some(at("2026-06-08T09:40:00+02:00"))
    );
}

fn status_toggles() -> impl Strategy<Value = (i64, Vec<i64>)> {
    // A start in 2026 and up to 6 pause/resume gaps of up to 3 days.
    (
        1_767_225_600i64..1_798_761_600i64,
        prop::collection::vec(60i64..(3 * 86_400), 0..6),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pausing_never_shortens_the_due_time((start, gaps) in status_toggles()) {
        let created = DateTime::from_timestamp(start, 0).expect("in range");
        let base = || {
            let mut t = Ticket::new("2026-01-01T00:00:00Z", "P3");
            t.0.events[0].at = created;
            t
        };
        let mut paused = base();
        let mut t = start;
        for (i, gap) in gaps.iter().enumerate() {
            t += gap;
            let to = if i % 2 == 0 { "pending" } else { "open" };
            paused.0.events.push(TicketEvent {
                at: DateTime::from_timestamp(t, 0).expect("in range"),
                actor: ALICE.into(),
                kind: EventKind::StatusChanged { from: "".into(), to: to.into() },
            });
        }
        // End unpaused, so that both clocks have a due time.
        t += 60;
        paused.0.events.push(TicketEvent {
            at: DateTime::from_timestamp(t, 0).expect("in range"),
            actor: ALICE.into(),
            kind: EventKind::StatusChanged { from: "".into(), to: "open".into() },
        });
        let now = DateTime::from_timestamp(t + 60, 0).expect("in range");
        let with = evaluate(&paused.0, config(), &ctx(), now);
        let without = evaluate(&base().0, config(), &ctx(), now);
        let due = |s: &TicketSla| find(s, RES, 1).and_then(|c| c.due);
        prop_assert!(due(&without).is_some());
        prop_assert!(due(&with) >= due(&without), "{:?} < {:?}", due(&with), due(&without));
        let c = find(&with, RES, 1).expect("resolution");
        let cal = config().calendars.get("office").expect("office");
        // Elapsed and paused time partition the working time since creation.
        prop_assert_eq!(c.elapsed_secs + c.paused_secs, cal.working(created, now));
    }
}

#[test]
fn agents_are_matched_on_name_or_email() {
    let c = ctx();
    assert!(c.is_agent("Alice Agent <alice@example.com>"));
    assert!(c.is_agent("Somebody <BOB@example.com>"));
    assert!(!c.is_agent(REQUESTER));
    assert!(crate::domain::actor::same_person(
        REQUESTER,
        "rita@example.com"
    ));
    assert!(!crate::domain::actor::same_person(REQUESTER, ALICE));
}

#[test]
fn first_response_pauses_only_when_configured() {
    let ticket = Ticket::new("2026-03-02T09:00:00Z", "P1")
        .snapshot(|s| s.requester = Some("ceo@example.com".into()))
        .status("2026-03-02T09:05:00Z", "pending")
        .status("2026-03-02T10:05:00Z", "open")
        .reply("2026-03-02T10:10:00Z");
    // vip, 24x7, first response 15m: 5 + 5 minutes running; 60 minutes pending.
    let default = evaluate(&ticket.0, config(), &ctx(), at("2026-03-02T11:00:00Z"));
    assert_eq!(find(&default, FR, 1).map(|c| c.state), Some(Breached));
    let mut paused_cfg = config().clone();
    paused_cfg.sla.pause_on = Some(PauseOn::PerClock(PerClockPause {
        first_response: Some(vec!["pending".into()]),
        ..PerClockPause::default()
    }));
    let paused = evaluate(&ticket.0, &paused_cfg, &ctx(), at("2026-03-02T11:00:00Z"));
    let fr = find(&paused, FR, 1).expect("first response");
    assert_eq!(fr.state, Met);
    assert_eq!(fr.elapsed_secs, 600);
}

#[test]
fn automated_comments_are_no_response_even_from_an_agent_identity() {
    let mut bots = ctx();
    bots.bots = vec!["desk-bot@example.com".into()];
    bots.agents.push("Desk Bot <desk-bot@example.com>".into());
    let ticket = Ticket::new("2026-03-02T09:00:00Z", "P1")
        .snapshot(|s| s.requester = Some("ceo@example.com".into()))
        .comment(
            "2026-03-02T09:01:00Z",
            "Desk Bot <desk-bot@example.com>",
            false,
        )
        .reply("2026-03-02T09:20:00Z");
    let sla = evaluate(&ticket.0, config(), &bots, at("2026-03-02T10:00:00Z"));
    // vip, 24x7, first response 15m: the bot's instant acknowledgement does not count.
    let fr = find(&sla, FR, 1).expect("first response");
    assert_eq!(fr.state, Breached);
    assert_eq!(fr.stopped_at, Some(at("2026-03-02T09:20:00Z")));
    // Without the bot list the same comment would have been the response.
    let counted = evaluate(
        &ticket.0,
        config(),
        &{
            let mut c = bots.clone();
            c.bots.clear();
            c
        },
        at("2026-03-02T10:00:00Z"),
    );
    assert_eq!(find(&counted, FR, 1).map(|c| c.state), Some(Met));
}

#[test]
fn explanation_shows_retargets_pauses_holidays_and_the_verdict() {
    // P3 from Thursday 24 Dec 09:00 (Berlin, 09-17, 25 Dec a holiday), pending over Christmas,
    // raised to P1 on Monday 28 Dec at 11:00 with 3h already counted: due 12:00, so running.
    let t = Ticket::new("2026-12-24T09:00:00+01:00", "P3")
        .status("2026-12-24T11:00:00+01:00", "pending")
        .status("2026-12-28T10:00:00+01:00", "open")
        .priority("2026-12-28T11:00:00+01:00", "P1");
    let e = explain(
        &t.0,
        config(),
        &ctx(),
        at("2026-12-28T13:00:00+01:00"),
        RES,
        None,
    )
    .expect("explanation");
    assert_eq!(e.clock.state, Breached);
    assert_eq!(e.clock.breach_at, Some(at("2026-12-28T12:00:00+01:00")));
    assert_eq!(e.zone, chrono_tz::Europe::Berlin);
    let phases: Vec<(&str, StretchPhase, i64)> = e
        .stretches
        .iter()
        .map(|s| (s.status.as_str(), s.phase, s.business_secs))
        .collect();
    assert_eq!(
        phases,
        vec![
            ("new", StretchPhase::Running, 2 * 3600),
            // 24 Dec 11-17, 25 Dec holiday, 28 Dec 09-10.
            ("pending", StretchPhase::Paused, 7 * 3600),
            ("open", StretchPhase::Running, 3600),
            ("open", StretchPhase::Running, 2 * 3600),
        ]
    );
    assert_eq!(
        e.stretches[1].holidays,
        vec![NaiveDate::from_ymd_opt(2026, 12, 25).expect("date")]
    );
    assert_eq!(e.stretches[1].open.len(), 2);
    type Row<'a> = (&'a str, Option<i64>, Option<DateTime<Utc>>);
    let targets: Vec<Row<'_>> = e
        .targets
        .iter()
        .map(|p| (p.priority.as_str(), p.target_secs, p.overdue_from))
        .collect();
    assert_eq!(
        targets,
        vec![
            ("P3", Some(3 * 8 * 3600), None),
            ("P1", Some(4 * 3600), Some(at("2026-12-28T12:00:00+01:00"))),
        ]
    );
    // No such clock: no explanation.
    assert!(
        explain(
            &t.0,
            config(),
            &ctx(),
            at("2026-12-28T13:00:00+01:00"),
            NR,
            None
        )
        .is_none()
    );
}

/// A random history: a type, a requester and up to 12 changes (status, priority, comment by
/// agent or requester) at gaps of a minute to three days, from a start in 2026.
fn random_history() -> impl Strategy<Value = (i64, u8, bool, Vec<(i64, u8, u8)>)> {
    (
        1_767_225_600i64..1_798_761_600i64,
        0u8..4,
        any::<bool>(),
        prop::collection::vec((60i64..(3 * 86_400), 0u8..3, 0u8..6), 0..12),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn explanations_add_up_to_the_clock((start, kind, vip, changes) in random_history()) {
        let mut t = Ticket::new("2026-01-01T00:00:00Z", "P3").snapshot(|s| {
            s.ticket_type = ["incident", "service", "change", "problem"][usize::from(kind)].into();
            if vip {
                s.requester = Some("ceo@example.com".into());
            }
        });
        t.0.events[0].at = DateTime::from_timestamp(start, 0).expect("in range");
        let mut when = start;
        for (gap, what, which) in &changes {
            when += gap;
            let which = usize::from(*which);
            let (actor, kind) = match what {
                0 => (ALICE, EventKind::StatusChanged {
                    from: "".into(),
                    to: ["open", "pending", "resolved", "new", "closed", "open"][which].into(),
                }),
                1 => (ALICE, EventKind::PriorityChanged {
                    from: "".into(),
                    to: ["P1", "P2", "P3", "P1", "P2", "P9"][which].into(),
                }),
                _ => {
                    let author = if which % 2 == 0 { ALICE } else { REQUESTER };
                    (author, EventKind::Comment { author: author.into(), internal: which == 5, automated: false })
                }
            };
            t.0.events.push(TicketEvent {
                at: DateTime::from_timestamp(when, 0).expect("in range"),
                actor: actor.into(),
                kind,
            });
        }
        let now = DateTime::from_timestamp(when + 3600, 0).expect("in range");
        let sla = evaluate(&t.0, config(), &ctx(), now);
        for c in &sla.clocks {
            let e = explain(&t.0, config(), &ctx(), now, c.kind, Some(c.cycle))
                .expect("every clock has an explanation");
            prop_assert_eq!(&e.clock, c);
            let sum = |phase| -> i64 {
                e.stretches.iter().filter(|s| s.phase == phase).map(|s| s.business_secs).sum()
            };
            prop_assert_eq!(sum(StretchPhase::Running), c.elapsed_secs, "{:?}", e);
            prop_assert_eq!(sum(StretchPhase::Paused), c.paused_secs);
            let cal = config()
                .calendars
                .get(&c.calendar)
                .expect("the clock's calendar");
            // The stretches tile the clock's life, and each one's open intervals are what it
            // counts: running + paused + stopped open time is all the open time since start.
            let end = e.stretches.last().map_or(c.start, |s| s.to);
            let mut at = c.start;
            let mut stopped_open = 0;
            for s in &e.stretches {
                prop_assert_eq!(s.from, at);
                prop_assert!(s.to > s.from);
                at = s.to;
                if s.phase == StretchPhase::Stopped {
                    stopped_open += cal.working(s.from, s.to);
                } else {
                    let open: i64 = s.open.iter().map(|(a, b)| (*b - *a).num_seconds()).sum();
                    prop_assert_eq!(open, s.business_secs);
                }
            }
            prop_assert_eq!(
                c.elapsed_secs + c.paused_secs + stopped_open,
                cal.working(c.start, end)
            );
            if c.state == Breached {
                prop_assert!(e.targets.iter().any(|p| p.overdue_from.is_some()));
            }
            for pair in e.targets.windows(2) {
                prop_assert_eq!(pair[0].to, pair[1].from);
            }
        }
    }
}

#[test]
fn an_agent_opened_ticket_is_answered_only_with_a_public_message_by_default() {
    let mut cfg = config().clone();
    cfg.sla.agent_opened_counts_as_response = None;
    let logged = Ticket::by("2026-06-08T09:00:00+02:00", "P1", ALICE);
    let now = at("2026-06-08T12:00:00+02:00");
    // Logged by an agent without a word to the requester: the clock runs (and breaches).
    let fr = |t: &Ticket, cfg: &SlaConfig| {
        find(&evaluate(&t.0, cfg, &ctx(), now), FR, 1)
            .map(|c| (c.state, c.stopped_at))
            .expect("first response")
    };
    assert_eq!(fr(&logged, &cfg), (Breached, None));
    // Opened with a public message: the comment in the creating commit is the response.
    let created = at("2026-06-08T09:00:00+02:00");
    let answered = Ticket::by("2026-06-08T09:00:00+02:00", "P1", ALICE).comment(
        "2026-06-08T09:00:00+02:00",
        ALICE,
        false,
    );
    assert_eq!(fr(&answered, &cfg), (Met, Some(created)));
    // An internal note or an automated message at creation is no answer.
    let noted = Ticket::by("2026-06-08T09:00:00+02:00", "P1", ALICE).comment(
        "2026-06-08T09:00:00+02:00",
        ALICE,
        true,
    );
    assert_eq!(fr(&noted, &cfg).0, Breached);
    cfg.sla.agent_opened = Some(AgentOpened::Always);
    assert_eq!(fr(&logged, &cfg), (Met, Some(created)));
}

#[test]
fn automated_comments_neither_answer_nor_ask() {
    let auto = |t: Ticket, when: &str, author: &str| {
        t.push(
            when,
            ALICE,
            EventKind::Comment {
                author: author.into(),
                internal: false,
                automated: true,
            },
        )
    };
    let now = at("2026-06-08T12:00:00+02:00");
    // An agent's automated acknowledgement is not the first response.
    let t = auto(
        Ticket::new("2026-06-08T09:00:00+02:00", "P1"),
        "2026-06-08T09:01:00+02:00",
        ALICE,
    );
    let sla = evaluate(&t.0, config(), &ctx(), now);
    assert_eq!(find(&sla, FR, 1).map(|c| c.state), Some(Breached));
    // After a real reply, an automated requester-side message arms no next-response clock.
    let t = auto(
        Ticket::new("2026-06-08T09:00:00+02:00", "P1").reply("2026-06-08T09:10:00+02:00"),
        "2026-06-08T09:20:00+02:00",
        REQUESTER,
    );
    let sla = evaluate(&t.0, config(), &ctx(), now);
    assert!(find(&sla, NR, 1).is_none(), "{sla:?}");
    let asked = Ticket::new("2026-06-08T09:00:00+02:00", "P1")
        .reply("2026-06-08T09:10:00+02:00")
        .customer("2026-06-08T09:20:00+02:00");
    let sla = evaluate(&asked.0, config(), &ctx(), now);
    assert!(find(&sla, NR, 1).is_some());
}
