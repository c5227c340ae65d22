
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tix' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tix'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tix' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Make this directory a ticket repository')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Open a new ticket and print its ID')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one ticket with its description, comments, resolution and SLA clocks')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a ticket''s fields')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to someone, or take the assignee off')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Comment on a ticket')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start work on a ticket')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Wait on the requester or a third party')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve a ticket, saying what fixed it')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a resolved ticket')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate a resolved or closed ticket from 1 to 5')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show who changed a ticket, what, and when')
            [CompletionResult]::new('merge-file', 'merge-file', [CompletionResultType]::ParameterValue, 'Merge three versions of a ticket file field by field (Git''s merge driver)')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'Show SLA clocks: response and resolution targets, due times and states')
            [CompletionResult]::new('calendar', 'calendar', [CompletionResultType]::ParameterValue, 'Compute with a business-hours calendar of the config')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Fetch, merge and push the ticket repository')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Apply escalation levels and timed rules; for cron and scheduled CI jobs')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List every change to tickets and the config, with what needs a second look')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration and every ticket')
            [CompletionResult]::new('hooks', 'hooks', [CompletionResultType]::ParameterValue, 'Install Git hooks for this clone')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through a ticket''s life in a throwaway repository')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write generated documentation files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;init' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix of ticket IDs, e.g. IT for IT-7KQ2M4X1')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;new' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'One-line summary of the request, at most 200 characters')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'One-line summary of the request, at most 200 characters')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Kind of ticket (from the config''s `types`; default `default_type`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Priority (from the config''s `priorities`; default `default_priority`)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Priority (from the config''s `priorities`; default `default_priority`)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category (from the config''s `categories`)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Who asked for it')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Who works on it')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Team responsible')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'Impact (from the config''s `priority_matrix.impacts`); with --urgency it sets the priority through the matrix')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'Urgency (from the config''s `priority_matrix.urgencies`)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Longer description; `-` reads it from stdin')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Longer description; `-` reads it from stdin')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Custom field, repeatable: --field asset=LT-042')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag, repeatable (or comma-separated)')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Due date: YYYY-MM-DD or an RFC 3339 time')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'A first public comment from you, in the same commit. When an agent opens a ticket with one, it is the first response (sla.agent_opened: public_message)')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'A first public comment from you, in the same commit. When an agent opens a ticket with one, it is the first response (sla.agent_opened: public_message)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (implies tickets in done statuses are included if named)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of these (`-` for unassigned)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Only these teams')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets carrying every one of these tags')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort order')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N tickets')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tickets')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Include resolved and closed tickets')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include resolved and closed tickets')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;show' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (csv is not available for a single ticket)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (csv is not available for a single ticket)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;edit' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Set a field, repeatable: --set priority=P1 --set tags=vpn,remote')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set a field, repeatable: --set priority=P1 --set tags=vpn,remote')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;assign' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--unassign', '--unassign', [CompletionResultType]::ParameterName, 'Remove the assignee')
            [CompletionResult]::new('--auto', '--auto', [CompletionResultType]::ParameterName, 'Pick an agent of the ticket''s team by the team''s assignment strategy')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;comment' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The comment text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The comment text; `-` reads it from stdin')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Record the comment as written by someone else (e.g. the requester''s mail); default: the actor')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'An internal note, hidden from the requester')
            [CompletionResult]::new('--automated', '--automated', [CompletionResultType]::ParameterName, 'Written by a machine: never a response or a requester message for the SLA clocks')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;start' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;pending' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;resolve' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'What fixed it; required (asked for on a terminal if missing)')
            [CompletionResult]::new('--resolution', '--resolution', [CompletionResultType]::ParameterName, 'What fixed it; required (asked for on a terminal if missing)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;close' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;reopen' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Also add a public comment with this text, in the same commit')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;rate' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'A comment on the resolution')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'A comment on the resolution')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;export' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (implies tickets in done statuses are included if named)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of these (`-` for unassigned)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Only these teams')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets carrying every one of these tags')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Only unfinished tickets (what `tix list` shows)')
            [CompletionResult]::new('--with-history', '--with-history', [CompletionResultType]::ParameterName, 'Add each ticket''s history (JSON and JSON Lines only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;import' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The input''s format (default: by extension; .csv is CSV, anything else JSON)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The column (CSV) or key (JSON) holding each record''s key in the old system, kept as the custom field external_id so a second import updates instead of duplicating')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Read column COLUMN as tix field FIELD (`--map Subject=title`; custom fields as fields.NAME)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Format of the summary')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the summary')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse records whose assignee or history actors are not agents (or the requester)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything and say what would be created and updated, writing nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period, included (YYYY-MM-DD or RFC 3339); default 30 days before --until')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period, excluded (YYYY-MM-DD or RFC 3339); default just after now (or --as-of), so everything up to then counts')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Use only history up to this time (RFC 3339 or YYYY-MM-DD), to reproduce a past report')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Also show the figures per assignee, team, category, priority, type, requester, org (organisation), week or day')
            [CompletionResult]::new('--recurring-min', '--recurring-min', [CompletionResultType]::ParameterName, 'How many tickets created in the period make a title or category + tag recurring')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (replaced whole, or left untouched on error)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (replaced whole, or left untouched on error)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;log' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;merge-file' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;sla' {
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Evaluate the clocks as they stood at this time (RFC 3339 or YYYY-MM-DD), using only history up to then')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every ticket, resolved and closed ones included (default: open tickets only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how one clock was computed, step by step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;sla;check' {
            [CompletionResult]::new('--warn-before', '--warn-before', [CompletionResultType]::ParameterName, 'Count a running clock as warning once at most this much business time remains (e.g. 2h), instead of the policy''s warning threshold')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'What makes the check fail')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Evaluate as of this time (RFC 3339 or YYYY-MM-DD)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;sla;explain' {
            [CompletionResult]::new('--clock', '--clock', [CompletionResultType]::ParameterName, 'Which clock')
            [CompletionResult]::new('--cycle', '--cycle', [CompletionResultType]::ParameterName, 'Which cycle of the clock (next-response clocks and new-cycle resolution clocks count up from 1); default: the latest')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Explain the clock as it stood at this time (RFC 3339 or YYYY-MM-DD)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;sla;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how one clock was computed, step by step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;sla;help;check' {
            break
        }
        'tix;sla;help;explain' {
            break
        }
        'tix;sla;help;help' {
            break
        }
        'tix;calendar' {
            [CompletionResult]::new('--add', '--add', [CompletionResultType]::ParameterName, 'START DURATION: when DURATION of open time has passed since START')
            [CompletionResult]::new('--between', '--between', [CompletionResultType]::ParameterName, 'A B: the open time between A and B')
            [CompletionResult]::new('--is-open', '--is-open', [CompletionResultType]::ParameterName, 'T: whether the calendar is open at T')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;sync' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--rebase', '--rebase', [CompletionResultType]::ParameterName, 'Rebase local commits onto the remote instead of merging')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Fetch and say what would be merged and pushed; change nothing else')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;escalate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format of the list of actions')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the list of actions')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Evaluate clocks and timed rules as of this time (RFC 3339 or YYYY-MM-DD) instead of now')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would happen; write nothing and run no hooks')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only commits from this time on (anything `git log --since` accepts, e.g. 2026-01-01)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only commits up to this time')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (table or json)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;check' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--staged', '--staged', [CompletionResultType]::ParameterName, 'Check only the ticket files and config staged for the next commit (fast; for hooks)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;hooks' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Add a pre-commit hook that validates staged tickets and config')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;hooks;install' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing pre-commit hook (it is kept as pre-commit.before-tix)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;hooks;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Add a pre-commit hook that validates staged tickets and config')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;hooks;help;install' {
            break
        }
        'tix;hooks;help;help' {
            break
        }
        'tix;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;demo' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Where to create the demo repository (must not exist yet)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;generate' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tix was started in DIR')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git''s user.name and user.email')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR and CLICOLOR_FORCE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr (errors and warnings still appear)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal; missing values are errors that name the flag to pass')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Allow commits while HEAD is detached (not on a branch); without it tix refuses to write there, as such commits belong to no branch and are easily lost')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tix;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Make this directory a ticket repository')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Open a new ticket and print its ID')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one ticket with its description, comments, resolution and SLA clocks')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a ticket''s fields')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to someone, or take the assignee off')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Comment on a ticket')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start work on a ticket')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Wait on the requester or a third party')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve a ticket, saying what fixed it')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a resolved ticket')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate a resolved or closed ticket from 1 to 5')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Show service metrics over a period: volume, backlog, response and resolution times, SLA attainment, first-contact resolution, reopens, satisfaction, workload, recurring incidents')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show who changed a ticket, what, and when')
            [CompletionResult]::new('merge-file', 'merge-file', [CompletionResultType]::ParameterValue, 'Merge three versions of a ticket file field by field (Git''s merge driver)')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'Show SLA clocks: response and resolution targets, due times and states')
            [CompletionResult]::new('calendar', 'calendar', [CompletionResultType]::ParameterValue, 'Compute with a business-hours calendar of the config')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Fetch, merge and push the ticket repository')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Apply escalation levels and timed rules; for cron and scheduled CI jobs')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List every change to tickets and the config, with what needs a second look')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration and every ticket')
            [CompletionResult]::new('hooks', 'hooks', [CompletionResultType]::ParameterValue, 'Install Git hooks for this clone')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through a ticket''s life in a throwaway repository')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write generated documentation files')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tix;help;init' {
            break
        }
        'tix;help;new' {
            break
        }
        'tix;help;list' {
            break
        }
        'tix;help;show' {
            break
        }
        'tix;help;edit' {
            break
        }
        'tix;help;assign' {
            break
        }
        'tix;help;comment' {
            break
        }
        'tix;help;start' {
            break
        }
        'tix;help;pending' {
            break
        }
        'tix;help;resolve' {
            break
        }
        'tix;help;close' {
            break
        }
        'tix;help;reopen' {
            break
        }
        'tix;help;rate' {
            break
        }
        'tix;help;export' {
            break
        }
        'tix;help;import' {
            break
        }
        'tix;help;report' {
            break
        }
        'tix;help;log' {
            break
        }
        'tix;help;merge-file' {
            break
        }
        'tix;help;sla' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Fail (exit 1) when an open ticket has a breached SLA clock; for CI')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how one clock was computed, step by step')
            break
        }
        'tix;help;sla;check' {
            break
        }
        'tix;help;sla;explain' {
            break
        }
        'tix;help;calendar' {
            break
        }
        'tix;help;sync' {
            break
        }
        'tix;help;escalate' {
            break
        }
        'tix;help;audit' {
            break
        }
        'tix;help;check' {
            break
        }
        'tix;help;hooks' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Add a pre-commit hook that validates staged tickets and config')
            break
        }
        'tix;help;hooks;install' {
            break
        }
        'tix;help;completions' {
            break
        }
        'tix;help;demo' {
            break
        }
        'tix;help;generate' {
            break
        }
        'tix;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
