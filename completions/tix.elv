
use builtin;
use str;

set edit:completion:arg-completer[tix] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tix'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tix'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Make this directory a ticket repository'
            cand new 'Open a new ticket and print its ID'
            cand list 'List tickets'
            cand show 'Show one ticket with its description, comments, resolution and SLA clocks'
            cand edit 'Change a ticket''s fields'
            cand assign 'Assign a ticket to someone, or take the assignee off'
            cand comment 'Comment on a ticket'
            cand start 'Start work on a ticket'
            cand pending 'Wait on the requester or a third party'
            cand resolve 'Resolve a ticket, saying what fixed it'
            cand close 'Close a resolved ticket'
            cand reopen 'Reopen a resolved or closed ticket'
            cand rate 'Rate a resolved or closed ticket from 1 to 5'
            cand export 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history'
            cand import 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write'
            cand report 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents'
            cand log 'Show who changed a ticket, what, and when'
            cand merge-file 'Merge three versions of a ticket file field by field (Git''s merge driver)'
            cand sla 'Show SLA clocks: response and resolution targets, due times and states'
            cand calendar 'Compute with a business-hours calendar of the config'
            cand sync 'Fetch, merge and push the ticket repository'
            cand escalate 'Apply escalation levels and timed rules; for cron and scheduled CI jobs'
            cand audit 'List every change to tickets and the config, with what needs a second look'
            cand check 'Validate the configuration and every ticket'
            cand hooks 'Install Git hooks for this clone'
            cand completions 'Print a shell completion script'
            cand demo 'Walk through a ticket''s life in a throwaway repository'
            cand generate 'Write generated documentation files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;init'= {
            cand --prefix 'Prefix of ticket IDs, e.g. IT for IT-7KQ2M4X1'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;new'= {
            cand -t 'One-line summary of the request, at most 200 characters'
            cand --title 'One-line summary of the request, at most 200 characters'
            cand --type 'Kind of ticket (from the config''s `types`; default `default_type`)'
            cand -p 'Priority (from the config''s `priorities`; default `default_priority`)'
            cand --priority 'Priority (from the config''s `priorities`; default `default_priority`)'
            cand --category 'Category (from the config''s `categories`)'
            cand --requester 'Who asked for it'
            cand --assignee 'Who works on it'
            cand --team 'Team responsible'
            cand --impact 'Impact (from the config''s `priority_matrix.impacts`); with --urgency it sets the priority through the matrix'
            cand --urgency 'Urgency (from the config''s `priority_matrix.urgencies`)'
            cand -d 'Longer description; `-` reads it from stdin'
            cand --description 'Longer description; `-` reads it from stdin'
            cand --field 'Custom field, repeatable: --field asset=LT-042'
            cand --tag 'Tag, repeatable (or comma-separated)'
            cand --due 'Due date: YYYY-MM-DD or an RFC 3339 time'
            cand -m 'A first public comment from you, in the same commit. When an agent opens a ticket with one, it is the first response (sla.agent_opened: public_message)'
            cand --message 'A first public comment from you, in the same commit. When an agent opens a ticket with one, it is the first response (sla.agent_opened: public_message)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;list'= {
            cand --status 'Only these statuses (implies tickets in done statuses are included if named)'
            cand --assignee 'Only tickets assigned to one of these (`-` for unassigned)'
            cand --priority 'Only these priorities'
            cand --category 'Only these categories'
            cand --type 'Only these types'
            cand --team 'Only these teams'
            cand --tag 'Only tickets carrying every one of these tags'
            cand --sort 'Sort order'
            cand -n 'Show at most N tickets'
            cand --limit 'Show at most N tickets'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -a 'Include resolved and closed tickets'
            cand --all 'Include resolved and closed tickets'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;show'= {
            cand -f 'Output format (csv is not available for a single ticket)'
            cand --format 'Output format (csv is not available for a single ticket)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;edit'= {
            cand -s 'Set a field, repeatable: --set priority=P1 --set tags=vpn,remote'
            cand --set 'Set a field, repeatable: --set priority=P1 --set tags=vpn,remote'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;assign'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --unassign 'Remove the assignee'
            cand --auto 'Pick an agent of the ticket''s team by the team''s assignment strategy'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;comment'= {
            cand -m 'The comment text; `-` reads it from stdin'
            cand --message 'The comment text; `-` reads it from stdin'
            cand --author 'Record the comment as written by someone else (e.g. the requester''s mail); default: the actor'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --internal 'An internal note, hidden from the requester'
            cand --automated 'Written by a machine: never a response or a requester message for the SLA clocks'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;start'= {
            cand -m 'Also add a public comment with this text, in the same commit'
            cand --message 'Also add a public comment with this text, in the same commit'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;pending'= {
            cand -m 'Also add a public comment with this text, in the same commit'
            cand --message 'Also add a public comment with this text, in the same commit'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;resolve'= {
            cand -m 'Also add a public comment with this text, in the same commit'
            cand --message 'Also add a public comment with this text, in the same commit'
            cand -r 'What fixed it; required (asked for on a terminal if missing)'
            cand --resolution 'What fixed it; required (asked for on a terminal if missing)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;close'= {
            cand -m 'Also add a public comment with this text, in the same commit'
            cand --message 'Also add a public comment with this text, in the same commit'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;reopen'= {
            cand -m 'Also add a public comment with this text, in the same commit'
            cand --message 'Also add a public comment with this text, in the same commit'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;rate'= {
            cand -m 'A comment on the resolution'
            cand --message 'A comment on the resolution'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;export'= {
            cand --status 'Only these statuses (implies tickets in done statuses are included if named)'
            cand --assignee 'Only tickets assigned to one of these (`-` for unassigned)'
            cand --priority 'Only these priorities'
            cand --category 'Only these categories'
            cand --type 'Only these types'
            cand --team 'Only these teams'
            cand --tag 'Only tickets carrying every one of these tags'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --open 'Only unfinished tickets (what `tix list` shows)'
            cand --with-history 'Add each ticket''s history (JSON and JSON Lines only)'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;import'= {
            cand --input-format 'The input''s format (default: by extension; .csv is CSV, anything else JSON)'
            cand --key 'The column (CSV) or key (JSON) holding each record''s key in the old system, kept as the custom field external_id so a second import updates instead of duplicating'
            cand --map 'Read column COLUMN as tix field FIELD (`--map Subject=title`; custom fields as fields.NAME)'
            cand -f 'Format of the summary'
            cand --format 'Format of the summary'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --strict 'Refuse records whose assignee or history actors are not agents (or the requester)'
            cand --dry-run 'Check everything and say what would be created and updated, writing nothing'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;report'= {
            cand --since 'Start of the period, included (YYYY-MM-DD or RFC 3339); default 30 days before --until'
            cand --until 'End of the period, excluded (YYYY-MM-DD or RFC 3339); default just after now (or --as-of), so everything up to then counts'
            cand --as-of 'Use only history up to this time (RFC 3339 or YYYY-MM-DD), to reproduce a past report'
            cand --by 'Also show the figures per assignee, team, category, priority, type, requester, org (organisation), week or day'
            cand --recurring-min 'How many tickets created in the period make a title or category + tag recurring'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -o 'Write to this file instead of standard output (replaced whole, or left untouched on error)'
            cand --output 'Write to this file instead of standard output (replaced whole, or left untouched on error)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;log'= {
            cand -f 'Output format (table or json)'
            cand --format 'Output format (table or json)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;merge-file'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;sla'= {
            cand --as-of 'Evaluate the clocks as they stood at this time (RFC 3339 or YYYY-MM-DD), using only history up to then'
            cand -f 'Output format (table or json)'
            cand --format 'Output format (table or json)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --all 'Every ticket, resolved and closed ones included (default: open tickets only)'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
            cand explain 'Show how one clock was computed, step by step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;sla;check'= {
            cand --warn-before 'Count a running clock as warning once at most this much business time remains (e.g. 2h), instead of the policy''s warning threshold'
            cand --fail-on 'What makes the check fail'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --as-of 'Evaluate as of this time (RFC 3339 or YYYY-MM-DD)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;sla;explain'= {
            cand --clock 'Which clock'
            cand --cycle 'Which cycle of the clock (next-response clocks and new-cycle resolution clocks count up from 1); default: the latest'
            cand --as-of 'Explain the clock as it stood at this time (RFC 3339 or YYYY-MM-DD)'
            cand -f 'Output format (table or json)'
            cand --format 'Output format (table or json)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;sla;help'= {
            cand check 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
            cand explain 'Show how one clock was computed, step by step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;sla;help;check'= {
        }
        &'tix;sla;help;explain'= {
        }
        &'tix;sla;help;help'= {
        }
        &'tix;calendar'= {
            cand --add 'START DURATION: when DURATION of open time has passed since START'
            cand --between 'A B: the open time between A and B'
            cand --is-open 'T: whether the calendar is open at T'
            cand -f 'Output format (table or json)'
            cand --format 'Output format (table or json)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;sync'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --rebase 'Rebase local commits onto the remote instead of merging'
            cand --dry-run 'Fetch and say what would be merged and pushed; change nothing else'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;escalate'= {
            cand -f 'Output format of the list of actions'
            cand --format 'Output format of the list of actions'
            cand --as-of 'Evaluate clocks and timed rules as of this time (RFC 3339 or YYYY-MM-DD) instead of now'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --dry-run 'Print what would happen; write nothing and run no hooks'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;audit'= {
            cand --since 'Only commits from this time on (anything `git log --since` accepts, e.g. 2026-01-01)'
            cand --until 'Only commits up to this time'
            cand -f 'Output format (table or json)'
            cand --format 'Output format (table or json)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;check'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --staged 'Check only the ticket files and config staged for the next commit (fast; for hooks)'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;hooks'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install 'Add a pre-commit hook that validates staged tickets and config'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;hooks;install'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand --force 'Replace an existing pre-commit hook (it is kept as pre-commit.before-tix)'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;hooks;help'= {
            cand install 'Add a pre-commit hook that validates staged tickets and config'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;hooks;help;install'= {
        }
        &'tix;hooks;help;help'= {
        }
        &'tix;completions'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;demo'= {
            cand --dir 'Where to create the demo repository (must not exist yet)'
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;generate'= {
            cand -C 'Run as if tix was started in DIR'
            cand --actor 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email'
            cand --color 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE'
            cand -q 'Print no status messages on stderr (errors and warnings still appear)'
            cand --quiet 'Print no status messages on stderr (errors and warnings still appear)'
            cand --no-input 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
            cand --detached 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
            cand --no-pager 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tix;help'= {
            cand init 'Make this directory a ticket repository'
            cand new 'Open a new ticket and print its ID'
            cand list 'List tickets'
            cand show 'Show one ticket with its description, comments, resolution and SLA clocks'
            cand edit 'Change a ticket''s fields'
            cand assign 'Assign a ticket to someone, or take the assignee off'
            cand comment 'Comment on a ticket'
            cand start 'Start work on a ticket'
            cand pending 'Wait on the requester or a third party'
            cand resolve 'Resolve a ticket, saying what fixed it'
            cand close 'Close a resolved ticket'
            cand reopen 'Reopen a resolved or closed ticket'
            cand rate 'Rate a resolved or closed ticket from 1 to 5'
            cand export 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history'
            cand import 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write'
            cand report 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents'
            cand log 'Show who changed a ticket, what, and when'
            cand merge-file 'Merge three versions of a ticket file field by field (Git''s merge driver)'
            cand sla 'Show SLA clocks: response and resolution targets, due times and states'
            cand calendar 'Compute with a business-hours calendar of the config'
            cand sync 'Fetch, merge and push the ticket repository'
            cand escalate 'Apply escalation levels and timed rules; for cron and scheduled CI jobs'
            cand audit 'List every change to tickets and the config, with what needs a second look'
            cand check 'Validate the configuration and every ticket'
            cand hooks 'Install Git hooks for this clone'
            cand completions 'Print a shell completion script'
            cand demo 'Walk through a ticket''s life in a throwaway repository'
            cand generate 'Write generated documentation files'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tix;help;init'= {
        }
        &'tix;help;new'= {
        }
        &'tix;help;list'= {
        }
        &'tix;help;show'= {
        }
        &'tix;help;edit'= {
        }
        &'tix;help;assign'= {
        }
        &'tix;help;comment'= {
        }
        &'tix;help;start'= {
        }
        &'tix;help;pending'= {
        }
        &'tix;help;resolve'= {
        }
        &'tix;help;close'= {
        }
        &'tix;help;reopen'= {
        }
        &'tix;help;rate'= {
        }
        &'tix;help;export'= {
        }
        &'tix;help;import'= {
        }
        &'tix;help;report'= {
        }
        &'tix;help;log'= {
        }
        &'tix;help;merge-file'= {
        }
        &'tix;help;sla'= {
            cand check 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
            cand explain 'Show how one clock was computed, step by step'
        }
        &'tix;help;sla;check'= {
        }
        &'tix;help;sla;explain'= {
        }
        &'tix;help;calendar'= {
        }
        &'tix;help;sync'= {
        }
        &'tix;help;escalate'= {
        }
        &'tix;help;audit'= {
        }
        &'tix;help;check'= {
        }
        &'tix;help;hooks'= {
            cand install 'Add a pre-commit hook that validates staged tickets and config'
        }
        &'tix;help;hooks;install'= {
        }
        &'tix;help;completions'= {
        }
        &'tix;help;demo'= {
        }
        &'tix;help;generate'= {
        }
        &'tix;help;help'= {
        }
    ]
    $completions[$command]
}
