# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tix_global_optspecs
    string join \n C= actor= q/quiet no-input detached color= no-pager h/help V/version
end

function __fish_tix_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tix_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tix_using_subcommand
    set -l cmd (__fish_tix_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tix -n "__fish_tix_needs_command" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_needs_command" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_needs_command" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_needs_command" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_needs_command" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_needs_command" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_needs_command" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_needs_command" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_needs_command" -f -a "init" -d 'Make this directory a ticket repository'
complete -c tix -n "__fish_tix_needs_command" -f -a "new" -d 'Open a new ticket and print its ID'
complete -c tix -n "__fish_tix_needs_command" -f -a "list" -d 'List tickets'
complete -c tix -n "__fish_tix_needs_command" -f -a "show" -d 'Show one ticket with its description, comments, resolution and SLA clocks'
complete -c tix -n "__fish_tix_needs_command" -f -a "edit" -d 'Change a ticket\'s fields'
complete -c tix -n "__fish_tix_needs_command" -f -a "assign" -d 'Assign a ticket to someone, or take the assignee off'
complete -c tix -n "__fish_tix_needs_command" -f -a "comment" -d 'Comment on a ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "start" -d 'Start work on a ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "pending" -d 'Wait on the requester or a third party'
complete -c tix -n "__fish_tix_needs_command" -f -a "resolve" -d 'Resolve a ticket, saying what fixed it'
complete -c tix -n "__fish_tix_needs_command" -f -a "close" -d 'Close a resolved ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "reopen" -d 'Reopen a resolved or closed ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "rate" -d 'Rate a resolved or closed ticket from 1 to 5'
complete -c tix -n "__fish_tix_needs_command" -f -a "export" -d 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history'
complete -c tix -n "__fish_tix_needs_command" -f -a "import" -d 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write'
complete -c tix -n "__fish_tix_needs_command" -f -a "report" -d 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents'
complete -c tix -n "__fish_tix_needs_command" -f -a "log" -d 'Show who changed a ticket, what, and when'
complete -c tix -n "__fish_tix_needs_command" -f -a "merge-file" -d 'Merge three versions of a ticket file field by field (Git\'s merge driver)'
complete -c tix -n "__fish_tix_needs_command" -f -a "sla" -d 'Show SLA clocks: response and resolution targets, due times and states'
complete -c tix -n "__fish_tix_needs_command" -f -a "calendar" -d 'Compute with a business-hours calendar of the config'
complete -c tix -n "__fish_tix_needs_command" -f -a "sync" -d 'Fetch, merge and push the ticket repository'
complete -c tix -n "__fish_tix_needs_command" -f -a "escalate" -d 'Apply escalation levels and timed rules; for cron and scheduled CI jobs'
complete -c tix -n "__fish_tix_needs_command" -f -a "audit" -d 'List every change to tickets and the config, with what needs a second look'
complete -c tix -n "__fish_tix_needs_command" -f -a "check" -d 'Validate the configuration and every ticket'
complete -c tix -n "__fish_tix_needs_command" -f -a "hooks" -d 'Install Git hooks for this clone'
complete -c tix -n "__fish_tix_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tix -n "__fish_tix_needs_command" -f -a "demo" -d 'Walk through a ticket\'s life in a throwaway repository'
complete -c tix -n "__fish_tix_needs_command" -f -a "generate" -d 'Write generated documentation files'
complete -c tix -n "__fish_tix_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand init" -l prefix -d 'Prefix of ticket IDs, e.g. IT for IT-7KQ2M4X1' -r
complete -c tix -n "__fish_tix_using_subcommand init" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand init" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand init" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand init" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand init" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand init" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand init" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand init" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand new" -s t -l title -d 'One-line summary of the request, at most 200 characters' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l type -d 'Kind of ticket (from the config\'s `types`; default `default_type`)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -s p -l priority -d 'Priority (from the config\'s `priorities`; default `default_priority`)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l category -d 'Category (from the config\'s `categories`)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l requester -d 'Who asked for it' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l assignee -d 'Who works on it' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l team -d 'Team responsible' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l impact -d 'Impact (from the config\'s `priority_matrix.impacts`); with --urgency it sets the priority through the matrix' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l urgency -d 'Urgency (from the config\'s `priority_matrix.urgencies`)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -s d -l description -d 'Longer description; `-` reads it from stdin' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l field -d 'Custom field, repeatable: --field asset=LT-042' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l tag -d 'Tag, repeatable (or comma-separated)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l due -d 'Due date: YYYY-MM-DD or an RFC 3339 time' -r
complete -c tix -n "__fish_tix_using_subcommand new" -s m -l message -d 'A first public comment from you, in the same commit. When an agent opens a ticket with one, it is the first response (sla.agent_opened: public_message)' -r
complete -c tix -n "__fish_tix_using_subcommand new" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand new" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand new" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand new" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand new" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand new" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand new" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand new" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand list" -l status -d 'Only these statuses (implies tickets in done statuses are included if named)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l assignee -d 'Only tickets assigned to one of these (`-` for unassigned)' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l priority -d 'Only these priorities' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l category -d 'Only these categories' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l type -d 'Only these types' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l team -d 'Only these teams' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l tag -d 'Only tickets carrying every one of these tags' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l sort -d 'Sort order' -r -f -a "priority\t'Most urgent priority first, then workflow order of status, then ID'
status\t'Workflow order of status, then priority'
id\t''
title\t''
assignee\t''
category\t''
type\t''"
complete -c tix -n "__fish_tix_using_subcommand list" -s n -l limit -d 'Show at most N tickets' -r
complete -c tix -n "__fish_tix_using_subcommand list" -s f -l format -d 'Output format' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand list" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand list" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand list" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand list" -s a -l all -d 'Include resolved and closed tickets'
complete -c tix -n "__fish_tix_using_subcommand list" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand list" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand list" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand list" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand list" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand show" -s f -l format -d 'Output format (csv is not available for a single ticket)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand show" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand show" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand show" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand show" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand show" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand show" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand show" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand show" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand edit" -s s -l set -d 'Set a field, repeatable: --set priority=P1 --set tags=vpn,remote' -r
complete -c tix -n "__fish_tix_using_subcommand edit" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand edit" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand edit" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand edit" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand edit" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand edit" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand edit" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand edit" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand assign" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand assign" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand assign" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand assign" -l unassign -d 'Remove the assignee'
complete -c tix -n "__fish_tix_using_subcommand assign" -l auto -d 'Pick an agent of the ticket\'s team by the team\'s assignment strategy'
complete -c tix -n "__fish_tix_using_subcommand assign" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand assign" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand assign" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand assign" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand assign" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand comment" -s m -l message -d 'The comment text; `-` reads it from stdin' -r
complete -c tix -n "__fish_tix_using_subcommand comment" -l author -d 'Record the comment as written by someone else (e.g. the requester\'s mail); default: the actor' -r
complete -c tix -n "__fish_tix_using_subcommand comment" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand comment" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand comment" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand comment" -l internal -d 'An internal note, hidden from the requester'
complete -c tix -n "__fish_tix_using_subcommand comment" -l automated -d 'Written by a machine: never a response or a requester message for the SLA clocks'
complete -c tix -n "__fish_tix_using_subcommand comment" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand comment" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand comment" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand comment" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand comment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand comment" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand start" -s m -l message -d 'Also add a public comment with this text, in the same commit' -r
complete -c tix -n "__fish_tix_using_subcommand start" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand start" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand start" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand start" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand start" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand start" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand start" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand start" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand pending" -s m -l message -d 'Also add a public comment with this text, in the same commit' -r
complete -c tix -n "__fish_tix_using_subcommand pending" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand pending" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand pending" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand pending" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand pending" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand pending" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand pending" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand pending" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand pending" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand resolve" -s m -l message -d 'Also add a public comment with this text, in the same commit' -r
complete -c tix -n "__fish_tix_using_subcommand resolve" -s r -l resolution -d 'What fixed it; required (asked for on a terminal if missing)' -r
complete -c tix -n "__fish_tix_using_subcommand resolve" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand resolve" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand resolve" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand resolve" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand resolve" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand resolve" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand resolve" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand resolve" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand close" -s m -l message -d 'Also add a public comment with this text, in the same commit' -r
complete -c tix -n "__fish_tix_using_subcommand close" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand close" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand close" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand close" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand close" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand close" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand close" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand close" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s m -l message -d 'Also add a public comment with this text, in the same commit' -r
complete -c tix -n "__fish_tix_using_subcommand reopen" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand reopen" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand reopen" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand reopen" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand reopen" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand reopen" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand rate" -s m -l message -d 'A comment on the resolution' -r
complete -c tix -n "__fish_tix_using_subcommand rate" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand rate" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand rate" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand rate" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand rate" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand rate" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand rate" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand rate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand rate" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand export" -l status -d 'Only these statuses (implies tickets in done statuses are included if named)' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l assignee -d 'Only tickets assigned to one of these (`-` for unassigned)' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l priority -d 'Only these priorities' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l category -d 'Only these categories' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l type -d 'Only these types' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l team -d 'Only these teams' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l tag -d 'Only tickets carrying every one of these tags' -r
complete -c tix -n "__fish_tix_using_subcommand export" -s f -l format -d 'Output format' -r -f -a "json\t'One document: `{"version": 1, "tickets": [...]}`'
jsonl\t'One ticket record per line'
csv\t'A header row, one row per ticket, custom fields as `field.NAME` columns'"
complete -c tix -n "__fish_tix_using_subcommand export" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand export" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand export" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand export" -l open -d 'Only unfinished tickets (what `tix list` shows)'
complete -c tix -n "__fish_tix_using_subcommand export" -l with-history -d 'Add each ticket\'s history (JSON and JSON Lines only)'
complete -c tix -n "__fish_tix_using_subcommand export" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand export" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand export" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand export" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand export" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand import" -l input-format -d 'The input\'s format (default: by extension; .csv is CSV, anything else JSON)' -r -f -a "json\t'A JSON document, an array of records or JSON Lines'
csv\t'Comma-separated values with a header row'"
complete -c tix -n "__fish_tix_using_subcommand import" -l key -d 'The column (CSV) or key (JSON) holding each record\'s key in the old system, kept as the custom field external_id so a second import updates instead of duplicating' -r
complete -c tix -n "__fish_tix_using_subcommand import" -l map -d 'Read column COLUMN as tix field FIELD (`--map Subject=title`; custom fields as fields.NAME)' -r
complete -c tix -n "__fish_tix_using_subcommand import" -s f -l format -d 'Format of the summary' -r -f -a "table\t'One line for people'
json\t'`{"version": 1, "created", "updated", "unchanged", "commits", "dry_run"}`'"
complete -c tix -n "__fish_tix_using_subcommand import" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand import" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand import" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand import" -l strict -d 'Refuse records whose assignee or history actors are not agents (or the requester)'
complete -c tix -n "__fish_tix_using_subcommand import" -l dry-run -d 'Check everything and say what would be created and updated, writing nothing'
complete -c tix -n "__fish_tix_using_subcommand import" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand import" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand import" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand import" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand import" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand report" -l since -d 'Start of the period, included (YYYY-MM-DD or RFC 3339); default 30 days before --until' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l until -d 'End of the period, excluded (YYYY-MM-DD or RFC 3339); default just after now (or --as-of), so everything up to then counts' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l as-of -d 'Use only history up to this time (RFC 3339 or YYYY-MM-DD), to reproduce a past report' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l by -d 'Also show the figures per assignee, team, category, priority, type, requester, org (organisation), week or day' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l recurring-min -d 'How many tickets created in the period make a title or category + tag recurring' -r
complete -c tix -n "__fish_tix_using_subcommand report" -s f -l format -d 'Output format' -r -f -a "table\t'Sections of aligned tables with sparklines, for the terminal'
json\t'One JSON document with `"version": 1` (keys documented in README)'
csv\t'One row for the period, then one per group'
markdown\t'A compact summary for CI job pages ($GITHUB_STEP_SUMMARY)'
html\t'A self-contained dashboard page with charts (use with -o)'"
complete -c tix -n "__fish_tix_using_subcommand report" -s o -l output -d 'Write to this file instead of standard output (replaced whole, or left untouched on error)' -r -F
complete -c tix -n "__fish_tix_using_subcommand report" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand report" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand report" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand report" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand report" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand report" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand report" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand report" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand log" -s f -l format -d 'Output format (table or json)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand log" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand log" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand log" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand log" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand log" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand log" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand log" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand log" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand merge-file" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand merge-file" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand merge-file" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand merge-file" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l as-of -d 'Evaluate the clocks as they stood at this time (RFC 3339 or YYYY-MM-DD), using only history up to then' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -s f -l format -d 'Output format (table or json)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l all -d 'Every ticket, resolved and closed ones included (default: open tickets only)'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -a "check" -d 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -a "explain" -d 'Show how one clock was computed, step by step'
complete -c tix -n "__fish_tix_using_subcommand sla; and not __fish_seen_subcommand_from check explain help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l warn-before -d 'Count a running clock as warning once at most this much business time remains (e.g. 2h), instead of the policy\'s warning threshold' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l fail-on -d 'What makes the check fail' -r -f -a "breach\t'Breached clocks fail'
warning\t'Breached clocks and clocks in warning fail'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
junit\t'JUnit XML: one test case per ticket clock'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l as-of -d 'Evaluate as of this time (RFC 3339 or YYYY-MM-DD)' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l clock -d 'Which clock' -r -f -a "first_response\t'Time to the first public reply by an agent'
resolution\t'Time to resolution'
next_response\t'Time to answer each later requester message'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l cycle -d 'Which cycle of the clock (next-response clocks and new-cycle resolution clocks count up from 1); default: the latest' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l as-of -d 'Explain the clock as it stood at this time (RFC 3339 or YYYY-MM-DD)' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -s f -l format -d 'Output format (table or json)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from help" -f -a "check" -d 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show how one clock was computed, step by step'
complete -c tix -n "__fish_tix_using_subcommand sla; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand calendar" -l add -d 'START DURATION: when DURATION of open time has passed since START' -r
complete -c tix -n "__fish_tix_using_subcommand calendar" -l between -d 'A B: the open time between A and B' -r
complete -c tix -n "__fish_tix_using_subcommand calendar" -l is-open -d 'T: whether the calendar is open at T' -r
complete -c tix -n "__fish_tix_using_subcommand calendar" -s f -l format -d 'Output format (table or json)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand calendar" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand calendar" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand calendar" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand calendar" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand calendar" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand calendar" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand calendar" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand calendar" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand calendar" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand sync" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand sync" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand sync" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand sync" -l rebase -d 'Rebase local commits onto the remote instead of merging'
complete -c tix -n "__fish_tix_using_subcommand sync" -l dry-run -d 'Fetch and say what would be merged and pushed; change nothing else'
complete -c tix -n "__fish_tix_using_subcommand sync" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand sync" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand sync" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand sync" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand sync" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand escalate" -s f -l format -d 'Output format of the list of actions' -r -f -a "table\t'One line per escalation'
json\t'A JSON document with `"version": 1`'"
complete -c tix -n "__fish_tix_using_subcommand escalate" -l as-of -d 'Evaluate clocks and timed rules as of this time (RFC 3339 or YYYY-MM-DD) instead of now' -r
complete -c tix -n "__fish_tix_using_subcommand escalate" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand escalate" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand escalate" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand escalate" -l dry-run -d 'Print what would happen; write nothing and run no hooks'
complete -c tix -n "__fish_tix_using_subcommand escalate" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand escalate" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand escalate" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand escalate" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand escalate" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand audit" -l since -d 'Only commits from this time on (anything `git log --since` accepts, e.g. 2026-01-01)' -r
complete -c tix -n "__fish_tix_using_subcommand audit" -l until -d 'Only commits up to this time' -r
complete -c tix -n "__fish_tix_using_subcommand audit" -s f -l format -d 'Output format (table or json)' -r -f -a "table\t'Aligned columns for people (the default)'
json\t'One JSON document with `"version": 1`; field names are documented in README'
csv\t'Comma-separated values with a header row'
yaml\t'The JSON document\'s content as YAML'"
complete -c tix -n "__fish_tix_using_subcommand audit" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand audit" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand audit" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand audit" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand audit" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand audit" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand audit" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand audit" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand check" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand check" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand check" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand check" -l staged -d 'Check only the ticket files and config staged for the next commit (fast; for hooks)'
complete -c tix -n "__fish_tix_using_subcommand check" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand check" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand check" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand check" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand check" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -f -a "install" -d 'Add a pre-commit hook that validates staged tickets and config'
complete -c tix -n "__fish_tix_using_subcommand hooks; and not __fish_seen_subcommand_from install help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l force -d 'Replace an existing pre-commit hook (it is kept as pre-commit.before-tix)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from help" -f -a "install" -d 'Add a pre-commit hook that validates staged tickets and config'
complete -c tix -n "__fish_tix_using_subcommand hooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand completions" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand completions" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand completions" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand completions" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand completions" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand completions" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand completions" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand demo" -l dir -d 'Where to create the demo repository (must not exist yet)' -r -F
complete -c tix -n "__fish_tix_using_subcommand demo" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand demo" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand demo" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand demo" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand demo" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand demo" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand demo" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand demo" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand generate" -s C -d 'Run as if tix was started in DIR' -r -F
complete -c tix -n "__fish_tix_using_subcommand generate" -l actor -d 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git\'s user.name and user.email' -r
complete -c tix -n "__fish_tix_using_subcommand generate" -l color -d 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE' -r -f -a "auto\t'On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)'
always\t'Always, even when piped'
never\t'Never'"
complete -c tix -n "__fish_tix_using_subcommand generate" -s q -l quiet -d 'Print no status messages on stderr (errors and warnings still appear)'
complete -c tix -n "__fish_tix_using_subcommand generate" -l no-input -d 'Never prompt, even on a terminal; missing values are errors that name the flag to pass'
complete -c tix -n "__fish_tix_using_subcommand generate" -l detached -d 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost'
complete -c tix -n "__fish_tix_using_subcommand generate" -l no-pager -d 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)'
complete -c tix -n "__fish_tix_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tix -n "__fish_tix_using_subcommand generate" -s V -l version -d 'Print version'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "init" -d 'Make this directory a ticket repository'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "new" -d 'Open a new ticket and print its ID'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "list" -d 'List tickets'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "show" -d 'Show one ticket with its description, comments, resolution and SLA clocks'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "edit" -d 'Change a ticket\'s fields'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "assign" -d 'Assign a ticket to someone, or take the assignee off'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "comment" -d 'Comment on a ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "start" -d 'Start work on a ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "pending" -d 'Wait on the requester or a third party'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "resolve" -d 'Resolve a ticket, saying what fixed it'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "close" -d 'Close a resolved ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "reopen" -d 'Reopen a resolved or closed ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "rate" -d 'Rate a resolved or closed ticket from 1 to 5'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "export" -d 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "import" -d 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "report" -d 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "log" -d 'Show who changed a ticket, what, and when'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "merge-file" -d 'Merge three versions of a ticket file field by field (Git\'s merge driver)'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "sla" -d 'Show SLA clocks: response and resolution targets, due times and states'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "calendar" -d 'Compute with a business-hours calendar of the config'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "sync" -d 'Fetch, merge and push the ticket repository'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "escalate" -d 'Apply escalation levels and timed rules; for cron and scheduled CI jobs'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "audit" -d 'List every change to tickets and the config, with what needs a second look'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "check" -d 'Validate the configuration and every ticket'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "hooks" -d 'Install Git hooks for this clone'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "demo" -d 'Walk through a ticket\'s life in a throwaway repository'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "generate" -d 'Write generated documentation files'
complete -c tix -n "__fish_tix_using_subcommand help; and not __fish_seen_subcommand_from init new list show edit assign comment start pending resolve close reopen rate export import report log merge-file sla calendar sync escalate audit check hooks completions demo generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from sla" -f -a "check" -d 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from sla" -f -a "explain" -d 'Show how one clock was computed, step by step'
complete -c tix -n "__fish_tix_using_subcommand help; and __fish_seen_subcommand_from hooks" -f -a "install" -d 'Add a pre-commit hook that validates staged tickets and config'
