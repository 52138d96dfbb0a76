/**
 * Every store collection's name, declared once. A service owns the collections it writes; others
 * may read them (reports, incidents) but take the name from here, so a rename is one edit and two
 * services can never disagree on a spelling.
 */
export const ALERTS = 'alerts';
export const QUARANTINE = 'quarantine';
export const SOURCE_OFFSETS = 'source_offsets';
export const SOURCE_CURSORS = 'source_cursors';
export const SUPPRESSIONS = 'suppressions';
export const SAVED_FILTERS = 'saved_filters';
export const AUDIT = 'audit';
export const INCIDENTS = 'incidents';
export const SLA_CLOCKS = 'sla_clocks';
export const SLA_BREACHES = 'sla_breaches';
export const NOTIFY_OUTBOX = 'notify_outbox';
export const ASSETS = 'assets';
export const SCANS = 'scan_runs';
export const FINDINGS = 'scan_findings';
export const LEAKS = 'leaks';
export const LEAK_FINDINGS = 'leak_findings';
export const LEAK_GIT_STATE = 'leak_git_state';
export const LEAK_WATCH_STATE = 'leak_watch_state';
export const PLAYBOOK_CATALOG = 'playbook_catalog';
export const INTEL_VULNS = 'intel_vulns';
export const INTEL_KEV = 'intel_kev';
export const INTEL_FEEDS = 'intel_feeds';
export const INTEL_ASSETS = 'intel_assets';
export const INTEL_INVENTORY_HISTORY = 'intel_inventory_history';
export const ADVISORIES = 'advisories';
export const CASES = 'cases';
export const CORRELATION_WINDOWS = 'correlation_windows';
export const USERS = 'users';
export const CLOUD_ACCOUNTS = 'cloud_accounts';
export const CWP_CURSORS = 'tencent_cwp_cursors';
export const LEAK_CLOUD_ACTIVITY = 'leak_cloud_activity';
