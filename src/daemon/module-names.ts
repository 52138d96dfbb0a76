/**
 * Every daemon module's name, in start order: the config sections the daemon knows. Kept apart
 * from modules.ts so a command that only reads the config (`scan ports`, `playbooks lint`, the
 * TUI's key config) loads no module; a test holds this list equal to the modules' own names.
 */
export const MODULE_NAMES = ['clouds', 'ingest', 'triage', 'assets', 'scan', 'notify', 'sla', 'leaks', 'playbooks', 'incidents', 'reports', 'intel', 'correlation', 'demo'] as const;
