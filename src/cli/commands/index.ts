import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.js';

/** Each command narrows its own args from GlobalArgs; yargs wants one list type. */
export type AnyCommand = CommandModule<GlobalArgs, GlobalArgs>;

/**
 * One record per top-level command: what `--help` lists, and how to load the real module. Only
 * the chosen command's module is imported (see lazy-commands.ts), so `socdeck vercmp` loads
 * neither React nor the daemon nor the other twenty commands.
 */
export interface CommandEntry {
  /** As yargs wants it, positionals included (`vercmp <a> <b>`); `$0` is the default command. */
  command: string;
  describe: string;
  aliases?: readonly string[];
  load(): Promise<AnyCommand>;
}

const entry = (command: string, describe: string, load: () => Promise<unknown>, aliases?: readonly string[]): CommandEntry => ({
  command,
  describe,
  load: load as () => Promise<AnyCommand>,
  ...(aliases ? { aliases } : {}),
});

export const COMMANDS: readonly CommandEntry[] = [
  entry('$0', 'Open the TUI: attach to the running daemon, or start an embedded one', async () => (await import('./attach.js')).attachCommand),
  entry('daemon', 'Run the daemon in the foreground (logs to stderr)', async () => (await import('./daemon.js')).daemonCommand),
  entry('status', 'Show the running daemon: version, clients, alert counts, sources, modules', async () => (await import('./status.js')).statusCommand),
  entry('alerts <command>', 'Alert queue commands', async () => (await import('./alerts.js')).alertsCommand),
  entry('audit', 'Who changed what and when (newest first)', async () => (await import('./audit.js')).auditCommand),
  entry('suppress <command>', 'Suppression rules: hide matching alerts for a while (counted, never deleted)', async () => (await import('./suppress.js')).suppressCommand),
  entry(
    'parse <files..>',
    'Parse alert files offline: normalised alerts as JSONL on stdout, one {"file","line","reason"} per rejected record on stderr (exit 1 if any)',
    async () => (await import('./parse.js')).parseCommand,
  ),
  entry('quarantine <command>', 'Records intake could not parse: list them, export their raw bytes, re-ingest them', async () => (await import('./quarantine.js')).quarantineCommand),
  entry('scan <command>', 'Risk detection: port scans, full scans, history, engine imports', async () => (await import('./scan.js')).scanCommand),
  entry('findings <command>', 'Scan findings', async () => (await import('./scan.js')).findingsCommand),
  entry('finding <command>', 'Act on one finding: accept, verify, plan', async () => (await import('./scan.js')).findingCommand),
  entry('leaks <command>', 'Key-leak monitoring: scan paths and git history, list and show leaks', async () => (await import('./leaks.js')).leaksCommand),
  entry('playbooks <command>', 'Incident-response playbooks: lint, git log, diff (no daemon needed)', async () => (await import('./playbooks.js')).playbooksCommand),
  entry('incident <command>', 'Incident response cases', async () => (await import('./incident.js')).incidentCommand, ['incidents']),
  entry('sla <command>', 'SLA clocks and business-calendar maths', async () => (await import('./sla.js')).slaCommand),
  entry('notify <command>', 'Notification channels: test a channel, inspect the outbox', async () => (await import('./notify.js')).notifyCommand),
  entry('report <command>', 'Deliverables: weekly, monthly, quarterly, advisory, leak and incident reports', async () => (await import('./report.js')).reportCommand),
  entry('assess <command>', 'Security assessment engine (rule packs in config/assessment)', async () => (await import('./assess.js')).assessCommand),
  entry('intel <command>', 'Vulnerability intel: feed import, offline matching, status, advisories', async () => (await import('./intel.js')).intelCommand),
  entry('advisories <command>', 'Major Vulnerability Advisories (drafts from intel matching)', async () => (await import('./intel.js')).advisoriesCommand),
  entry('store <command>', 'The store: check and repair the journal, migrate between json and postgres', async () => (await import('./store.js')).storeCommand),
  entry('sources <command>', 'Alert sources: webhook ingest tokens (admin only)', async () => (await import('./sources.js')).sourcesCommand),
  entry('users <command>', 'Analyst identities: add, list, rotate, revoke (admin only)', async () => (await import('./users.js')).usersCommand),
  entry('cases <command>', 'Correlated attack chains: list, show, merge, split, escalate', async () => (await import('./cases.js')).casesCommand),
  entry('sigma <command>', 'Sigma rules over raw logs: test a rule on a log file, lint a rules folder (no daemon needed)', async () => (await import('./sigma.js')).sigmaCommand),
  entry('vercmp <a> <b>', 'Compare two versions exactly under one scheme; prints -1, 0 or 1', async () => (await import('./vercmp.js')).vercmpCommand),
  entry('cloud <command>', "Customers' cloud accounts (Tencent Cloud): list them, sync one now", async () => (await import('./cloud.js')).cloudCommand),
];
